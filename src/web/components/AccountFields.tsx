import { LOCALES, type Locale } from '../../common/api/accounts.ts';
import { isLocale } from '../../common/i18n/index.ts';
import { useI18n } from '../app/i18n.tsx';
import { SelectField, TextField } from './fields.tsx';
import { LANGUAGE_NAMES } from './LanguageSwitch.tsx';

/** The sign-in e-mail, with the browser hints every account form needs. */
export function EmailField({
  value,
  error,
  onChange,
}: {
  value: string;
  error?: string | undefined;
  onChange(value: string): void;
}) {
  const { t } = useI18n();
  return (
    <TextField
      label={t('field.email')}
      type="email"
      name="email"
      autoComplete="username"
      autoCapitalize="none"
      spellCheck={false}
      value={value}
      error={error}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** The name colleagues see (sealed to the organisation key before it is sent). */
export function DisplayNameField({
  value,
  error,
  onChange,
}: {
  value: string;
  error?: string | undefined;
  onChange(value: string): void;
}) {
  const { t } = useI18n();
  return (
    <TextField
      label={t('field.displayName')}
      name="displayName"
      autoComplete="nickname"
      value={value}
      error={error}
      hint={t('field.displayNameHint')}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** An organisation's short name, as used in links and at recovery. */
export function SlugField({
  value,
  error,
  hint,
  onChange,
}: {
  value: string;
  error?: string | undefined;
  hint: string;
  onChange(value: string): void;
}) {
  const { t } = useI18n();
  return (
    <TextField
      label={t('field.slug')}
      name="slug"
      autoComplete="off"
      autoCapitalize="none"
      spellCheck={false}
      value={value}
      error={error}
      hint={hint}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** The language an organisation's public pages and new members start in. */
export function DefaultLocaleField({
  value,
  onChange,
}: {
  value: Locale;
  onChange(value: Locale): void;
}) {
  const { t } = useI18n();
  return (
    <SelectField
      label={t('field.defaultLocale')}
      value={value}
      hint={t('setup.defaultLocaleHint')}
      onChange={(e) => {
        if (isLocale(e.target.value)) onChange(e.target.value);
      }}
    >
      {LOCALES.map((l) => (
        <option key={l} value={l} lang={l}>
          {LANGUAGE_NAMES[l]}
        </option>
      ))}
    </SelectField>
  );
}
