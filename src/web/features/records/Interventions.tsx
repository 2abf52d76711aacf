// Interventions: who intervened (a lawyer, an embassy, a UN mechanism…), the type (police
// complaint, appeal, court claim, urgent appeal, media), the dates, the authority's
// response, status and priority, and a sealed title and notes. Recorded from an incident
// page, or on their own; listed with filters.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import { RECORD_LIMITS } from '../../../common/api/records.ts';
import {
  AUTHORITY_RESPONSES,
  INTERVENER_TYPES,
  INTERVENTION_STATUSES,
  INTERVENTION_TYPES,
  PRIORITIES,
} from '../../../common/records/vocabulary.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link, navigate, usePath } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { UnlockPage } from '../auth/UnlockPage.tsx';
import { recordsApi, type InterventionDetail, type InterventionSummary } from './api.ts';
import { CodeSelect } from './CodeFields.tsx';
import { ConflictPanel } from './ConflictPanel.tsx';
import { DeleteRecord } from './DeleteRecord.tsx';
import { useRecordEditor } from './editor.ts';
import {
  emptyInterventionForm,
  interventionCreateRequest,
  interventionUpdateRequest,
  loadIntervention,
  type InterventionForm,
} from './forms.ts';
import { HistoryPanel } from './HistoryPanel.tsx';
import { codeLabel } from './labels.ts';
import { forgetKey, newId, newRecordKey, openKey } from './sealed-fields.ts';
import { Fact, LockedNotice } from './shared.tsx';

export const INTERVENTION_PATH = /^\/app\/interventions\/([0-9a-f-]{36})$/;

export function InterventionFields({
  form,
  onChange,
  showErrors,
}: {
  form: InterventionForm;
  onChange: (form: InterventionForm) => void;
  showErrors: boolean;
}) {
  const { t } = useI18n();
  const set = (patch: Partial<InterventionForm>) => onChange({ ...form, ...patch });
  const required = t('interventions.required');
  return (
    <>
      <CodeSelect
        label={t('records.field.intervenerType')}
        terms={INTERVENER_TYPES}
        value={form.intervenerType}
        emptyLabel={t('records.notSet')}
        required
        onChange={(intervenerType) => set({ intervenerType: intervenerType ?? '' })}
      />
      <CodeSelect
        label={t('records.field.interventionType')}
        terms={INTERVENTION_TYPES}
        value={form.interventionType}
        emptyLabel={t('records.notSet')}
        required
        onChange={(interventionType) => set({ interventionType: interventionType ?? '' })}
      />
      {showErrors && (form.intervenerType === '' || form.interventionType === '') ? (
        <p className="field-error">{required}</p>
      ) : null}
      <TextField
        label={t('records.field.submittedOn')}
        type="date"
        value={form.submittedOn}
        onChange={(e) => set({ submittedOn: e.target.value })}
      />
      <TextField
        label={t('records.field.responseOn')}
        type="date"
        value={form.responseOn}
        min={form.submittedOn || undefined}
        onChange={(e) => set({ responseOn: e.target.value })}
      />
      <CodeSelect
        label={t('records.field.authorityResponse')}
        terms={AUTHORITY_RESPONSES}
        value={form.authorityResponse}
        onChange={(authorityResponse) =>
          set({ authorityResponse: authorityResponse ?? 'awaiting' })
        }
      />
      <CodeSelect
        label={t('records.field.status')}
        terms={INTERVENTION_STATUSES}
        value={form.status}
        onChange={(status) => set({ status: status ?? 'planned' })}
      />
      <CodeSelect
        label={t('records.field.priority')}
        terms={PRIORITIES}
        value={form.priority}
        onChange={(priority) => set({ priority: priority ?? 'normal' })}
      />
      <TextField
        label={t('records.field.title')}
        hint={t('records.sealedHint')}
        value={form.title}
        maxLength={RECORD_LIMITS.titleChars}
        autoComplete="off"
        onChange={(e) => set({ title: e.target.value })}
      />
      <TextAreaField
        label={t('records.field.notes')}
        value={form.notes}
        rows={4}
        maxLength={RECORD_LIMITS.notesChars}
        onChange={(e) => set({ notes: e.target.value })}
      />
    </>
  );
}

