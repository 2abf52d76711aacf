// A field's value as words, for the history and the conflict view: codes by their
// vocabulary label, people by code name, sources and perpetrators summarised, sealed
// values as the text they open to.
import type { Locale } from '../../../common/api/accounts.ts';
import type { TranslationKey, TranslationParams } from '../../../common/i18n/index.ts';
import type { PersonRef } from './api.ts';
import {
  codeLabel,
  codesText,
  INVOLVEMENT_VOCABS,
  SOURCE_VOCABS,
  type FieldMeta,
} from './labels.ts';

export interface ValueContext {
  locale: Locale;
  t: (key: TranslationKey, params?: TranslationParams) => string;
  people: Map<string, PersonRef>;
  /** Opens a sealed value (an envelope) of a field; null when it does not open. */
  open?: (column: string, sealed: string) => string | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function personName(id: unknown, ctx: ValueContext): string {
  if (typeof id !== 'string') return '?';
  return ctx.people.get(id)?.codeName ?? id.slice(0, 8);
}

/** One value as text; '' for no value. */
export function valueText(
  field: string,
  meta: FieldMeta | undefined,
  value: unknown,
  ctx: ValueContext,
): string {
  if (value === null || value === undefined || value === '') return '';
  if (meta?.sealedColumn && typeof value === 'string') {
    return ctx.open?.(meta.sealedColumn, value) ?? ctx.t('records.unreadable');
  }
  if (meta?.vocab) {
    if (Array.isArray(value)) return codesText(meta.vocab, value.map(String), ctx.locale);
    return codeLabel(meta.vocab, String(value), ctx.locale);
  }
  if (field === 'victimPersonId' || field === 'personId') return personName(value, ctx);
  if (field === 'perpetrators' && Array.isArray(value)) {
    return value
      .filter(isRecord)
      .map(
        (p) =>
          `${personName(p.personId, ctx)} (${codeLabel(INVOLVEMENT_VOCABS.involvement, String(p.involvement), ctx.locale)}, ${codeLabel(INVOLVEMENT_VOCABS.degree, String(p.degree), ctx.locale)})`,
      )
      .join('; ');
  }
  if (field === 'sources' && Array.isArray(value)) {
    return value
      .filter(isRecord)
      .map((s) => {
        const head = `${codeLabel(SOURCE_VOCABS.type, String(s.type), ctx.locale)}, ${codeLabel(SOURCE_VOCABS.reliability, String(s.reliability), ctx.locale)}`;
        const who = s.personId ? ` · ${personName(s.personId, ctx)}` : '';
        // A form holds the note as text; a snapshot holds it sealed.
        let note = typeof s.note === 'string' ? s.note : '';
        if (typeof s.sealedNote === 'string' && typeof s.id === 'string') {
          note = ctx.open?.(`sources.note.${s.id}`, s.sealedNote) ?? ctx.t('records.unreadable');
        }
        return `${head}${who}${note ? `: ${note}` : ''}`;
      })
      .join('; ');
  }
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return JSON.stringify(value);
}
