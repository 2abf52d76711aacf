import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { recoveryCompleteRequest } from '../../../common/api/accounts.ts';
import { recoveryResetDigest, verifyRecoverySignature } from '../../../common/crypto/recovery.ts';
import { HttpError, notFound } from '../../http/errors.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import {
  findOrganisation,
  lockMember,
  updateMember,
  upsertKeyGrant,
} from './organisations.repository.ts';
import {
  clearThrottle,
  endMemberSessions,
  replaceRecoveryCodes,
  takeRecoveryChallenge,
} from './sign-in.repository.ts';
import { decodeKey, hashAuthKey } from './credentials.ts';

/**
 * Resets an admin account with the organisation recovery key: a new member key pair and
 * password, a fresh key grant, 2FA off, every session ended. The signature over a
 * one-time challenge proves the recovery key is present.
 */
export async function completeRecovery(options: {
  deps: AccountsDeps;
  request: z.infer<typeof recoveryCompleteRequest>;
}) {
  const { deps, request } = options;
  const result = await deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const org = await findOrganisation(trx, request.organisationId);
    if (!org) throw notFound('The organisation');
    const challenge = await takeRecoveryChallenge(
      trx,
      decodeKey(request.nonce, 'nonce', 32),
      org.id,
      now,
    );
    if (!challenge) return { error: 'expired' as const };
    const valid = verifyRecoverySignature(
      org.recovery_verify_key,
      org.id,
      challenge.nonce,
      recoveryResetDigest(request),
      decodeKey(request.signature, 'signature', 64),
    );
    if (!valid) {
      await recordEvent({
        trx,
        organisationId: org.id,
        actorMemberId: null,
        action: 'recovery.failed',
        objectType: 'organisation',
        objectId: org.id,
      });
      return { error: 'signature' as const };
    }
    const member = await lockMember(trx, request.memberId);
    if (
      !member ||
      member.organisation_id !== org.id ||
      member.role !== 'admin' ||
      member.status === 'disabled'
    ) {
      throw notFound('The admin account');
    }
    await updateMember(trx, member.id, {
      public_key: decodeKey(request.publicKey, 'publicKey', 32),
      wrapped_private_key: decodeKey(request.wrappedPrivateKey, 'wrappedPrivateKey'),
      kdf_salt: decodeKey(request.kdf.salt, 'kdf.salt', 16),
      kdf_opslimit: request.kdf.opslimit,
      kdf_memlimit: request.kdf.memlimit,
      auth_hash: hashAuthKey(decodeKey(request.authKey, 'authKey', 32), deps.config.authHash),
      totp_enabled: false,
      totp_secret_enc: null,
      status: 'active',
    });
    await replaceRecoveryCodes(trx, member.id, []);
    await clearThrottle(trx, member.email_index);
    await upsertKeyGrant(trx, {
      id: randomUUID(),
      organisation_id: org.id,
      member_id: member.id,
      sealed_org_key: decodeKey(request.sealedOrgKey, 'sealedOrgKey'),
      granted_by: null,
      created_at: now,
    });
    const ended = await endMemberSessions(trx, member.id, now);
    await recordEvent({
      trx,
      organisationId: org.id,
      actorMemberId: null,
      action: 'recovery.used',
      objectType: 'member',
      objectId: member.id,
      fields: {
        sessionsEnded: ended,
        totpReset: true,
        changed: ['public_key', 'wrapped_private_key', 'auth_hash', 'key_grant'],
      },
    });
    return { ok: true as const };
  });
  if ('error' in result) {
    throw result.error === 'expired'
      ? new HttpError(400, 'recovery_expired', 'The recovery step expired. Start again.')
      : new HttpError(
          400,
          'recovery_rejected',
          'The recovery key does not match this organisation.',
        );
  }
}
