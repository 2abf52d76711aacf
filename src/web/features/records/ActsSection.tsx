// The acts of an incident (HURIDOCS: event → act → victim; involvement → perpetrator):
// the act type, the victim and perpetrators by code name, methods, consequences, the
// location and the victim's status when it ended; notes sealed under the incident's key.
import { useState } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import { RECORD_LIMITS } from '../../../common/api/records.ts';
import {
  ACT_TYPES,
  ECONOMIC_CONSEQUENCES,
  INVOLVEMENT_DEGREES,
  INVOLVEMENT_TYPES,
  LOCATION_TYPES,
  METHODS,
  PHYSICAL_CONSEQUENCES,
  PSYCHOLOGICAL_CONSEQUENCES,
  VICTIM_STATUSES,
} from '../../../common/records/vocabulary.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { TextAreaField } from '../../components/fields.tsx';
import { Alert } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { recordsApi, type Act, type IncidentDetail } from './api.ts';
import { CodeChecks, CodeSelect, PrecisionDate } from './CodeFields.tsx';
import { ConfirmAction } from './Confirm.tsx';
import { ConflictPanel } from './ConflictPanel.tsx';
import { dateText } from './dates.ts';
import { useRecordEditor } from './editor.ts';
import {
  actCreateRequest,
  actUpdateRequest,
  emptyActForm,
  loadAct,
  type ActForm,
  type Loaded,
} from './forms.ts';
import { HistoryPanel } from './HistoryPanel.tsx';
import { codeLabel } from './labels.ts';
import { PersonPicker, personLabel, type PeopleDirectory } from './people.tsx';
import { newId } from './sealed-fields.ts';
import { Fact, Tags } from './shared.tsx';

export function ActsSection({
  detail,
  incidentKey,
  directory,
  org,
  onChanged,
}: {
  detail: IncidentDetail;
  incidentKey: Uint8Array;
  directory: PeopleDirectory;
  org: BoxKeyPair;
  onChanged: () => Promise<IncidentDetail>;
}) {
  const { t } = useI18n();
  const session = useSession();
  const canWrite = session.can('records.write');
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const incidentId = detail.incident.id;
  return (
    <section className="record-section" aria-labelledby="acts-title">
      <h2 id="acts-title">{t('acts.title')}</h2>
      {detail.acts.length === 0 ? <p className="muted">{t('acts.empty')}</p> : null}
      <ol className="record-cards">
        {detail.acts.map((act, index) =>
          editing === act.id ? (
            <li key={act.id}>
              <ExistingAct
                act={act}
                incidentId={incidentId}
                incidentKey={incidentKey}
                directory={directory}
                org={org}
                reloadIncident={onChanged}
                onDone={() => setEditing(null)}
              />
            </li>
          ) : (
            <li key={act.id} className="record-card" data-testid="act-card">
              <ActSummary act={act} n={index + 1} directory={directory} />
              {canWrite ? (
                <div className="actions">
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => setEditing(act.id)}
                  >
                    {t('acts.edit')}
                  </button>
                  <ConfirmAction
                    danger
                    label={t('acts.delete')}
                    question={t('acts.deleteConfirm')}
                    confirmLabel={t('acts.delete')}
                    onConfirm={async () => {
                      await recordsApi.deleteAct(incidentId, act.id);
                      await onChanged();
                    }}
                  />
                </div>
              ) : null}
            </li>
          ),
        )}
      </ol>
      {editing === 'new' ? (
        <NewAct
          incidentId={incidentId}
          incidentKey={incidentKey}
          directory={directory}
          org={org}
          onDone={async (saved) => {
            if (saved) await onChanged();
            setEditing(null);
          }}
        />
      ) : canWrite ? (
        <button type="button" className="button secondary" onClick={() => setEditing('new')}>
          {t('acts.add')}
        </button>
      ) : null}
    </section>
  );
}

