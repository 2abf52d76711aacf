// "From a comment to a record": a comment becomes part of an incident's evidence. The
// browser fetches the comment's verbatim record (canonical JSON whose SHA-256 is the
// comment's hash), checks that hash itself, writes a small JSON file with the record, the
// hash and where it was collected, and seals it into the incident's evidence through the
// evidence upload (encrypted in this tab under the incident's record key). Anyone holding
// the evidence can recompute the hash from the record in the file.
import { useId, useState, type FormEvent } from 'react';
import { toHex } from '../../../common/crypto/index.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { TextField } from '../../components/fields.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { evidenceApi } from '../evidence/api.ts';
import { forget, openParentKey } from '../evidence/crypto.ts';
import { detectBlobType } from '../evidence/detect.ts';
import { uploadEvidenceFile } from '../evidence/upload.ts';
import { recordsApi, type IncidentSummary } from '../records/api.ts';
import { http } from '../../api/client.ts';
import { commentDetail } from '../../../common/api/monitoring.ts';
import { INCIDENT_REFERENCE } from '../../../common/api/records.ts';
import type { Comment } from './api.ts';

/** The format name written into the file, so a reader knows what it holds. */
export const COMMENT_RECORD_FORMAT = 'qorgan-monitored-comment/1';

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return toHex(new Uint8Array(digest));
}

/** Whether this member can seal comments into incidents' evidence from this tab. */
export function useCanSealComments(): boolean {
  const session = useSession();
  return session.can('evidence.write') && session.can('records.read') && Boolean(session.keys?.org);
}

export function ToEvidence({ comment }: { comment: Comment }) {
  const { t } = useI18n();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const [incidents, setIncidents] = useState<IncidentSummary[] | null>(null);
  const [reference, setReference] = useState('');
  const [referenceError, setReferenceError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  const start = () => {
    setOpen(true);
    // The latest incidents are offered as suggestions; any reference can be typed.
    recordsApi.incidents({}).then((list) => setIncidents(list.incidents), setError);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const org = session.keys?.org;
    if (!org) return;
    const wanted = reference.trim().toUpperCase();
    if (!INCIDENT_REFERENCE.test(wanted)) {
      setReferenceError(t('monitoring.evidence.referenceInvalid'));
      return;
    }
    setReferenceError(null);
    setBusy(true);
    setError(null);
    setProblem(null);
    let recordKey: Uint8Array | null = null;
    try {
      const found = await recordsApi.incidents({ reference: wanted });
      const incidentId = found.incidents[0]?.id;
      if (!incidentId) {
        setReferenceError(t('monitoring.evidence.referenceUnknown', { reference: wanted }));
        return;
      }
      const detail = await http.get(`/api/monitoring/comments/${comment.id}`, commentDetail);
      // The hash is checked here, not taken on trust: the file must prove itself.
      if ((await sha256Hex(detail.verbatimRecord)) !== detail.comment.sha256) {
        setProblem(t('monitoring.evidence.hashMismatch'));
        return;
      }
      const c = detail.comment;
      const body = {
        format: COMMENT_RECORD_FORMAT,
        sha256: c.sha256,
        verbatimRecord: detail.verbatimRecord,
        collected: {
          commentId: c.id,
          monitoredItemId: c.itemId,
          importedAt: c.importedAt,
          line: c.line,
        },
        machineLabel: {
          hateful: c.machine.hateful,
          score: c.machine.score,
          categories: c.machine.categories,
          classifierVersion: c.machine.classifierVersion,
        },
        confirmedLabel: c.confirmed
          ? { hateful: c.confirmed.hateful, categories: c.confirmed.categories }
          : null,
      };
      const file = new File(
        [JSON.stringify(body, null, 2) + '\n'],
        `comment-${c.sha256.slice(0, 16)}.json`,
        { type: 'application/json' },
      );
      const parent = { incidentId };
      const list = await evidenceApi.list(parent);
      recordKey = openParentKey(list.sealedRecordKey, org);
      if (!recordKey) {
        setProblem(t('evidence.keyFailed'));
        return;
      }
      const result = await uploadEvidenceFile(
        {
          file,
          detection: await detectBlobType(file),
          title: t('monitoring.evidence.itemTitle', {
            author: c.author ?? t('monitoring.comment.anonymous'),
          }),
          description: `${c.text}\n\nSHA-256: ${c.sha256}`,
          obtainedAt: c.importedAt.slice(0, 10),
          parent,
          recordKey,
        },
        () => undefined,
      );
      setAdded(result.item.id);
    } catch (caught) {
      setError(caught);
    } finally {
      forget(recordKey);
      setBusy(false);
    }
  };

  if (added) {
    return (
      <Alert kind="success">
        <span data-testid="evidence-added">{t('monitoring.evidence.added')}</span>{' '}
        <Link href={`/app/evidence/${added}`}>{t('monitoring.evidence.open')}</Link>
      </Alert>
    );
  }
  if (!open) {
    return (
      <div className="actions">
        <button type="button" className="button secondary" onClick={start}>
          {t('monitoring.evidence.add')}
        </button>
      </div>
    );
  }
  return (
    <form
      className="monitoring-evidence-form"
      aria-label={t('monitoring.evidence.add')}
      onSubmit={(e) => void submit(e)}
    >
      <TextField
        label={t('monitoring.evidence.incident')}
        hint={t('monitoring.evidence.hint')}
        value={reference}
        list={listId}
        autoComplete="off"
        spellCheck={false}
        error={referenceError}
        onChange={(e) => setReference(e.target.value)}
      />
      <datalist id={listId}>
        {(incidents ?? []).map((i) => (
          <option key={i.id} value={i.reference} />
        ))}
      </datalist>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t('monitoring.evidence.submit')}
        </button>
        <button type="button" className="button secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
      {busy ? <Busy>{t('monitoring.evidence.sealing')}</Busy> : null}
      {problem ? <Alert>{problem}</Alert> : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
    </form>
  );
}
