// Client-side checks before any key is derived. They use the server's own zod schemas
// (src/common/api/accounts.ts) and put translated words on them.
import {
  email as emailSchema,
  organisationName,
  slug as slugSchema,
  totpCodeRequest,
  totpLoginRequest,
} from '../../common/api/accounts.ts';
import type { I18n } from '../app/i18n.tsx';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_DISPLAY_NAME_LENGTH = 100;

type T = I18n['t'];
export type Errors<K extends string> = Partial<Record<K, string>>;

export function hasErrors(errors: Record<string, string | undefined>): boolean {
  return Object.values(errors).some(Boolean);
}

export function checkNewPassword(
  password: string,
  confirm: string,
  t: T,
): Errors<'password' | 'confirm'> {
  return {
    password:
      [...password].length < MIN_PASSWORD_LENGTH
        ? t('password.tooShort', { min: MIN_PASSWORD_LENGTH })
        : undefined,
    confirm: confirm !== password ? t('password.mismatch') : undefined,
  };
}

export function checkEmail(value: string, t: T): string | undefined {
  if (value.trim() === '') return t('validation.emailRequired');
  return emailSchema.safeParse(value).success ? undefined : t('validation.emailInvalid');
}

export function checkDisplayName(value: string, t: T): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return t('validation.displayNameRequired');
  if (trimmed.length > MAX_DISPLAY_NAME_LENGTH)
    return t('validation.tooLong', { max: MAX_DISPLAY_NAME_LENGTH });
  return undefined;
}

export function checkOrganisationName(value: string, t: T): string | undefined {
  return organisationName.safeParse(value).success
    ? undefined
    : t('validation.organisationNameRequired');
}

export function checkSlug(value: string, t: T): string | undefined {
  return slugSchema.safeParse(value).success ? undefined : t('validation.slug');
}

export function checkTotpCode(value: string, t: T): string | undefined {
  return totpCodeRequest.shape.code.safeParse(value.replace(/\s/g, '')).success
    ? undefined
    : t('validation.totpCode');
}

export function checkRecoveryCode(value: string, t: T): string | undefined {
  return totpLoginRequest.shape.recoveryCode.safeParse(value).success && value.trim() !== ''
    ? undefined
    : t('validation.recoveryCode');
}
