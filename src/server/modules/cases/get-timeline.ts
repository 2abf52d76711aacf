import type { z } from 'zod';
import type { TIMELINE_KINDS, timelineItem } from '../../../common/api/cases.ts';
import { toB64 } from '../../../common/crypto/encoding.ts';
import { can, type Actor } from '../../../common/policy/permissions.ts';
import { recordEvent } from '../audit/record-event.ts';
import { findRecordKeys } from '../records/record-keys.repository.ts';
import type { CasesDeps } from './cases.deps.ts';
import { findCaseVersioned } from './cases.repository.ts';
import { loadCase } from './load-case.ts';
import {
  timelineContacts,
  timelineIncidents,
  timelineInterventions,
  timelineReportFiles,
  timelineReportMessages,
  timelineReports,
  timelineTasks,
} from './timeline.repository.ts';

type Item = z.infer<typeof timelineItem>;
type Kind = (typeof TIMELINE_KINDS)[number];
const KIND_ORDER = new Map<string, number>(
  (
    [
      'case_opened',
      'report_received',
      'report_message',
      'report_file',
      'incident',
      'intervention_submitted',
      'intervention_response',
      'contact',
      'task_due',
      'task_done',
    ] as Kind[]
  ).map((k, i) => [k, i]),
);

const day = (date: string) => `${date}T00:00:00.000Z`;
const sealed = (fields: Record<string, Uint8Array | null>) =>
  Object.fromEntries(
    Object.entries(fields).flatMap(([k, v]) => (v ? [[k, toB64(v)]] : [])),
  ) as Record<string, string>;

/**
 * The case's story in date order: the case opening, its incidents (on the incident date),
 * interventions (submitted and answered), tasks (due and done), contacts, and — for members
 * who read reports — the linked reports with their messages and evidence files. Each item
 * carries its coded values, its sealed values and which key opens them; the keys come
 * along, sealed to the organisation. An audited read.
 */
export async function getTimeline(options: { deps: CasesDeps; actor: Actor; caseId: string }) {
  const { deps, actor, caseId } = options;
  return deps.db.transaction().execute(async (trx) => {
    const kase = await loadCase(trx, actor, caseId, 'cases.read');
    const items: Item[] = [];
    const versioned = await findCaseVersioned(trx, caseId);
    items.push({
      kind: 'case_opened',
      at: kase.created_at.toISOString(),
      datePrecision: 'day',
      sourceId: caseId,
      coded: { reference: kase.reference, status: kase.status },
      sealed: sealed({ sealed_title: versioned?.sealed_title ?? null }),
      opensWith: 'record',
      keyRecordId: caseId,
    });
    const keyIds = new Set<string>([caseId]);
    for (const i of await timelineIncidents(trx, caseId)) {
      keyIds.add(i.id);
      items.push({
        kind: 'incident',
        at: i.incident_date ? day(i.incident_date) : i.created_at.toISOString(),
        datePrecision: i.incident_date ? (i.date_precision as Item['datePrecision']) : 'unknown',
        sourceId: i.id,
        coded: {
          reference: i.reference,
          incidentTypes: i.incident_types,
          violationStatus: i.violation_status,
        },
        sealed: sealed({ sealed_title: i.sealed_title }),
        opensWith: 'record',
        keyRecordId: i.id,
      });
    }
    for (const v of await timelineInterventions(trx, caseId)) {
      keyIds.add(v.id);
      const coded = {
        interventionType: v.intervention_type,
        intervenerType: v.intervener_type,
        authorityResponse: v.authority_response,
        status: v.status,
      };
      const base = {
        datePrecision: 'day' as const,
        sourceId: v.id,
        coded,
        sealed: sealed({ sealed_title: v.sealed_title }),
        opensWith: 'record' as const,
        keyRecordId: v.id,
      };
      if (v.submitted_on)
        items.push({ ...base, kind: 'intervention_submitted', at: day(v.submitted_on) });
      if (v.response_on)
        items.push({ ...base, kind: 'intervention_response', at: day(v.response_on) });
    }
    for (const t of await timelineTasks(trx, caseId)) {
      const base = {
        datePrecision: 'day' as const,
        sourceId: t.id,
        coded: { status: t.status, ownerMemberId: t.owner_member_id },
        sealed: sealed({ sealed_title: t.sealed_title }),
        opensWith: 'record' as const,
        keyRecordId: caseId,
      };
      if (t.due_at) items.push({ ...base, kind: 'task_due', at: t.due_at.toISOString() });
      if (t.status === 'done' && t.completed_at) {
        items.push({ ...base, kind: 'task_done', at: t.completed_at.toISOString() });
      }
    }
    for (const c of await timelineContacts(trx, caseId)) {
      items.push({
        kind: 'contact',
        at: c.contacted_at.toISOString(),
        datePrecision: 'day',
        sourceId: c.id,
        coded: { channel: c.channel, memberId: c.member_id },
        sealed: sealed({ sealed_note: c.sealed_note }),
        opensWith: 'record',
        keyRecordId: caseId,
      });
    }
    const reportKeys = new Map<string, Uint8Array>();
    if (can(actor, 'reports.read', actor.organisationId)) {
      const reports = await timelineReports(trx, caseId);
      for (const r of reports) {
        reportKeys.set(r.id, r.sealed_record_key);
        items.push({
          kind: 'report_received',
          at: r.received_at.toISOString(),
          datePrecision: 'day',
          sourceId: r.id,
          coded: { reference: r.reference, incidentTypes: r.incident_types },
          sealed: sealed({ sealed_details: r.sealed_details }),
          opensWith: 'record',
          keyRecordId: r.id,
        });
      }
      const reportIds = reports.map((r) => r.id);
      for (const m of await timelineReportMessages(trx, reportIds)) {
        items.push({
          kind: 'report_message',
          at: m.created_at.toISOString(),
          datePrecision: 'day',
          sourceId: m.id,
          coded: { reportId: m.report_id, author: m.author },
          sealed: sealed({ sealed_for_org: m.sealed_for_org }),
          opensWith: 'organisation',
          keyRecordId: null,
        });
      }
      for (const f of await timelineReportFiles(trx, reportIds)) {
        items.push({
          kind: 'report_file',
          at: f.created_at.toISOString(),
          datePrecision: 'day',
          sourceId: f.id,
          coded: {
            reportId: f.report_id,
            messageId: f.message_id,
            role: f.role,
            ciphertextBytes: f.ciphertext_bytes,
          },
          sealed: sealed({ sealed_file_key: f.sealed_file_key, sealed_meta: f.sealed_meta }),
          opensWith: 'organisation',
          keyRecordId: null,
        });
      }
    }
    items.sort(
      (a, b) =>
        a.at.localeCompare(b.at) ||
        (KIND_ORDER.get(a.kind) ?? 0) - (KIND_ORDER.get(b.kind) ?? 0) ||
        a.sourceId.localeCompare(b.sourceId),
    );
    const keys = await findRecordKeys(trx, [...keyIds], actor.organisationId);
    for (const [id, key] of reportKeys) keys.set(id, key);
    await recordEvent({
      trx,
      organisationId: actor.organisationId,
      actorMemberId: actor.memberId,
      action: 'case.timeline_viewed',
      objectType: 'case',
      objectId: caseId,
    });
    return { items, keys: Object.fromEntries([...keys].map(([id, k]) => [id, toB64(k)])) };
  });
}
