// What a member's browser (or the CLI) computes before talking to the accounts API: keys
// are generated and sealed here, and only public keys and ciphertext leave.
import type { z } from 'zod';
import type { Locale, newMemberCredentials, setupRequest } from '../api/accounts.ts';
import { toB64 } from '../crypto/encoding.ts';
import { generateBoxKeyPair, sealTo, wrapKey, type BoxKeyPair } from '../crypto/envelope.ts';
import { createKeyGrant, deriveLoginKeys, generateSalt, type KdfParams } from '../crypto/keys.ts';
import {
  deriveRecoveryKeys,
  generateRecoverySecret,
  recoverySecretToWords,
} from '../crypto/recovery.ts';

export interface NewMemberInput {
  email: string;
  displayName: string;
  password: string;
  locale: Locale;
  /** The organisation public key the e-mail and name are sealed to. */
  orgPublicKey: Uint8Array;
  kdf: KdfParams;
}

export interface NewMember {
  credentials: z.infer<typeof newMemberCredentials>;
  keyPair: BoxKeyPair;
}

export function buildMemberCredentials(input: NewMemberInput): NewMember {
  const keyPair = generateBoxKeyPair();
  const salt = generateSalt();
  const login = deriveLoginKeys(input.password, salt, input.kdf);
  return {
    keyPair,
    credentials: {
      email: input.email.trim().toLowerCase(),
      emailSealed: toB64(sealTo(input.orgPublicKey, input.email.trim().toLowerCase())),
      displayNameSealed: toB64(sealTo(input.orgPublicKey, input.displayName)),
      publicKey: toB64(keyPair.publicKey),
      wrappedPrivateKey: toB64(wrapKey(login.wrapKey, keyPair.privateKey)),
      kdf: { salt: toB64(salt), opslimit: input.kdf.opslimit, memlimit: input.kdf.memlimit },
      authKey: toB64(login.authKey),
      locale: input.locale,
    },
  };
}

export interface NewOrganisationInput {
  name: string;
  slug: string;
  defaultLocale: Locale;
  admin: Omit<NewMemberInput, 'orgPublicKey'>;
}

export interface NewOrganisation {
  /** The setup request body without the setup token. */
  body: Omit<z.infer<typeof setupRequest>, 'token'>;
  orgKeyPair: BoxKeyPair;
  adminKeyPair: BoxKeyPair;
  /** The 24 recovery words: shown once, never sent. */
  recoveryWords: string;
}

export function buildNewOrganisation(input: NewOrganisationInput): NewOrganisation {
  const orgKeyPair = generateBoxKeyPair();
  const recoverySecret = generateRecoverySecret();
  const recovery = deriveRecoveryKeys(recoverySecret);
  const admin = buildMemberCredentials({ ...input.admin, orgPublicKey: orgKeyPair.publicKey });
  return {
    orgKeyPair,
    adminKeyPair: admin.keyPair,
    recoveryWords: recoverySecretToWords(recoverySecret),
    body: {
      organisation: {
        name: input.name,
        slug: input.slug,
        defaultLocale: input.defaultLocale,
        publicKey: toB64(orgKeyPair.publicKey),
        recoveryPublicKey: toB64(recovery.box.publicKey),
        recoveryVerifyKey: toB64(recovery.sign.publicKey),
        recoverySealedKey: toB64(sealTo(recovery.box.publicKey, orgKeyPair.privateKey)),
      },
      admin: {
        ...admin.credentials,
        sealedOrgKey: toB64(createKeyGrant(orgKeyPair.privateKey, admin.keyPair.publicKey)),
      },
    },
  };
}