/**
 * A new intervention; `incidentId` ties it to an incident, `caseId` to a case. From a case,
 * `incidents` (the case's incidents) offers one of them to tie it to as well.
 */
export function NewInterventionForm({
  org,
  incidentId,
  caseId = null,
  incidents,
  onCreated,
  onCancel,
}: {
  org: BoxKeyPair;
  incidentId: string | null;
  caseId?: string | null;
  incidents?: readonly { id: string; reference: string }[];
  onCreated: (detail: InterventionDetail) => void | Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState(() => emptyInterventionForm(incidentId, caseId));
  const [error, setError] = useState<unknown>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const id = newId();
    const { key, sealed } = newRecordKey(org.publicKey);
    try {
      const request = interventionCreateRequest(form, { id, sealedRecordKey: sealed }, key);
      if (!request) {
        setShowErrors(true);
        return;
      }
      setBusy(true);
      setError(null);
      await onCreated(await recordsApi.createIntervention(request));
    } catch (caught) {
      setError(caught);
    } finally {
      forgetKey(key);
      setBusy(false);
    }
  };
  return (
    <form
      className="subform"
      aria-label={t('interventions.new')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{t('interventions.new')}</h3>
      {incidents && incidents.length > 0 ? (
        <SelectField
          label={t('records.field.incident')}
          value={form.incidentId ?? ''}
          onChange={(e) => setForm({ ...form, incidentId: e.target.value || null })}
        >
          <option value="">{t('records.notSet')}</option>
          {incidents.map((i) => (
            <option key={i.id} value={i.id}>
              {i.reference}
            </option>
          ))}
        </SelectField>
      ) : null}
      <InterventionFields form={form} onChange={setForm} showErrors={showErrors} />
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t('records.save')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('records.cancel')}
        </button>
      </div>
    </form>
  );
}

export function InterventionLine({ intervention }: { intervention: InterventionSummary }) {
  const { t, locale, date } = useI18n();
  return (
    <>
      <Link href={`/app/interventions/${intervention.id}`} className="report-ref">
        {codeLabel(INTERVENTION_TYPES, intervention.interventionType, locale)}
      </Link>{' '}
      <span className="badge badge-off">
        {codeLabel(INTERVENTION_STATUSES, intervention.status, locale)}
      </span>
      <p className="report-row-meta">
        <span>{codeLabel(INTERVENER_TYPES, intervention.intervenerType, locale)}</span>
        <span>{codeLabel(AUTHORITY_RESPONSES, intervention.authorityResponse, locale)}</span>
        {intervention.submittedOn ? <span>{date(intervention.submittedOn)}</span> : null}
        <span>
          {t('records.field.priority')}: {codeLabel(PRIORITIES, intervention.priority, locale)}
        </span>
      </p>
    </>
  );
}

/** The interventions of an incident, and adding one from there. */
export function InterventionsSection({
  incidentId,
  interventions,
  org,
  onChanged,
}: {
  incidentId: string;
  interventions: InterventionSummary[];
  org: BoxKeyPair;
  onChanged: () => Promise<unknown>;
}) {
  const { t } = useI18n();
  const session = useSession();
  const [adding, setAdding] = useState(false);
  return (
    <section className="record-section" aria-labelledby="interventions-title">
      <h2 id="interventions-title">{t('interventions.title')}</h2>
      {interventions.length === 0 ? <p className="muted">{t('interventions.empty')}</p> : null}
      <ul className="report-list">
        {interventions.map((i) => (
          <li key={i.id} className="report-row" data-testid="intervention-row">
            <InterventionLine intervention={i} />
          </li>
        ))}
      </ul>
      {adding ? (
        <NewInterventionForm
          org={org}
          incidentId={incidentId}
          onCancel={() => setAdding(false)}
          onCreated={async () => {
            setAdding(false);
            await onChanged();
          }}
        />
      ) : session.can('records.write') ? (
        <button type="button" className="button secondary" onClick={() => setAdding(true)}>
          {t('interventions.add')}
        </button>
      ) : null}
    </section>
  );
}

