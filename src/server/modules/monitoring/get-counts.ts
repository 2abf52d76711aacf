import type { CountsDto } from '../../../common/api/monitoring.ts';
import {
  COMMENT_LANGUAGES,
  HATE_CATEGORIES,
  type CommentLanguage,
} from '../../../common/monitoring/vocabulary.ts';
import type { Actor } from '../../../common/policy/permissions.ts';
import { countByCategory, tallyByDay, tallyByLanguage, totalTally } from './counts.repository.ts';
import { EMPTY_TALLY, tallyItems } from './items.repository.ts';
import type { MonitoringDeps } from './monitoring.deps.ts';
import { resolveScope } from './scope.ts';

/**
 * The counts of an item or a campaign (monitoring.read): totals, by category, language,
 * day and item, with machine-flagged and human-confirmed always as separate figures. A
 * comment counts as confirmed only through a member's review.
 */
export async function getCounts(options: {
  deps: MonitoringDeps;
  actor: Actor;
  itemId?: string | undefined;
  campaignId?: string | undefined;
}): Promise<CountsDto> {
  const { deps, actor } = options;
  const scope = await resolveScope(deps.db, actor, 'monitoring.read', options);
  const base = { itemId: scope.itemId, campaignId: scope.campaignId };
  if (scope.itemIds.length === 0) {
    return {
      ...base,
      totals: { ...EMPTY_TALLY },
      byCategory: HATE_CATEGORIES.map((category) => ({
        category,
        machineFlagged: 0,
        confirmed: 0,
      })),
      byLanguage: [],
      byDay: [],
      byItem: [],
    };
  }
  const [totals, categories, languages, days, items] = await Promise.all([
    totalTally(deps.db, scope.itemIds),
    countByCategory(deps.db, scope.itemIds),
    tallyByLanguage(deps.db, scope.itemIds),
    tallyByDay(deps.db, scope.itemIds),
    tallyItems(deps.db, scope.itemIds),
  ]);
  const languageOrder = (l: string) => COMMENT_LANGUAGES.indexOf(l as CommentLanguage);
  return {
    ...base,
    totals,
    byCategory: HATE_CATEGORIES.map((category) => ({
      category,
      ...(categories.get(category) ?? { machineFlagged: 0, confirmed: 0 }),
    })),
    byLanguage: languages
      .map((l) => ({ ...l, language: l.language as CommentLanguage }))
      .sort((a, b) => languageOrder(a.language) - languageOrder(b.language)),
    byDay: days,
    byItem: scope.itemIds.map((itemId) => ({ itemId, ...(items.get(itemId) ?? EMPTY_TALLY) })),
  };
}
