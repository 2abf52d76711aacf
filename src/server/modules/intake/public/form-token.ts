// CSRF protection of the public forms without a cookie (DESIGN.md: no cookie before a
// reporter signs in) and without JavaScript: the page carries a hidden token, an HMAC of
// the form's purpose and the time it was served. The global Origin check already refuses
// cross-site posts; the token adds an expiry, long enough for a slow, frightened writer
// (config.intake.formTokenHours, 6 h by default), and binds a token to its form.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type FormPurpose = `report:${string}` | 'return' | 'message' | 'sign-out';
export type FormTokenCheck = 'valid' | 'expired' | 'invalid';

const VERSION = 'v1';
/** A token issued a little in the future still counts: clocks of several servers drift. */
const FUTURE_SKEW_MS = 5 * 60_000;

function mac(key: Uint8Array, purpose: FormPurpose, issuedAt: number): string {
  return createHmac('sha256', key)
    .update(`qorgan:form-token:${VERSION}:${purpose}:${issuedAt}`)
    .digest('base64url');
}

export function issueFormToken(key: Uint8Array, purpose: FormPurpose, now: Date): string {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return `${VERSION}.${issuedAt}.${mac(key, purpose, issuedAt)}`;
}

export function checkFormToken(options: {
  key: Uint8Array;
  purpose: FormPurpose;
  token: string | undefined;
  now: Date;
  validHours: number;
}): FormTokenCheck {
  const { token } = options;
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3 || parts[0] !== VERSION || !/^\d{1,12}$/.test(parts[1] ?? '')) {
    return 'invalid';
  }
  const issuedAt = Number(parts[1]);
  const expected = Buffer.from(mac(options.key, options.purpose, issuedAt));
  const given = Buffer.from(parts[2] ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  const ageMs = options.now.getTime() - issuedAt * 1000;
  if (ageMs < -FUTURE_SKEW_MS) return 'invalid';
  if (ageMs > options.validHours * 3_600_000) return 'expired';
  return 'valid';
}