export function InterventionsListPage() {
  const { t } = useI18n();
  const session = useSession();
  const [filters, setFilters] = useState({
    status: '',
    priority: '',
    interventionType: '',
    intervenerType: '',
    authorityResponse: '',
  });
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const [listing, setListing] = useState<{
    interventions: InterventionSummary[];
    next: string | null;
  } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const latest = useRef(0);
  const query = useCallback(
    (cursor?: string) => ({
      ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')),
      order,
      limit: 50,
      cursor,
    }),
    [filters, order],
  );
  useEffect(() => {
    const request = ++latest.current;
    recordsApi.interventions(query()).then(
      (result) => {
        if (request === latest.current) {
          setListing(result);
          setError(null);
        }
      },
      (caught: unknown) => {
        if (request === latest.current) setError(caught);
      },
    );
  }, [query]);
  const active = Object.values(filters).filter(Boolean).length;
  const org = session.keys?.org ?? null;
  const FILTERS = [
    ['status', INTERVENTION_STATUSES, 'records.field.status'],
    ['priority', PRIORITIES, 'records.field.priority'],
    ['interventionType', INTERVENTION_TYPES, 'records.field.interventionType'],
    ['intervenerType', INTERVENER_TYPES, 'records.field.intervenerType'],
    ['authorityResponse', AUTHORITY_RESPONSES, 'records.field.authorityResponse'],
  ] as const;
  return (
    <Page title={t('interventions.title')} wide>
      <LockedNotice />
      {session.can('records.write') && org ? (
        adding ? (
          <NewInterventionForm
            org={org}
            incidentId={null}
            onCancel={() => setAdding(false)}
            onCreated={(detail) => navigate(`/app/interventions/${detail.intervention.id}`)}
          />
        ) : (
          <p className="actions">
            <button type="button" className="button" onClick={() => setAdding(true)}>
              {t('interventions.new')}
            </button>
          </p>
        )
      ) : null}
      <div className="inbox-filters">
        <details className="more-filters" open={active > 0 ? true : undefined}>
          <summary>
            {active > 0 ? t('records.filtersActive', { count: active }) : t('records.filters')}
          </summary>
          <div className="more-filters-body">
            {FILTERS.map(([field, terms, label]) => (
              <CodeSelect
                key={field}
                label={t(label)}
                terms={terms}
                value={filters[field]}
                emptyLabel={t('records.any')}
                onChange={(code) => {
                  setFilters({ ...filters, [field]: code ?? '' });
                  setListing(null);
                }}
              />
            ))}
            <CodeSelect
              label={t('records.order')}
              terms={[
                {
                  code: 'desc',
                  label: {
                    en: t('records.order.desc'),
                    ru: t('records.order.desc'),
                    kk: t('records.order.desc'),
                  },
                },
                {
                  code: 'asc',
                  label: {
                    en: t('records.order.asc'),
                    ru: t('records.order.asc'),
                    kk: t('records.order.asc'),
                  },
                },
              ]}
              value={order}
              onChange={(next) => {
                setOrder(next === 'asc' ? 'asc' : 'desc');
                setListing(null);
              }}
            />
          </div>
        </details>
      </div>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {!listing ? (
        error ? null : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : listing.interventions.length === 0 ? (
        <p className="muted" role="status">
          {active > 0 ? t('interventions.emptyFiltered') : t('interventions.empty')}
        </p>
      ) : (
        <>
          <ul className="report-list" aria-label={t('interventions.listLabel')}>
            {listing.interventions.map((i) => (
              <li key={i.id} className="report-row" data-testid="intervention-row">
                <InterventionLine intervention={i} />
                {i.incidentId ? (
                  <p className="report-row-meta">
                    <Link href={`/app/incidents/${i.incidentId}`}>
                      {t('records.field.incident')}
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
          {listing.next ? (
            <div className="actions load-more">
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  const next = listing.next ?? undefined;
                  void recordsApi.interventions(query(next)).then(
                    (page) =>
                      setListing({
                        interventions: [...listing.interventions, ...page.interventions],
                        next: page.next,
                      }),
                    (caught: unknown) => setError(caught),
                  );
                }}
              >
                {t('records.loadMore')}
              </button>
            </div>
          ) : null}
        </>
      )}
    </Page>
  );
}

export function InterventionPage() {
  const { t } = useI18n();
  const session = useSession();
  const path = usePath();
  const interventionId = INTERVENTION_PATH.exec(path)?.[1] ?? '';
  if (!session.keys) return <UnlockPage />;
  const org = session.keys.org;
  if (!org) {
    return (
      <Page title={t('interventions.pageTitle')}>
        <LockedNotice />
      </Page>
    );
  }
  return <OpenIntervention key={interventionId} interventionId={interventionId} org={org} />;
}

function OpenIntervention({ interventionId, org }: { interventionId: string; org: BoxKeyPair }) {
  const { t } = useI18n();
  const [detail, setDetail] = useState<InterventionDetail | null>(null);
  const [key, setKey] = useState<Uint8Array | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let opened: Uint8Array | null = null;
    recordsApi.intervention(interventionId).then(
      (loaded) => {
        try {
          opened = openKey(loaded.sealedRecordKey, org);
          setKey(opened);
          setDetail(loaded);
        } catch (caught) {
          setError(caught);
        }
      },
      (caught: unknown) => setError(caught),
    );
    return () => forgetKey(opened);
  }, [interventionId, org]);
  if (!detail || !key) {
    return (
      <Page title={t('interventions.pageTitle')}>
        {error ? <Alert>{errorText(error, t)}</Alert> : <Busy>{t('interventions.opening')}</Busy>}
        <p>
          <Link href="/app/interventions">{t('interventions.back')}</Link>
        </p>
      </Page>
    );
  }
  return <EditIntervention detail={detail} recordKey={key} />;
}

function EditIntervention({
  detail,
  recordKey,
}: {
  detail: InterventionDetail;
  recordKey: Uint8Array;
}) {
  const { t, locale } = useI18n();
  const session = useSession();
  const id = detail.intervention.id;
  const [saved, setSaved] = useState(false);
  const reload = async () => loadIntervention(await recordsApi.intervention(id), recordKey);
  const editor = useRecordEditor<InterventionForm>(
    loadIntervention(detail, recordKey),
    async (loaded, edited) => {
      const request = interventionUpdateRequest(loaded, edited, id, recordKey);
      if (!request) return null;
      return loadIntervention(await recordsApi.updateIntervention(id, request), recordKey);
    },
    reload,
  );
  const canWrite = session.can('records.write');
  return (
    <Page
      title={`${t('interventions.pageTitle')}: ${codeLabel(INTERVENTION_TYPES, detail.intervention.interventionType, locale)}`}
    >
      <p>
        <Link href="/app/interventions">{t('interventions.back')}</Link>
        {detail.intervention.incidentId ? (
          <>
            {' · '}
            <Link href={`/app/incidents/${detail.intervention.incidentId}`}>
              {t('records.field.incident')}
            </Link>
          </>
        ) : null}
      </p>
      <dl className="facts">
        <Fact label={t('records.field.status')}>
          {codeLabel(INTERVENTION_STATUSES, detail.intervention.status, locale)}
        </Fact>
      </dl>
      {editor.conflict ? (
        <ConflictPanel
          conflict={editor.conflict}
          form={editor.form}
          onTakeMine={editor.takeMine}
          onTakeTheirs={editor.takeTheirs}
          people={new Map()}
        />
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          void editor.save().then(setSaved);
        }}
      >
        <fieldset disabled={!canWrite} className="form-section">
          <InterventionFields form={editor.form} onChange={editor.setForm} showErrors />
        </fieldset>
        {editor.error ? <Alert>{errorText(editor.error, t)}</Alert> : null}
        {saved && !editor.dirty ? <Alert kind="success">{t('records.saved')}</Alert> : null}
        {canWrite ? (
          <div className="actions">
            <button type="submit" className="button" disabled={editor.saving}>
              {editor.conflict ? t('conflict.saveAgain') : t('records.save')}
            </button>
          </div>
        ) : null}
      </form>
      <HistoryPanel
        record={{ type: 'intervention', id }}
        table="interventions"
        currentVersion={editor.loaded.version}
        people={new Map()}
        canRestore={canWrite}
        onRestored={async () => editor.reset(await reload())}
      />
      <DeleteRecord
        record={{ type: 'intervention', id }}
        onDeleted={() => navigate('/app/interventions', { replace: true })}
      />
    </Page>
  );
}
