import { useI18n } from '../app/i18n.tsx';
import { TextField } from './fields.tsx';

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
