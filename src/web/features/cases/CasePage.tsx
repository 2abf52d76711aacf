// One case, opened in this tab with the organisation key: its facts and status workflow,
// title and goal (with conflicts and history), members, linked records, tasks, contacts,
// timeline, consent and referral.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import { CASE_OUTCOMES, CASE_STATUSES } from '../../../common/cases/vocabulary.ts';
import { caseOutcome, caseStatus } from '../../../common/api/cases.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link, usePath } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { UnlockPage } from '../auth/UnlockPage.tsx';
import { findIncidentByReference, findPersonByCodeName } from '../records/find-record.ts';
import { NewInterventionForm } from '../records/Interventions.tsx';
import { casesApi, type CaseDetail, type LinkKind } from './api.ts';
import { CaseEditSection } from './CaseEditSection.tsx';
import { ContactsSection, TasksSection } from './CaseWorkSection.tsx';
import { openCase } from './decrypt.ts';
import { memberLabel, useCaseMembers, type CaseMembers } from './members.ts';
import { ConsentReferralSection } from './ReferralSection.tsx';
import { CASE_PATH, caseBadgeClass, displayRef, SealedText, useLabel } from './shared.tsx';
import { textOf } from './sealing.ts';
import { TimelineSection } from './TimelineSection.tsx';
import { ExportSection } from './ExportSection.tsx';
import { CaseSettingsSection } from './CaseSettingsSection.tsx';
import { EvidenceSection } from '../evidence/EvidenceSection.tsx';

export function CasePage() {
  const { t } = useI18n();
  const session = useSession();
  const path = usePath();
  const caseId = CASE_PATH.exec(path)?.[1] ?? '';
  if (!session.keys) return <UnlockPage />;
  const org = session.keys.org;
  if (!org) {
    return (
      <Page title={t('cases.caseUnknown')}>
        <Alert kind="warning">
          {session.keyProblem ? t('keys.grantProblem') : t('cases.noOrgKey')}
        </Alert>
      </Page>
    );
  }
  return <OpenCase key={caseId} caseId={caseId} org={org} />;
}

