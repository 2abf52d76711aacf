// One incident, or a new one. The browser makes the record key, seals it to the
// organisation, encrypts the title, description and source notes under it, and on an
// edit re-encrypts only what the member changed. Below the form: the acts, the chain of
// events, the interventions, the history, and deletion for those who may.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import { api } from '../../api/endpoints.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link, navigate, usePath } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { UnlockPage } from '../auth/UnlockPage.tsx';
import { openReport } from '../reports/decrypt.ts';
import { ActsSection } from './ActsSection.tsx';
import { recordsApi, type IncidentDetail } from './api.ts';
import { ConflictPanel } from './ConflictPanel.tsx';
import { DeleteRecord } from './DeleteRecord.tsx';
import { EvidenceSection } from '../evidence/EvidenceSection.tsx';
import { useRecordEditor } from './editor.ts';
import {
  emptyIncidentForm,
  incidentCreateRequest,
  incidentFormFromReport,
  incidentUpdateRequest,
  loadIncident,
  type IncidentForm,
} from './forms.ts';
import { HistoryPanel } from './HistoryPanel.tsx';
import { IncidentFormFields } from './IncidentFormFields.tsx';
import { InterventionsSection } from './Interventions.tsx';
import { LinksSection } from './LinksSection.tsx';
import { usePeople } from './people.tsx';
import { forgetSearchIndex } from './search-cache.ts';
import { forgetKey, newId, newRecordKey, openKey } from './sealed-fields.ts';
import { LockedNotice } from './shared.tsx';

export const INCIDENT_PATH = /^\/app\/incidents\/([0-9a-f-]{36})$/;

export function IncidentPage() {
  const { t } = useI18n();
  const session = useSession();
  const path = usePath();
  const incidentId = INCIDENT_PATH.exec(path)?.[1] ?? null;
  // Sealed fields need the organisation key: the same unlock form as after a reload.
  if (!session.keys) return <UnlockPage />;
  const org = session.keys.org;
  if (!org) {
    return (
      <Page title={t('incidents.title')}>
        <LockedNotice />
      </Page>
    );
  }
  if (!incidentId) {
    const reportId = new URLSearchParams(window.location.search).get('report');
    return <NewIncident key={reportId ?? 'new'} org={org} reportId={reportId} />;
  }
  return <OpenIncident key={incidentId} incidentId={incidentId} org={org} />;
}

