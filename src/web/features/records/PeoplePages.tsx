// People: victims, perpetrators, witnesses and sources, pseudonymous by default. The list
// shows code names and coded fields only; a person's page opens the sealed name, contacts
// and details, and shows the real name only when the member asks for it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import { RECORD_LIMITS } from '../../../common/api/records.ts';
import {
  AGE_GROUPS,
  PERSON_PERPETRATOR_TYPES,
  PERSON_RELATIONS,
  PERSON_ROLES,
  type PersonRelation,
} from '../../../common/records/vocabulary.ts';
import type { Locale } from '../../../common/api/accounts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link, navigate, usePath } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { TextAreaField, TextField } from '../../components/fields.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { UnlockPage } from '../auth/UnlockPage.tsx';
import { recordsApi, type PersonDetail, type PersonSummary } from './api.ts';
import { CodeChecks, CodeSelect } from './CodeFields.tsx';
import { ConflictPanel } from './ConflictPanel.tsx';
import { DeleteRecord } from './DeleteRecord.tsx';
import { useRecordEditor } from './editor.ts';
import { findPersonByCodeName } from './find-record.ts';
import {
  emptyPersonForm,
  loadPerson,
  personCreateRequest,
  personUpdateRequest,
  type PersonForm,
} from './forms.ts';
import { HistoryPanel } from './HistoryPanel.tsx';
import { codeLabel } from './labels.ts';
import { forgetKey, newId, newRecordKey, openKey } from './sealed-fields.ts';
import { LockedNotice, Tags } from './shared.tsx';

export const PERSON_PATH = /^\/app\/people\/([0-9a-f-]{36})$/;

/** How a relation reads from one side: "father of P-7KQ3", or its inverse "child of P-…". */
export function relationLabel(
  relation: PersonRelation,
  direction: 'outgoing' | 'incoming',
  locale: Locale,
): string {
  const term = PERSON_RELATIONS.find((r) => r.code === relation);
  if (!term) return relation;
  return direction === 'outgoing' ? term.label[locale] : term.inverse[locale];
}