function OpenCase({ caseId, org }: { caseId: string; org: BoxKeyPair }) {
  const { t, dateTime } = useI18n();
  const label = useLabel();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const members = useCaseMembers();

  const reload = useCallback(
    () =>
      casesApi.get(caseId).then(
        (loaded) => {
          setDetail(loaded);
          setError(null);
          return loaded;
        },
        (caught: unknown) => {
          setError(caught);
          return null;
        },
      ),
    [caseId],
  );
  useEffect(() => {
    void reload();
  }, [reload]);
  const opened = useMemo(() => (detail ? openCase(detail, org) : null), [detail, org]);

  if (!detail || !opened) {
    return (
      <Page title={t('cases.caseUnknown')}>
        {error ? <Alert>{errorText(error, t)}</Alert> : <Busy>{t('cases.opening')}</Busy>}
        <p>
          <Link href="/app/cases">{t('cases.backToList')}</Link>
        </p>
      </Page>
    );
  }
  const c = detail.case;
  const central = detail.people.find((p) => p.id === c.centralPersonId);
  return (
    <Page title={t('cases.caseTitle', { reference: displayRef(c.reference) })}>
      <p>
        <Link href="/app/cases">{t('cases.backToList')}</Link>
      </p>
      {!opened.keyOpened ? <Alert>{t('cases.keyFailed')}</Alert> : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      <dl className="facts report-facts">
        <div>
          <dt>{t('cases.field.status')}</dt>
          <dd>
            <span className={caseBadgeClass(c.status)} data-testid="case-status">
              {label(CASE_STATUSES, c.status)}
            </span>
            {c.outcome ? ` · ${label(CASE_OUTCOMES, c.outcome)}` : null}
          </dd>
        </div>
        <div>
          <dt>{t('cases.field.restricted')}</dt>
          <dd>{c.restricted ? t('cases.restrictedYes') : t('common.no')}</dd>
        </div>
        <div>
          <dt>{t('cases.field.centralPerson')}</dt>
          <dd>{central ? central.codeName : t('cases.none')}</dd>
        </div>
        <div>
          <dt>{t('cases.opened')}</dt>
          <dd>{dateTime(c.createdAt)}</dd>
        </div>
      </dl>
      <CaseEditSection
        detail={detail}
        opened={opened}
        org={org}
        members={members}
        reload={reload}
      />
      <WorkflowSection detail={detail} reload={reload} />
      <MembersSection detail={detail} members={members} reload={reload} />
      <CaseSettingsSection detail={detail} reload={reload} />
      <LinksSection detail={detail} opened={opened} org={org} reload={reload} />
      <TasksSection detail={detail} opened={opened} org={org} members={members} reload={reload} />
      <ContactsSection detail={detail} opened={opened} org={org} reload={reload} />
      <EvidenceSection
        parent={{ caseId: c.id }}
        org={org}
        caseInfo={{ id: c.id, reference: c.reference, title: textOf(opened.title) ?? '' }}
      />
      <TimelineSection
        caseId={c.id}
        org={org}
        version={`${c.version}-${c.updatedAt}-${c.lastContactAt ?? ''}-${detail.tasks.map((x) => x.version).join('.')}-${detail.interventions.map((x) => x.id).join('.')}`}
      />
      <ConsentReferralSection detail={detail} opened={opened} org={org} reload={reload} />
      <ExportSection detail={detail} opened={opened} org={org} />
    </Page>
  );
}

function WorkflowSection({ detail, reload }: { detail: CaseDetail; reload(): Promise<unknown> }) {
  const { t } = useI18n();
  const session = useSession();
  const label = useLabel();
  const c = detail.case;
  const [status, setStatus] = useState<string>(c.status);
  const [outcome, setOutcome] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!session.can('cases.write')) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    const next = caseStatus.safeParse(status);
    if (!next.success || next.data === c.status)
      return setFieldError(t('cases.workflow.chooseOther'));
    const closing = next.data === 'closed';
    const out = caseOutcome.safeParse(outcome);
    if (closing && !out.success) return setFieldError(t('cases.workflow.outcomeRequired'));
    setFieldError(undefined);
    setBusy(true);
    try {
      await casesApi.changeStatus(c.id, {
        expectedVersion: c.version,
        status: next.data,
        ...(closing && out.success && { outcome: out.data }),
      });
      setNotice(t('cases.workflow.changed', { status: label(CASE_STATUSES, next.data) }));
      await reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="case-workflow" className="section">
      <h2 id="case-workflow">{t('cases.workflow.title')}</h2>
      <form className="inline-form" noValidate onSubmit={(e) => void submit(e)}>
        <SelectField
          label={t('cases.field.status')}
          value={status}
          error={fieldError}
          onChange={(e) => setStatus(e.target.value)}
        >
          {CASE_STATUSES.map((s) => (
            <option key={s.code} value={s.code}>
              {label(CASE_STATUSES, s.code)}
            </option>
          ))}
        </SelectField>
        {status === 'closed' ? (
          <SelectField
            label={t('cases.field.outcome')}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value)}
          >
            <option value="">{t('cases.choose')}</option>
            {CASE_OUTCOMES.map((o) => (
              <option key={o.code} value={o.code}>
                {label(CASE_OUTCOMES, o.code)}
              </option>
            ))}
          </SelectField>
        ) : null}
        <button type="submit" className="button secondary" disabled={busy}>
          {t('cases.workflow.change')}
        </button>
      </form>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {notice ? <Alert kind="success">{notice}</Alert> : null}
    </section>
  );
}