function NewIncident({ org, reportId }: { org: BoxKeyPair; reportId: string | null }) {
  const { t } = useI18n();
  const [form, setForm] = useState<IncidentForm | null>(reportId ? null : emptyIncidentForm());
  const [reportReference, setReportReference] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const directory = usePeople();

  useEffect(() => {
    if (!reportId) return;
    api.report(reportId).then(
      (detail) => {
        const opened = openReport(detail, org);
        const narrative =
          opened.details && opened.details.ok ? (opened.details.value.narrative ?? null) : null;
        setReportReference(detail.report.reference);
        setForm(incidentFormFromReport(detail.report, narrative));
      },
      (caught: unknown) => setError(caught),
    );
  }, [reportId, org]);

  const create = async () => {
    if (!form) return;
    setBusy(true);
    setError(null);
    const id = newId();
    const { key, sealed } = newRecordKey(org.publicKey);
    try {
      const created = await recordsApi.createIncident(
        incidentCreateRequest(form, { id, sealedRecordKey: sealed, reportId }, key),
      );
      forgetSearchIndex();
      navigate(`/app/incidents/${created.incident.id}`, { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      forgetKey(key);
      setBusy(false);
    }
  };

  return (
    <Page title={t('incident.newTitle')}>
      <p>
        <Link href="/app/incidents">{t('incident.back')}</Link>
      </p>
      {reportId ? (
        <Alert kind="info">
          {reportReference ? t('incident.fromReport', { reference: reportReference }) : null}{' '}
          {t('incident.fromReportNew')}
        </Alert>
      ) : null}
      {!form ? (
        error ? (
          <Alert>{errorText(error, t)}</Alert>
        ) : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : (
        <form
          aria-label={t('incident.newTitle')}
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <IncidentFormFields form={form} onChange={setForm} directory={directory} org={org} />
          {error ? <Alert>{errorText(error, t)}</Alert> : null}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {t('records.create')}
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}

function OpenIncident({ incidentId, org }: { incidentId: string; org: BoxKeyPair }) {
  const { t } = useI18n();
  const [detail, setDetail] = useState<IncidentDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The record key, opened once for the page and wiped when the page goes.
  const [key, setKey] = useState<Uint8Array | 'failed' | null>(null);

  useEffect(() => {
    let cancelled = false;
    recordsApi.incident(incidentId).then(
      (loaded) => {
        if (cancelled) return;
        let opened: Uint8Array | 'failed';
        try {
          opened = openKey(loaded.sealedRecordKey, org);
        } catch {
          opened = 'failed';
        }
        setKey(opened);
        setDetail(loaded);
      },
      (caught: unknown) => {
        if (!cancelled) setError(caught);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [incidentId, org]);
  useEffect(
    () => () => {
      if (key instanceof Uint8Array) forgetKey(key);
    },
    [key],
  );

  const reload = useCallback(async () => {
    const loaded = await recordsApi.incident(incidentId);
    setDetail(loaded);
    return loaded;
  }, [incidentId]);

  if (!detail || key === null) {
    return (
      <Page title={t('incidents.title')}>
        {error ? <Alert>{errorText(error, t)}</Alert> : <Busy>{t('incident.opening')}</Busy>}
        <p>
          <Link href="/app/incidents">{t('incident.back')}</Link>
        </p>
      </Page>
    );
  }
  if (key === 'failed') {
    return (
      <Page title={t('incident.pageTitle', { reference: detail.incident.reference })}>
        <Alert>{t('incident.keyFailed')}</Alert>
      </Page>
    );
  }
  return <EditIncident detail={detail} recordKey={key} org={org} reload={reload} />;
}

function EditIncident({
  detail,
  recordKey,
  org,
  reload,
}: {
  detail: IncidentDetail;
  recordKey: Uint8Array;
  org: BoxKeyPair;
  reload: () => Promise<IncidentDetail>;
}) {
  const { t } = useI18n();
  const session = useSession();
  const incident = detail.incident;
  const directory = usePeople(detail.people);
  const [saved, setSaved] = useState<'saved' | 'unchanged' | null>(null);
  const initial = useMemo(() => loadIncident(detail, recordKey), [detail, recordKey]);
  const editor = useRecordEditor<IncidentForm>(
    initial,
    async (loaded, edited) => {
      const request = incidentUpdateRequest(loaded, edited, incident.id, recordKey);
      if (!request) {
        setSaved('unchanged');
        return null;
      }
      const stored = await recordsApi.updateIncident(incident.id, request);
      forgetSearchIndex();
      setSaved('saved');
      await reload();
      return loadIncident(stored, recordKey);
    },
    async () => loadIncident(await reload(), recordKey),
  );
  const canWrite = session.can('records.write');

  return (
    <Page title={t('incident.pageTitle', { reference: incident.reference })}>
      <p>
        <Link href="/app/incidents">{t('incident.back')}</Link>
        {incident.reportId ? (
          <>
            {' · '}
            <Link href={`/app/reports/${incident.reportId}`}>{t('records.field.report')}</Link>
          </>
        ) : null}
        {session.can('cases.write') ? (
          <>
            {' · '}
            <Link
              href={`/app/cases/new?incident=${encodeURIComponent(incident.id)}`}
              data-testid="open-case-from-incident"
            >
              {t('cases.openFromRecord')}
            </Link>
          </>
        ) : null}
      </p>
      {editor.conflict ? (
        <ConflictPanel
          conflict={editor.conflict}
          form={editor.form}
          onTakeMine={editor.takeMine}
          onTakeTheirs={editor.takeTheirs}
          people={directory.byId}
        />
      ) : null}
      <form
        aria-label={t('incident.pageTitle', { reference: incident.reference })}
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(null);
          void editor.save();
        }}
      >
        <fieldset disabled={!canWrite} className="form-plain">
          <IncidentFormFields
            form={editor.form}
            onChange={(next) => {
              setSaved(null);
              editor.setForm(next);
            }}
            directory={directory}
            org={org}
          />
        </fieldset>
        {editor.error ? <Alert>{errorText(editor.error, t)}</Alert> : null}
        {saved === 'saved' && !editor.dirty ? (
          <Alert kind="success">{t('records.saved')}</Alert>
        ) : saved === 'unchanged' ? (
          <Alert kind="info">{t('records.nothingChanged')}</Alert>
        ) : null}
        {canWrite ? (
          <div className="actions sticky-actions">
            <button type="submit" className="button" disabled={editor.saving}>
              {editor.conflict ? t('conflict.saveAgain') : t('records.save')}
            </button>
          </div>
        ) : null}
      </form>

      <ActsSection
        detail={detail}
        incidentKey={recordKey}
        directory={directory}
        org={org}
        onChanged={reload}
      />
      <LinksSection detail={detail} onChanged={reload} />
      <InterventionsSection
        incidentId={incident.id}
        interventions={detail.interventions}
        org={org}
        onChanged={reload}
      />
      <EvidenceSection parent={{ incidentId: incident.id }} org={org} />
      <HistoryPanel
        record={{ type: 'incident', id: incident.id }}
        table="incidents"
        currentVersion={editor.loaded.version}
        people={directory.byId}
        canRestore={canWrite}
        onRestored={async () => {
          forgetSearchIndex();
          editor.reset(loadIncident(await reload(), recordKey));
        }}
      />
      <DeleteRecord
        record={{ type: 'incident', id: incident.id }}
        onDeleted={() => {
          forgetSearchIndex();
          navigate('/app/incidents', { replace: true });
        }}
      />
    </Page>
  );
}