function ActSummary({ act, n, directory }: { act: Act; n: number; directory: PeopleDirectory }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const when = dateText(act.datePrecision, act.actDate, i18n);
  return (
    <>
      <h3>
        {t('acts.actN', { n })}: {codeLabel(ACT_TYPES, act.actType, locale)}
      </h3>
      <dl className="facts">
        <Fact label={t('records.field.victim')}>
          {act.victimPersonId
            ? personLabel(directory.byId.get(act.victimPersonId), locale)
            : t('acts.noVictim')}
        </Fact>
        {act.perpetrators.length > 0 ? (
          <Fact label={t('records.field.perpetrators')}>
            <ul className="plain-list">
              {act.perpetrators.map((p) => (
                <li key={p.personId}>
                  {personLabel(directory.byId.get(p.personId), locale)} —{' '}
                  {codeLabel(INVOLVEMENT_TYPES, p.involvement, locale)},{' '}
                  {codeLabel(INVOLVEMENT_DEGREES, p.degree, locale)}
                </li>
              ))}
            </ul>
          </Fact>
        ) : null}
        {when ? <Fact label={t('records.field.date')}>{when}</Fact> : null}
        {act.methods.length > 0 ? (
          <Fact label={t('records.field.methods')}>
            <Tags terms={METHODS} codes={act.methods} />
          </Fact>
        ) : null}
        {act.locationType ? (
          <Fact label={t('records.field.locationType')}>
            {codeLabel(LOCATION_TYPES, act.locationType, locale)}
          </Fact>
        ) : null}
        {act.victimStatusAfter ? (
          <Fact label={t('records.field.victimStatusAfter')}>
            {codeLabel(VICTIM_STATUSES, act.victimStatusAfter, locale)}
          </Fact>
        ) : null}
      </dl>
    </>
  );
}

function NewAct({
  incidentId,
  incidentKey,
  directory,
  org,
  onDone,
}: {
  incidentId: string;
  incidentKey: Uint8Array;
  directory: PeopleDirectory;
  org: BoxKeyPair;
  onDone: (saved: boolean) => Promise<void>;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<ActForm>(emptyActForm);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const id = newId();
    const request = actCreateRequest(form, id, incidentKey);
    if (!request) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await recordsApi.createAct(incidentId, request);
      await onDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="subform"
      aria-label={t('acts.new')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{t('acts.new')}</h3>
      <ActFields
        form={form}
        onChange={setForm}
        directory={directory}
        org={org}
        typeError={missing && form.actType === '' ? t('acts.typeRequired') : null}
      />
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t('records.save')}
        </button>
        <button type="button" className="button secondary" onClick={() => void onDone(false)}>
          {t('records.cancel')}
        </button>
      </div>
    </form>
  );
}

