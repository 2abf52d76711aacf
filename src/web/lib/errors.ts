// Turns a failure into words for the person: known server error codes are translated,
// anything else shows the server's own message (written to be read by a person).
import type { MessageKey } from '../../common/i18n/index.ts';
import { DecryptionError } from '../../common/crypto/index.ts';
import { ApiError } from '../api/client.ts';
import type { I18n } from '../app/i18n.tsx';

const CODE_MESSAGES: Record<string, MessageKey> = {
  network: 'error.network',
  bad_response: 'error.badResponse',
  too_many_attempts: 'error.tooManyAttempts',
  invitation_invalid: 'error.invitationInvalid',
  setup_link_invalid: 'error.setupLinkInvalid',
  already_set_up: 'error.alreadySetUp',
  email_taken: 'error.emailTaken',
  last_admin: 'error.lastAdmin',
  not_pending: 'error.notPending',
  self: 'error.self',
  totp_enabled: 'error.totpEnabled',
  totp_not_started: 'error.totpNotStarted',
  totp_off: 'error.totpOff',
  wrong_code: 'error.wrongCode',
  forbidden: 'error.forbidden',
  not_found: 'error.notFound',
  duplicate_of_unknown: 'error.duplicateOfUnknown',
  duplicate_of_duplicate: 'error.duplicateOfDuplicate',
  invalid_assignee: 'error.invalidAssignee',
  cross_site: 'error.crossSite',
  recovery_rejected: 'error.recoveryRejected',
  recovery_expired: 'recovery.expired',
  wrong_credentials: 'login.wrongCredentials',
  totp_required: 'overview.totpRequired',
  wrong_password: 'password.currentWrong',
  challenge_expired: 'login.challengeExpired',
  code_reused: 'login.codeRejected',
  recovery_code_invalid: 'login.recoveryCodeRejected',
};

export function errorText(error: unknown, t: I18n['t']): string {
  if (error instanceof ApiError) {
    if (error.code === 'internal_error') {
      const reference = /Reference: ([\w-]+)/.exec(error.message)?.[1];
      return reference ? t('error.internalWithReference', { reference }) : t('error.internal');
    }
    if (error.code === 'unauthorised') return t('error.sessionEnded');
    const key = CODE_MESSAGES[error.code];
    return key ? t(key) : error.message;
  }
  if (error instanceof DecryptionError) return t('error.decryption');
  return t('error.unexpected');
}

/** The server's message for one field, when its issue path ends with that field name. */
export function fieldIssue(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.issues.find((issue) => issue.path.split('.').at(-1) === field)?.message;
}