function MembersSection({
  detail,
  members,
  reload,
}: {
  detail: CaseDetail;
  members: CaseMembers;
  reload(): Promise<unknown>;
}) {
  const { t } = useI18n();
  const session = useSession();
  const canAssign = session.can('cases.assign');
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const c = detail.case;
  const act = async (run: () => Promise<unknown>) => {
    setError(null);
    try {
      await run();
      setChoice('');
      await reload();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section aria-labelledby="case-members" className="section">
      <h2 id="case-members">{t('cases.members.title')}</h2>
      {c.restricted ? <p className="hint">{t('cases.members.restrictedNote')}</p> : null}
      {c.assignedMemberIds.length === 0 ? <p className="muted">{t('cases.members.none')}</p> : null}
      <ul className="link-list">
        {c.assignedMemberIds.map((memberId) => (
          <li key={memberId}>
            {memberLabel(memberId, members, t)}{' '}
            {canAssign ? (
              <button
                type="button"
                className="button link-button"
                onClick={() => void act(() => casesApi.unassign(c.id, memberId))}
              >
                {t('cases.members.unassign')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {canAssign ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) void act(() => casesApi.assign(c.id, choice));
          }}
        >
          <SelectField
            label={t('cases.members.add')}
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
          >
            <option value="">{t('cases.choose')}</option>
            {members.candidates
              .filter((m) => !c.assignedMemberIds.includes(m.id))
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {memberLabel(m.id, members, t)}
                </option>
              ))}
          </SelectField>
          <button type="submit" className="button secondary">
            {t('cases.members.assign')}
          </button>
        </form>
      ) : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
    </section>
  );
}

function LinksSection({
  detail,
  opened,
  org,
  reload,
}: {
  detail: CaseDetail;
  opened: ReturnType<typeof openCase>;
  org: BoxKeyPair;
  reload(): Promise<unknown>;
}) {
  const { t } = useI18n();
  const session = useSession();
  const canWrite = session.can('cases.write');
  const canAddIntervention = canWrite && session.can('records.write');
  const [addingIntervention, setAddingIntervention] = useState(false);
  const [kind, setKind] = useState<LinkKind>('incidents');
  const [reference, setReference] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const c = detail.case;

  const link = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const wanted = reference.trim().toUpperCase();
    if (wanted === '') return setFieldError(t('cases.links.referenceRequired'));
    setBusy(true);
    try {
      const found =
        kind === 'incidents'
          ? (await findIncidentByReference(wanted))?.id
          : kind === 'people'
            ? (await findPersonByCodeName(wanted))?.id
            : (await casesApi.reportRefs()).reports.find((r) => r.reference === wanted)?.id;
      if (!found) {
        setFieldError(t('cases.links.notFound', { reference: wanted }));
        return;
      }
      setFieldError(undefined);
      await casesApi.link(c.id, kind, found);
      setReference('');
      await reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="case-links" className="section">
      <h2 id="case-links">{t('cases.links.title')}</h2>
      <h3>{t('cases.links.incidents')}</h3>
      {detail.incidents.length === 0 ? (
        <p className="muted">{t('cases.links.noneLinked')}</p>
      ) : null}
      <ul className="link-list">
        {detail.incidents.map((i) => (
          <li key={i.id}>
            <Link href={`/app/incidents/${i.id}`}>{i.reference}</Link>{' '}
            <SealedText value={opened.incidentTitles.get(i.id)} empty="" />
          </li>
        ))}
      </ul>
      <h3>{t('cases.links.people')}</h3>
      {detail.people.length === 0 ? <p className="muted">{t('cases.links.noneLinked')}</p> : null}
      <ul className="link-list">
        {detail.people.map((p) => (
          <li key={p.id}>
            <Link href={`/app/people/${p.id}`}>{p.codeName}</Link>
          </li>
        ))}
      </ul>
      <h3>{t('cases.links.interventions')}</h3>
      {detail.interventions.length === 0 ? (
        <p className="muted">{t('cases.links.noneLinked')}</p>
      ) : null}
      <ul className="link-list">
        {detail.interventions.map((i) => (
          <li key={i.id}>
            <Link href={`/app/interventions/${i.id}`}>
              <SealedText value={opened.interventionTitles.get(i.id)} empty={i.interventionType} />
            </Link>
          </li>
        ))}
      </ul>
      {addingIntervention ? (
        <NewInterventionForm
          org={org}
          incidentId={null}
          caseId={c.id}
          incidents={detail.incidents}
          onCancel={() => setAddingIntervention(false)}
          onCreated={async () => {
            setAddingIntervention(false);
            await reload();
          }}
        />
      ) : canAddIntervention ? (
        <p className="actions">
          <button
            type="button"
            className="button secondary"
            onClick={() => setAddingIntervention(true)}
          >
            {t('interventions.add')}
          </button>
        </p>
      ) : null}
      <h3>{t('cases.links.reports')}</h3>
      {detail.reports.length === 0 ? <p className="muted">{t('cases.links.noneLinked')}</p> : null}
      <ul className="link-list">
        {detail.reports.map((r) => (
          <li key={r.id}>
            {session.can('reports.read') ? (
              <Link href={`/app/reports/${r.id}`}>{r.reference}</Link>
            ) : (
              r.reference
            )}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <form className="inline-form" noValidate onSubmit={(e) => void link(e)}>
          <SelectField
            label={t('cases.links.kind')}
            value={kind}
            onChange={(e) =>
              setKind(
                e.target.value === 'people'
                  ? 'people'
                  : e.target.value === 'reports'
                    ? 'reports'
                    : 'incidents',
              )
            }
          >
            <option value="incidents">{t('cases.links.incident')}</option>
            <option value="people">{t('cases.links.person')}</option>
            {session.can('reports.read') ? (
              <option value="reports">{t('cases.links.report')}</option>
            ) : null}
          </SelectField>
          <TextField
            label={t('cases.links.reference')}
            hint={t('cases.links.referenceHint')}
            value={reference}
            error={fieldError}
            onChange={(e) => setReference(e.target.value)}
          />
          <button type="submit" className="button secondary" disabled={busy}>
            {t('cases.links.link')}
          </button>
        </form>
      ) : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
    </section>
  );
}