function ExistingAct({
  act,
  incidentId,
  incidentKey,
  directory,
  org,
  reloadIncident,
  onDone,
}: {
  act: Act;
  incidentId: string;
  incidentKey: Uint8Array;
  directory: PeopleDirectory;
  org: BoxKeyPair;
  reloadIncident: () => Promise<IncidentDetail>;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const session = useSession();
  const reload = async (): Promise<Loaded<ActForm>> => {
    const detail = await reloadIncident();
    const current = detail.acts.find((a) => a.id === act.id);
    if (!current) throw new Error('act gone');
    return loadAct(current, incidentKey);
  };
  const editor = useRecordEditor<ActForm>(
    loadAct(act, incidentKey),
    async (loaded, edited) => {
      const request = actUpdateRequest(loaded, edited, act.id, incidentKey);
      if (!request) return null;
      const saved = await recordsApi.updateAct(incidentId, act.id, request);
      return loadAct(saved, incidentKey);
    },
    reload,
  );
  return (
    <form
      className="subform"
      aria-label={t('acts.edit')}
      onSubmit={(e) => {
        e.preventDefault();
        void editor.save().then(async (ok) => {
          if (ok) {
            await reloadIncident();
            onDone();
          }
        });
      }}
    >
      <h3>{t('acts.edit')}</h3>
      {editor.conflict ? (
        <ConflictPanel
          conflict={editor.conflict}
          form={editor.form}
          onTakeMine={editor.takeMine}
          onTakeTheirs={editor.takeTheirs}
          people={directory.byId}
        />
      ) : null}
      <ActFields
        form={editor.form}
        onChange={editor.setForm}
        directory={directory}
        org={org}
        typeError={null}
      />
      {editor.error ? <Alert>{errorText(editor.error, t)}</Alert> : null}
      <div className="actions">
        <button type="submit" className="button" disabled={editor.saving}>
          {editor.conflict ? t('conflict.saveAgain') : t('records.save')}
        </button>
        <button type="button" className="button secondary" onClick={onDone}>
          {t('records.cancel')}
        </button>
      </div>
      <HistoryPanel
        record={{ type: 'act', incidentId, id: act.id }}
        table="acts"
        currentVersion={editor.loaded.version}
        people={directory.byId}
        canRestore={session.can('records.write')}
        onRestored={async () => {
          editor.reset(await reload());
        }}
      />
    </form>
  );
}

function ActFields({
  form,
  onChange,
  directory,
  org,
  typeError,
}: {
  form: ActForm;
  onChange: (form: ActForm) => void;
  directory: PeopleDirectory;
  org: BoxKeyPair;
  typeError: string | null;
}) {
  const { t } = useI18n();
  const set = (patch: Partial<ActForm>) => onChange({ ...form, ...patch });
  const notSet = t('records.notSet');
  const setPerpetrator = (index: number, patch: Partial<ActForm['perpetrators'][number]>) =>
    set({
      perpetrators: form.perpetrators.map((p, i) => (i === index ? { ...p, ...patch } : p)),
    });
  return (
    <>
      <CodeSelect
        label={t('records.field.actType')}
        terms={ACT_TYPES}
        value={form.actType}
        emptyLabel={notSet}
        required
        onChange={(actType) => set({ actType: actType ?? '' })}
      />
      {typeError ? <p className="field-error">{typeError}</p> : null}
      <PersonPicker
        label={t('records.field.victim')}
        value={form.victimPersonId}
        onChange={(victimPersonId) => set({ victimPersonId })}
        directory={directory}
        org={org}
        role="victim"
        emptyLabel={t('acts.noVictim')}
        testId="act-victim"
      />
      <fieldset className="field">
        <legend>{t('records.field.perpetrators')}</legend>
        {form.perpetrators.map((p, index) => (
          <fieldset key={index} className="subform">
            <legend>
              {t('records.field.perpetrator')} {index + 1}
            </legend>
            <PersonPicker
              label={t('records.field.perpetrator')}
              value={p.personId || null}
              onChange={(personId) => setPerpetrator(index, { personId: personId ?? '' })}
              directory={directory}
              org={org}
              role="perpetrator"
              emptyLabel={t('acts.choosePerson')}
              testId={`act-perpetrator-${index}`}
            />
            <CodeSelect
              label={t('records.field.involvement')}
              terms={INVOLVEMENT_TYPES}
              value={p.involvement}
              onChange={(involvement) =>
                setPerpetrator(index, { involvement: involvement ?? 'unknown' })
              }
            />
            <CodeSelect
              label={t('records.field.degree')}
              terms={INVOLVEMENT_DEGREES}
              value={p.degree}
              onChange={(degree) => setPerpetrator(index, { degree: degree ?? 'unknown' })}
            />
            <button
              type="button"
              className="button secondary"
              onClick={() => set({ perpetrators: form.perpetrators.filter((_, i) => i !== index) })}
            >
              {t('records.remove')}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          className="button secondary"
          onClick={() =>
            set({
              perpetrators: [
                ...form.perpetrators,
                { personId: '', involvement: 'direct', degree: 'confirmed' },
              ],
            })
          }
        >
          {t('acts.addPerpetrator')}
        </button>
      </fieldset>
      <PrecisionDate
        legend={t('records.field.date')}
        precision={form.datePrecision}
        value={form.date}
        onChange={(datePrecision, date) => set({ datePrecision, date })}
      />
      <details className="more-filters">
        <summary>{t('records.field.methods')}</summary>
        <CodeChecks
          legend={t('records.field.methods')}
          terms={METHODS}
          value={form.methods}
          onChange={(methods) => set({ methods })}
        />
      </details>
      <details className="more-filters">
        <summary>{t('records.field.physical')}</summary>
        <CodeChecks
          legend={t('records.field.physical')}
          terms={PHYSICAL_CONSEQUENCES}
          value={form.physicalConsequences}
          onChange={(physicalConsequences) => set({ physicalConsequences })}
        />
      </details>
      <details className="more-filters">
        <summary>{t('records.field.psychological')}</summary>
        <CodeChecks
          legend={t('records.field.psychological')}
          terms={PSYCHOLOGICAL_CONSEQUENCES}
          value={form.psychologicalConsequences}
          onChange={(psychologicalConsequences) => set({ psychologicalConsequences })}
        />
      </details>
      <details className="more-filters">
        <summary>{t('records.field.economic')}</summary>
        <CodeChecks
          legend={t('records.field.economic')}
          terms={ECONOMIC_CONSEQUENCES}
          value={form.economicConsequences}
          onChange={(economicConsequences) => set({ economicConsequences })}
        />
      </details>
      <CodeSelect
        label={t('records.field.locationType')}
        terms={LOCATION_TYPES}
        value={form.locationType}
        emptyLabel={notSet}
        onChange={(locationType) => set({ locationType })}
      />
      <CodeSelect
        label={t('records.field.victimStatusAfter')}
        terms={VICTIM_STATUSES}
        value={form.victimStatusAfter}
        emptyLabel={notSet}
        onChange={(victimStatusAfter) => set({ victimStatusAfter })}
      />
      <TextAreaField
        label={t('records.field.notes')}
        hint={t('records.sealedHint')}
        value={form.notes}
        rows={3}
        maxLength={RECORD_LIMITS.notesChars}
        onChange={(e) => set({ notes: e.target.value })}
      />
    </>
  );
}
