// The instance secret: 32 random bytes kept in the data folder (or a file named by
// QORGAN_SECRET_FILE, e.g. on a separate mount). Subkeys derived from it:
//  - the e-mail index key (members are found by HMAC of their e-mail, not the e-mail);
//  - the fake-salt key (prelogin answers for unknown e-mails look like real ones);
//  - the server box key (TOTP secrets, which the server itself must read to check codes);
//  - the codename salt (reporter keys, src/common/crypto/codename.ts) and the form-token
//    key (public forms). Losing this file makes every codename unusable: back it up.
// It protects staff identities against a database-only dump; it does not protect against
// someone who seizes both the database and this file (docs/security.md).
import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decryptField, encryptField } from '../common/crypto/envelope.ts';

export interface InstanceSecrets {
  emailIndex(email: string): Uint8Array;
  fakeSalt(emailIndex: Uint8Array): Uint8Array;
  sealServerValue(value: Uint8Array, context: string): Uint8Array;
  openServerValue(envelope: Uint8Array, context: string): Uint8Array;
  /** The instance salt of codename derivation (16 bytes); public, but stable. */
  codenameSalt: Uint8Array;
  /** A key for short-lived public form tokens (CSRF on pages without JavaScript). */
  formTokenKey: Uint8Array;
}

export function instanceSecretsFrom(secret: Uint8Array): InstanceSecrets {
  if (secret.length !== 32) throw new Error('the instance secret must be 32 bytes');
  const sub = (label: string) =>
    new Uint8Array(createHmac('sha256', secret).update(label).digest());
  const emailKey = sub('qorgan:email-index:v1');
  const saltKey = sub('qorgan:fake-salt:v1');
  const boxKey = sub('qorgan:server-box:v1');
  return {
    emailIndex: (email) =>
      new Uint8Array(createHmac('sha256', emailKey).update(email.trim().toLowerCase()).digest()),
    fakeSalt: (index) =>
      new Uint8Array(createHmac('sha256', saltKey).update(index).digest().subarray(0, 16)),
    sealServerValue: (value, context) => encryptField(boxKey, value, context),
    openServerValue: (envelope, context) => decryptField(boxKey, envelope, context),
    codenameSalt: sub('qorgan:codename-salt:v1').subarray(0, 16),
    formTokenKey: sub('qorgan:form-token:v1'),
  };
}

/** Reads the instance secret, creating it (mode 0600) on first start. */
export async function loadInstanceSecret(
  dataDir: string,
  secretFile?: string,
): Promise<Uint8Array> {
  const file = secretFile ?? path.join(dataDir, 'instance-secret');
  try {
    const text = (await readFile(file, 'utf8')).trim();
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 secret`);
    return new Uint8Array(bytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const bytes = randomBytes(32);
    // 'wx' fails if another process created it in the meantime: never overwrite a secret.
    await writeFile(file, bytes.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    return new Uint8Array(bytes);
  }
}
