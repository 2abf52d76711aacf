// TOTP (RFC 6238, 30 s steps, 6 digits, SHA-1 as authenticator apps expect) via otpauth.
import { createHash, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';

export const TOTP_ISSUER = 'Qorgan';

export function newTotpSecret(): OTPAuth.Secret {
  return new OTPAuth.Secret({ size: 20 });
}

function totpFor(secret: Uint8Array, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: new OTPAuth.Secret({ buffer: secret.slice().buffer }),
  });
}

export function totpUri(secret: Uint8Array, label: string): string {
  return totpFor(secret, label).toString();
}

export function totpBase32(secret: Uint8Array): string {
  return new OTPAuth.Secret({ buffer: secret.slice().buffer }).base32;
}

/**
 * Checks a code against the current step and one step either side (clock drift). Returns
 * the step it matched, so the caller can refuse a step that was already used.
 */
export function matchTotpStep(secret: Uint8Array, code: string, now: Date): number | null {
  const timestamp = now.getTime();
  const delta = totpFor(secret, 'check').validate({ token: code, timestamp, window: 1 });
  if (delta === null) return null;
  return Math.floor(timestamp / 30_000) + delta;
}

/** The current code: for tests and the CLI demo. */
export function currentTotpCode(secret: Uint8Array, now: Date): string {
  return totpFor(secret, 'code').generate({ timestamp: now.getTime() });
}

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten single-use recovery codes, ~50 bits each, printed as xxxxx-xxxxx. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(10);
    const chars = Array.from(bytes, (b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join(
      '',
    );
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

export function hashRecoveryCode(code: string): Uint8Array {
  const normalised = code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return new Uint8Array(createHash('sha256').update(`qorgan-recovery-code:${normalised}`).digest());
}
