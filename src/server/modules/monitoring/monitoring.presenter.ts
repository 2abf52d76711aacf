// Rows as API objects: allow-listed fields only (the response schemas back this up).
import type {
  CampaignDto,
  CommentDto,
  ImportResultDto,
  MonitoredItemDto,
} from '../../../common/api/monitoring.ts';
import type { HateCategory, CommentLanguage } from '../../../common/monitoring/vocabulary.ts';
import type { CampaignWithCount } from './campaigns.repository.ts';
import type { CommentRow, ReviewRow } from './comments.repository.ts';
import type { ImportRow } from './imports.repository.ts';
import { EMPTY_TALLY, type ItemRow, type Tally } from './items.repository.ts';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

export function presentCampaign(row: CampaignWithCount): CampaignDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    itemCount: row.item_count,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function presentItem(row: ItemRow, tally: Tally = EMPTY_TALLY): MonitoredItemDto {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    platform: row.platform as MonitoredItemDto['platform'],
    url: row.url,
    author: row.author,
    publishedAt: isoOrNull(row.published_at),
    title: row.title,
    notes: row.notes,
    tally: { ...tally },
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function presentImport(row: ImportRow): ImportResultDto {
  return {
    id: row.id,
    itemId: row.item_id,
    format: row.format as ImportResultDto['format'],
    via: row.via as ImportResultDto['via'],
    status: row.status as ImportResultDto['status'],
    importedBy: row.imported_by,
    startedAt: iso(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
    imported: row.imported,
    duplicates: row.duplicates,
    problemCount: row.problem_count,
    problems: row.problems as ImportResultDto['problems'],
  };
}

interface StoredEvidence {
  rules?: CommentDto['machine']['evidence']['rules'];
  features?: CommentDto['machine']['evidence']['features'];
}

export function presentComment(row: CommentRow): CommentDto {
  const evidence = (row.evidence ?? {}) as StoredEvidence;
  return {
    id: row.id,
    itemId: row.item_id,
    importId: row.import_id,
    line: row.line,
    text: row.text,
    author: row.author,
    postedAt: isoOrNull(row.posted_at),
    url: row.url,
    sourceId: row.source_id,
    sha256: hex(row.sha256),
    importedAt: iso(row.imported_at),
    language: row.language as CommentLanguage,
    machine: {
      hateful: row.machine_hateful,
      score: row.machine_score,
      categories: row.machine_categories as HateCategory[],
      evidence: {
        rules: (evidence.rules ?? []).map((r) => ({
          rule: r.rule,
          signal: r.signal,
          start: r.start,
          end: r.end,
        })),
        features: (evidence.features ?? []).map((f) => ({ feature: f.feature, weight: f.weight })),
      },
      classifierVersion: row.classifier_version,
      classifiedAt: iso(row.classified_at),
    },
    confirmed:
      row.reviewed_at && row.confirmed_hateful !== null
        ? {
            hateful: row.confirmed_hateful,
            categories: (row.confirmed_categories ?? []) as HateCategory[],
            reviewedBy: row.reviewed_by,
            reviewedAt: iso(row.reviewed_at),
          }
        : null,
  };
}

export function presentReview(row: ReviewRow) {
  return {
    id: row.id,
    reviewerId: row.reviewer_id,
    hateful: row.hateful,
    categories: row.categories as HateCategory[],
    agreed: row.agreed,
    reviewedAt: iso(row.reviewed_at),
  };
}

/**
 * The verbatim record a comment's SHA-256 is computed over: canonical JSON (keys sorted,
 * no spaces) of { author, postedAt, sourceId, text, url } — the importers' definition
 * (src/common/monitoring/imported-comment.ts).
 */
export function verbatimRecordOf(row: CommentRow): string {
  return JSON.stringify({
    author: row.author,
    postedAt: isoOrNull(row.posted_at),
    sourceId: row.source_id,
    text: row.text,
    url: row.url,
  });
}
