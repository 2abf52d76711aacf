import type { Errors } from '../lib/validation.ts';
import { MIN_PASSWORD_LENGTH } from '../lib/validation.ts';
import { useI18n } from '../app/i18n.tsx';
import { TextField } from './fields.tsx';

/** A new password and its confirmation, with the rule shown before anyone gets it wrong. */
export function NewPasswordFields({
  password,
  confirm,
  onPassword,
  onConfirm,
  errors,
  labels,
}: {
  password: string;
  confirm: string;
  onPassword(value: string): void;
  onConfirm(value: string): void;
  errors: Errors<'password' | 'confirm'>;
  labels?: { password: string; confirm: string };
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        label={labels?.password ?? t('field.newPassword')}
        type="password"
        name="new-password"
        autoComplete="new-password"
        value={password}
        error={errors.password}
        hint={t('password.rule', { min: MIN_PASSWORD_LENGTH })}
        onChange={(e) => onPassword(e.target.value)}
      />
      <TextField
        label={labels?.confirm ?? t('field.confirmPassword')}
        type="password"
        name="confirm-password"
        autoComplete="new-password"
        value={confirm}
        error={errors.confirm}
        onChange={(e) => onConfirm(e.target.value)}
      />
    </>
  );
}
