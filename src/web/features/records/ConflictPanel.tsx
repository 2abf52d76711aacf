// What changed underneath a member's edit: each field someone changed, with the other
// person's value and the member's own, and for a field both changed a choice of which to
// keep. The form below already holds the member's changes on top of the current version.
import { useI18n } from '../../app/i18n.tsx';
import type { FieldChange } from './conflict.ts';
import type { Conflict } from './editor.ts';
import { FORM_FIELD_META } from './labels.ts';
import { valueText, type ValueContext } from './values.ts';

const CHANGE_LABEL = {
  mine: 'conflict.changedByYou',
  theirs: 'conflict.changedByThem',
  both: 'conflict.changedByBoth',
  same: 'conflict.sameChange',
} as const satisfies Record<FieldChange, string>;

export function ConflictPanel<F extends object>({
  conflict,
  form,
  onTakeMine,
  onTakeTheirs,
  people,
}: {
  conflict: Conflict<F>;
  form: F;
  onTakeMine: (field: Extract<keyof F, string>) => void;
  onTakeTheirs: (field: Extract<keyof F, string>) => void;
  people: ValueContext['people'];
}) {
  const { t, locale } = useI18n();
  const ctx: ValueContext = { t, locale, people };
  const text = (field: string, value: unknown) =>
    valueText(field, FORM_FIELD_META[field], value, ctx) || t('history.empty');
  return (
    <section
      className="alert alert-warning conflict"
      aria-labelledby="conflict-title"
      data-testid="edit-conflict"
    >
      <h2 id="conflict-title">{t('conflict.title')}</h2>
      <p>{t('conflict.intro')}</p>
      <ul className="conflict-list">
        {conflict.fields.map((c) => {
          const label = t(FORM_FIELD_META[c.field]?.label ?? 'records.field.notes');
          const usingMine = JSON.stringify(form[c.field]) === JSON.stringify(c.mine);
          return (
            <li key={c.field} data-testid={`conflict-${c.field}`}>
              <h3>{label}</h3>
              <p className="hint">{t(CHANGE_LABEL[c.change])}</p>
              <dl className="facts">
                {c.change !== 'mine' ? (
                  <div>
                    <dt>{t('conflict.theirs')}</dt>
                    <dd className="pre-wrap">{text(c.field, c.theirs)}</dd>
                  </div>
                ) : null}
                {c.change !== 'theirs' ? (
                  <div>
                    <dt>{t('conflict.yours')}</dt>
                    <dd className="pre-wrap">{text(c.field, c.mine)}</dd>
                  </div>
                ) : null}
              </dl>
              {c.change === 'both' ? (
                <div className="actions">
                  <button
                    type="button"
                    className={usingMine ? 'button' : 'button secondary'}
                    aria-pressed={usingMine}
                    onClick={() => onTakeMine(c.field)}
                  >
                    {t('conflict.useMine')}
                  </button>
                  <button
                    type="button"
                    className={usingMine ? 'button secondary' : 'button'}
                    aria-pressed={!usingMine}
                    onClick={() => onTakeTheirs(c.field)}
                  >
                    {t('conflict.useTheirs')}
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
