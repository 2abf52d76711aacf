import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types.generated.ts';
import { recordEvent } from '../audit/record-event.ts';
import type { AccountsDeps } from './accounts.deps.ts';
import { insertSession } from './sign-in.repository.ts';
import { hashToken, newToken } from './credentials.ts';

export interface CreateSessionOptions {
  deps: AccountsDeps;
  trx: Transaction<DB>;
  memberId: string;
  organisationId: string;
  /** Coarse device label (credentials.deviceLabel). */
  device: string;
}

/** Starts a session and returns its token, for the cookie only. */
export async function createSession(options: CreateSessionOptions): Promise<string> {
  const { deps, trx } = options;
  const now = deps.now();
  const token = newToken();
  const id = randomUUID();
  await insertSession(trx, {
    id,
    member_id: options.memberId,
    token_hash: hashToken(token),
    device: options.device,
    created_at: now,
    last_seen_at: now,
    idle_expires_at: new Date(now.getTime() + deps.config.session.idleMinutes * 60_000),
    absolute_expires_at: new Date(now.getTime() + deps.config.session.absoluteHours * 3_600_000),
  });
  await recordEvent({
    trx,
    organisationId: options.organisationId,
    actorMemberId: options.memberId,
    action: 'session.started',
    objectType: 'session',
    objectId: id,
    fields: { device: options.device },
  });
  return token;
}
