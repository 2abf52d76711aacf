import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { replyToReporter as replyBody } from '../../../../common/api/intake.ts';
import { fromB64 } from '../../../../common/crypto/encoding.ts';
import { ALG_SEALED, FORMAT_VERSION } from '../../../../common/crypto/envelope.ts';
import { sodium } from '../../../../common/crypto/sodium.ts';
import type { Actor } from '../../../../common/policy/permissions.ts';
import { badRequest } from '../../../http/errors.ts';
import { recordEvent } from '../../audit/record-event.ts';
import type { IntakeDeps } from '../intake.deps.ts';
import { authoriseReport } from './staff.policy.ts';
import { insertReportMessage, lockReport, updateReport } from './triage.repository.ts';

/**
 * Stores a staff reply, sealed in the browser twice: to the organisation key (staff read
 * the thread) and to the reporter key (only the codename opens it at /return). The server
 * cannot open either, so it checks what it can: both are sealed-box envelopes with some
 * text, and of the same length, as two sealings of one text are. The first reply to a new
 * report moves it to in progress, so the reporter sees that someone is working on it.
 */
export async function replyToReporter(options: {
  deps: IntakeDeps;
  actor: Actor;
  reportId: string;
  /** The two sealed copies of the reply, base64url. */
  reply: z.output<typeof replyBody>;
}) {
  const { deps, actor, reportId } = options;
  const forOrg = sealedBox(options.reply.sealedForOrg, 'sealedForOrg');
  const forReporter = sealedBox(options.reply.sealedForReporter, 'sealedForReporter');
  if (forOrg.length !== forReporter.length) {
    throw badRequest(
      'reply_mismatch',
      'The two sealed copies of the reply differ in length, so they are not the same text.',
    );
  }
  return deps.db.transaction().execute(async (trx) => {
    const report = await lockReport(trx, reportId);
    authoriseReport(actor, 'reports.triage', report);
    const now = deps.now();
    const message = await insertReportMessage(trx, {
      id: randomUUID(),
      report_id: reportId,
      organisation_id: report.organisation_id,
      author: 'staff',
      author_member_id: actor.memberId,
      sealed_for_org: forOrg,
      sealed_for_reporter: forReporter,
      created_at: now,
    });
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'report.replied',
      objectType: 'report',
      objectId: reportId,
      fields: { messageId: message.id },
    });
    const status = report.status === 'new' ? 'in_progress' : report.status;
    await updateReport(trx, reportId, { status, updated_at: now });
    if (status !== report.status) {
      await recordEvent({
        trx,
        organisationId: actor.organisationId,
        actorMemberId: actor.memberId,
        action: 'report.status_changed',
        objectType: 'report',
        objectId: reportId,
        fields: { from: report.status, to: status, reason: 'replied' },
      });
    }
    return message;
  });
}

/** Decodes a sealed-box envelope ([version][ALG_SEALED][box seal]) holding at least one byte. */
function sealedBox(text: string, field: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = fromB64(text);
  } catch {
    throw badRequest('invalid_envelope', `${field} is not base64url.`);
  }
  const minimum = 2 + sodium().crypto_box_SEALBYTES + 1;
  if (bytes.length < minimum || bytes[0] !== FORMAT_VERSION || bytes[1] !== ALG_SEALED) {
    throw badRequest('invalid_envelope', `${field} is not a sealed message.`);
  }
  return bytes;
}