export function PeopleListPage() {
  const { t, locale } = useI18n();
  const session = useSession();
  const [filters, setFilters] = useState({ role: '', perpetratorType: '', ageGroup: '' });
  const [listing, setListing] = useState<{ people: PersonSummary[]; next: string | null } | null>(
    null,
  );
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const latest = useRef(0);
  const query = useCallback(
    (cursor?: string) => ({
      ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')),
      limit: 50,
      cursor,
    }),
    [filters],
  );
  useEffect(() => {
    const request = ++latest.current;
    recordsApi.people(query()).then(
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
  return (
    <Page title={t('people.title')} wide>
      <p className="hint">{t('people.pseudonymHint')}</p>
      <LockedNotice />
      {session.can('records.write') && org ? (
        adding ? (
          <NewPersonForm org={org} onCancel={() => setAdding(false)} />
        ) : (
          <p className="actions">
            <button type="button" className="button" onClick={() => setAdding(true)}>
              {t('people.new')}
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
            <CodeSelect
              label={t('records.field.roles')}
              terms={PERSON_ROLES}
              value={filters.role}
              emptyLabel={t('records.any')}
              onChange={(role) => setFilters({ ...filters, role: role ?? '' })}
            />
            <CodeSelect
              label={t('records.field.perpetratorType')}
              terms={PERSON_PERPETRATOR_TYPES}
              value={filters.perpetratorType}
              emptyLabel={t('records.any')}
              onChange={(v) => setFilters({ ...filters, perpetratorType: v ?? '' })}
            />
            <CodeSelect
              label={t('records.field.ageGroup')}
              terms={AGE_GROUPS}
              value={filters.ageGroup}
              emptyLabel={t('records.any')}
              onChange={(v) => setFilters({ ...filters, ageGroup: v ?? '' })}
            />
          </div>
        </details>
      </div>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {!listing ? (
        error ? null : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : listing.people.length === 0 ? (
        <p className="muted" role="status">
          {active > 0 ? t('people.emptyFiltered') : t('people.empty')}
        </p>
      ) : (
        <>
          <ul className="report-list" aria-label={t('people.listLabel')}>
            {listing.people.map((p) => (
              <li key={p.id} className="report-row" data-testid="person-row">
                <div className="report-row-head">
                  <Link href={`/app/people/${p.id}`} className="report-ref">
                    {p.codeName}
                  </Link>
                  {p.perpetratorType ? (
                    <span className="badge badge-off">
                      {codeLabel(PERSON_PERPETRATOR_TYPES, p.perpetratorType, locale)}
                    </span>
                  ) : null}
                </div>
                <Tags terms={PERSON_ROLES} codes={p.roles} />
              </li>
            ))}
          </ul>
          {listing.next ? (
            <div className="actions load-more">
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  void recordsApi.people(query(listing.next ?? undefined)).then(
                    (page) =>
                      setListing({ people: [...listing.people, ...page.people], next: page.next }),
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

function PersonFields({
  form,
  onChange,
  showName,
}: {
  form: PersonForm;
  onChange: (form: PersonForm) => void;
  showName: boolean;
}) {
  const { t } = useI18n();
  const set = (patch: Partial<PersonForm>) => onChange({ ...form, ...patch });
  return (
    <>
      <CodeChecks
        legend={t('records.field.roles')}
        terms={PERSON_ROLES}
        value={form.roles}
        onChange={(roles) => set({ roles })}
      />
      <CodeSelect
        label={t('records.field.perpetratorType')}
        terms={PERSON_PERPETRATOR_TYPES}
        value={form.perpetratorType}
        emptyLabel={t('records.notSet')}
        onChange={(perpetratorType) => set({ perpetratorType })}
      />
      <CodeSelect
        label={t('records.field.ageGroup')}
        terms={AGE_GROUPS}
        value={form.ageGroup}
        emptyLabel={t('records.notSet')}
        onChange={(ageGroup) => set({ ageGroup })}
      />
      {showName ? (
        <TextField
          label={t('records.field.name')}
          hint={t('records.sealedHint')}
          value={form.name}
          maxLength={RECORD_LIMITS.nameChars}
          autoComplete="off"
          onChange={(e) => set({ name: e.target.value })}
        />
      ) : null}
      <TextAreaField
        label={t('records.field.contacts')}
        hint={t('records.sealedHint')}
        value={form.contacts}
        rows={2}
        maxLength={RECORD_LIMITS.contactsChars}
        onChange={(e) => set({ contacts: e.target.value })}
      />
      <TextAreaField
        label={t('records.field.details')}
        value={form.details}
        rows={4}
        maxLength={RECORD_LIMITS.detailsChars}
        onChange={(e) => set({ details: e.target.value })}
      />
    </>
  );
}

function NewPersonForm({ org, onCancel }: { org: BoxKeyPair; onCancel: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<PersonForm>(emptyPersonForm);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setBusy(true);
    setError(null);
    const id = newId();
    const { key, sealed } = newRecordKey(org.publicKey);
    try {
      const created = await recordsApi.createPerson(
        personCreateRequest(form, { id, sealedRecordKey: sealed }, key),
      );
      navigate(`/app/people/${created.person.id}`);
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
      aria-label={t('people.new')}
      onSubmit={(e) => {
        e.preventDefault();
        void create();
      }}
    >
      <h2>{t('people.new')}</h2>
      <PersonFields form={form} onChange={setForm} showName />
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t('records.create')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('records.cancel')}
        </button>
      </div>
    </form>
  );
}

export function PersonPage() {
  const { t } = useI18n();
  const session = useSession();
  const path = usePath();
  const personId = PERSON_PATH.exec(path)?.[1] ?? '';
  if (!session.keys) return <UnlockPage />;
  const org = session.keys.org;
  if (!org) {
    return (
      <Page title={t('people.title')}>
        <LockedNotice />
      </Page>
    );
  }
  return <OpenPerson key={personId} personId={personId} org={org} />;
}

function OpenPerson({ personId, org }: { personId: string; org: BoxKeyPair }) {
  const { t } = useI18n();
  const [detail, setDetail] = useState<PersonDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [key, setKey] = useState<Uint8Array | null>(null);
  useEffect(() => {
    let cancelled = false;
    recordsApi.person(personId).then(
      (loaded) => {
        if (cancelled) return;
        try {
          setKey(openKey(loaded.sealedRecordKey, org));
          setDetail(loaded);
        } catch (caught) {
          setError(caught);
        }
      },
      (caught: unknown) => {
        if (!cancelled) setError(caught);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [personId, org]);
  useEffect(() => () => forgetKey(key), [key]);
  const reload = useCallback(async () => {
    const loaded = await recordsApi.person(personId);
    setDetail(loaded);
    return loaded;
  }, [personId]);
  if (!detail || !key) {
    return (
      <Page title={t('people.title')}>
        {error ? <Alert>{errorText(error, t)}</Alert> : <Busy>{t('people.opening')}</Busy>}
        <p>
          <Link href="/app/people">{t('people.back')}</Link>
        </p>
      </Page>
    );
  }
  return <EditPerson detail={detail} recordKey={key} reload={reload} />;
}

function EditPerson({
  detail,
  recordKey,
  reload,
}: {
  detail: PersonDetail;
  recordKey: Uint8Array;
  reload: () => Promise<PersonDetail>;
}) {
  const { t } = useI18n();
  const session = useSession();
  const person = detail.person;
  const [showName, setShowName] = useState(false);
  const [saved, setSaved] = useState(false);
  const editor = useRecordEditor<PersonForm>(
    loadPerson(detail, recordKey),
    async (loaded, edited) => {
      const request = personUpdateRequest(loaded, edited, person.id, recordKey);
      if (!request) return null;
      const stored = await recordsApi.updatePerson(person.id, request);
      await reload();
      return loadPerson(stored, recordKey);
    },
    async () => loadPerson(await reload(), recordKey),
  );
  const canWrite = session.can('records.write');
  const people = new Map(detail.relations.map((r) => [r.otherPerson.id, r.otherPerson]));
  return (
    <Page title={t('people.pageTitle', { codeName: person.codeName })}>
      <p>
        <Link href="/app/people">{t('people.back')}</Link>
      </p>
      <p className="hint">{t('people.pseudonymHint')}</p>
      <div className="name-reveal">
        <button
          type="button"
          className="button secondary"
          aria-pressed={showName}
          onClick={() => setShowName(!showName)}
        >
          {showName ? t('people.hideName') : t('people.showName')}
        </button>
        {showName && !canWrite ? (
          <p data-testid="person-name">{editor.form.name || t('people.noName')}</p>
        ) : null}
      </div>
      {editor.conflict ? (
        <ConflictPanel
          conflict={editor.conflict}
          form={editor.form}
          onTakeMine={editor.takeMine}
          onTakeTheirs={editor.takeTheirs}
          people={people}
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
          <PersonFields
            form={editor.form}
            onChange={editor.setForm}
            showName={showName && canWrite}
          />
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

      <Relations detail={detail} onChanged={reload} canWrite={canWrite} />

      {detail.appearances.length > 0 ? (
        <section className="record-section" aria-labelledby="appearances-title">
          <h2 id="appearances-title">{t('people.appearances')}</h2>
          <ul className="plain-list">
            {detail.appearances.map((a) => (
              <li key={`${a.actId}-${a.as}`}>
                <Link href={`/app/incidents/${a.incidentId}`}>
                  {t(a.as === 'victim' ? 'people.asVictim' : 'people.asPerpetrator', {
                    reference: a.incidentReference,
                  })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <HistoryPanel
        record={{ type: 'person', id: person.id }}
        table="people"
        currentVersion={editor.loaded.version}
        people={people}
        canRestore={canWrite}
        onRestored={async () => editor.reset(loadPerson(await reload(), recordKey))}
      />
      <DeleteRecord
        record={{ type: 'person', id: person.id }}
        onDeleted={() => navigate('/app/people', { replace: true })}
      />
    </Page>
  );
}

function Relations({
  detail,
  onChanged,
  canWrite,
}: {
  detail: PersonDetail;
  onChanged: () => Promise<unknown>;
  canWrite: boolean;
}) {
  const { t, locale } = useI18n();
  const [adding, setAdding] = useState(false);
  const [relation, setRelation] = useState<PersonRelation>('father_of');
  const [codeName, setCodeName] = useState('');
  const [unknown, setUnknown] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const personId = detail.person.id;
  const add = async () => {
    setError(null);
    setUnknown(false);
    try {
      const found = (await findPersonByCodeName(codeName))?.id;
      if (!found || found === personId) {
        setUnknown(true);
        return;
      }
      await recordsApi.relate(personId, { relatedPersonId: found, relation });
      setAdding(false);
      setCodeName('');
      await onChanged();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section className="record-section" aria-labelledby="relations-title">
      <h2 id="relations-title">{t('people.relations')}</h2>
      {detail.relations.length === 0 ? <p className="muted">{t('people.relationsEmpty')}</p> : null}
      <ul className="plain-list" data-testid="relations">
        {detail.relations.map((r) => (
          <li key={r.id} className="link-row">
            <span>{relationLabel(r.relation, r.direction, locale)} </span>
            <Link href={`/app/people/${r.otherPerson.id}`}>{r.otherPerson.codeName}</Link>
            {canWrite ? (
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  void recordsApi
                    .unrelate(personId, r.id)
                    .then(onChanged)
                    .catch((caught: unknown) => setError(caught));
                }}
              >
                {t('records.remove')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {adding ? (
        <form
          className="subform"
          aria-label={t('people.addRelation')}
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <CodeSelect
            label={t('people.relationIs')}
            terms={PERSON_RELATIONS}
            value={relation}
            onChange={(next) => setRelation(next ?? 'other')}
          />
          <TextField
            label={t('records.field.otherPerson')}
            value={codeName}
            placeholder="P-XXXX"
            required
            autoComplete="off"
            error={unknown ? t('people.unknownPerson') : null}
            onChange={(e) => setCodeName(e.target.value)}
          />
          <div className="actions">
            <button type="submit" className="button">
              {t('records.add')}
            </button>
            <button type="button" className="button secondary" onClick={() => setAdding(false)}>
              {t('records.cancel')}
            </button>
          </div>
        </form>
      ) : canWrite ? (
        <button type="button" className="button secondary" onClick={() => setAdding(true)}>
          {t('people.addRelation')}
        </button>
      ) : null}
    </section>
  );
}
