// Controls for coded fields: a choice from a vocabulary, several choices, a date with its
// precision. Labels come from the vocabulary in the member's language; every control has
// a visible <label> (or <legend>).
import { useId } from 'react';
import type { Term } from '../../../common/records/vocabulary.ts';
import { RECORD_DATE_PRECISIONS } from '../../../common/records/vocabulary.ts';
import { useI18n } from '../../app/i18n.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { convertDateInput, type Precision } from './dates.ts';

export function CodeSelect<C extends string>({
  label,
  terms,
  value,
  onChange,
  emptyLabel,
  required,
  testId,
  disabled,
}: {
  label: string;
  terms: readonly Term<C>[];
  value: C | null | '';
  onChange: (value: C | null) => void;
  /** The option for "no value"; omitted when a value is required. */
  emptyLabel?: string;
  required?: boolean;
  testId?: string;
  disabled?: boolean;
}) {
  const { locale } = useI18n();
  return (
    <SelectField
      label={label}
      value={value ?? ''}
      required={required}
      disabled={disabled}
      data-testid={testId}
      onChange={(e) => {
        const found = terms.find((t) => t.code === e.target.value);
        onChange(found ? found.code : null);
      }}
    >
      {emptyLabel !== undefined || value === '' || value === null ? (
        <option value="">{emptyLabel ?? '—'}</option>
      ) : null}
      {terms.map((term) => (
        <option key={term.code} value={term.code}>
          {term.label[locale]}
        </option>
      ))}
    </SelectField>
  );
}

/** Several codes as checkboxes; on a phone the list folds into a <details>. */
export function CodeChecks<C extends string>({
  legend,
  terms,
  value,
  onChange,
  testId,
}: {
  legend: string;
  terms: readonly Term<C>[];
  value: readonly C[];
  onChange: (value: C[]) => void;
  testId?: string;
}) {
  const { locale } = useI18n();
  const id = useId();
  const toggle = (code: C, on: boolean) => {
    const chosen = new Set(value);
    if (on) chosen.add(code);
    else chosen.delete(code);
    // Vocabulary order, so the same choice is always the same list.
    onChange(terms.map((t) => t.code).filter((c) => chosen.has(c)));
  };
  return (
    <fieldset className="field code-checks" data-testid={testId}>
      <legend>{legend}</legend>
      <ul className="check-list">
        {terms.map((term) => (
          <li key={term.code}>
            <input
              type="checkbox"
              id={`${id}-${term.code}`}
              checked={value.includes(term.code)}
              onChange={(e) => toggle(term.code, e.target.checked)}
            />
            <label htmlFor={`${id}-${term.code}`}>{term.label[locale]}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/** A date of a chosen precision: a day, a month, a year, or unknown. */
export function PrecisionDate({
  legend,
  precision,
  value,
  onChange,
}: {
  legend: string;
  precision: Precision;
  value: string;
  onChange: (precision: Precision, value: string) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="field precision-date">
      <legend>{legend}</legend>
      <CodeSelect
        label={t('records.field.datePrecision')}
        terms={RECORD_DATE_PRECISIONS}
        value={precision}
        onChange={(next) => {
          const to = next ?? 'unknown';
          onChange(to, convertDateInput(precision, to, value));
        }}
      />
      {precision === 'day' ? (
        <TextField
          label={t('records.field.day')}
          type="date"
          value={value}
          onChange={(e) => onChange(precision, e.target.value)}
        />
      ) : precision === 'month' ? (
        <TextField
          label={t('records.field.month')}
          type="month"
          placeholder="2026-03"
          pattern="\d{4}-\d{2}"
          value={value}
          onChange={(e) => onChange(precision, e.target.value)}
        />
      ) : precision === 'year' ? (
        <TextField
          label={t('records.field.year')}
          inputMode="numeric"
          pattern="\d{4}"
          maxLength={4}
          value={value}
          onChange={(e) => onChange(precision, e.target.value)}
        />
      ) : null}
    </fieldset>
  );
}
