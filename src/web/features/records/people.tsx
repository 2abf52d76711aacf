// Choosing a person for an act or a source: the organisation's people by code name (the
// real names stay sealed), and a short form to add someone new without leaving the page.
import { useCallback, useEffect, useState } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import {
  PERSON_PERPETRATOR_TYPES,
  PERSON_ROLES,
  type PersonRole,
} from '../../../common/records/vocabulary.ts';
import { useI18n } from '../../app/i18n.tsx';
import { SelectField, TextField } from '../../components/fields.tsx';
import { Alert } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { recordsApi, type PersonRef } from './api.ts';
import { CodeChecks, CodeSelect } from './CodeFields.tsx';
import { emptyPersonForm, personCreateRequest, type PersonForm } from './forms.ts';
import { codeLabel } from './labels.ts';
import { forgetKey, newId, newRecordKey } from './sealed-fields.ts';

export interface PeopleDirectory {
  people: PersonRef[];
  byId: Map<string, PersonRef>;
  refresh: () => Promise<void>;
  add: (person: PersonRef) => void;
}

/** The organisation's people (up to 500, newest first), plus any passed in `known`. */
export function usePeople(known: readonly PersonRef[] = []): PeopleDirectory {
  const [people, setPeople] = useState<PersonRef[]>([]);
  const refresh = useCallback(async () => {
    const result = await recordsApi.people({ limit: 500 });
    setPeople(result.people);
  }, []);
  useEffect(() => {
    let cancelled = false;
    recordsApi.people({ limit: 500 }).then(
      (result) => {
        if (!cancelled) setPeople(result.people);
      },
      // Without the list, the pickers still offer the people the record names.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);
  const all = new Map<string, PersonRef>();
  for (const p of [...known, ...people]) all.set(p.id, p);
  return {
    people: [...all.values()],
    byId: all,
    refresh,
    add: (person) => setPeople((previous) => [person, ...previous]),
  };
}

/** "P-7KQ3 · Father" */
export function personLabel(person: PersonRef | undefined, locale: 'ru' | 'kk' | 'en'): string {
  if (!person) return '?';
  const type = person.perpetratorType
    ? codeLabel(PERSON_PERPETRATOR_TYPES, person.perpetratorType, locale)
    : person.roles.map((r) => codeLabel(PERSON_ROLES, r, locale)).join(', ');
  return type ? `${person.codeName} · ${type}` : person.codeName;
}

export function PersonPicker({
  label,
  value,
  onChange,
  directory,
  org,
  role,
  emptyLabel,
  testId,
}: {
  label: string;
  value: string | null;
  onChange: (personId: string | null) => void;
  directory: PeopleDirectory;
  org: BoxKeyPair;
  /** The role a person added from here starts with. */
  role: PersonRole;
  emptyLabel: string;
  testId?: string;
}) {
  const { t, locale } = useI18n();
  const [adding, setAdding] = useState(false);
  return (
    <div className="person-picker">
      <SelectField
        label={label}
        value={value ?? ''}
        data-testid={testId}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      >
        <option value="">{emptyLabel}</option>
        {directory.people.map((p) => (
          <option key={p.id} value={p.id}>
            {personLabel(p, locale)}
          </option>
        ))}
      </SelectField>
      {adding ? (
        <QuickPerson
          org={org}
          role={role}
          onCancel={() => setAdding(false)}
          onCreated={(person) => {
            directory.add(person);
            onChange(person.id);
            setAdding(false);
          }}
        />
      ) : (
        <button type="button" className="button secondary" onClick={() => setAdding(true)}>
          {t('people.quickAdd')}
        </button>
      )}
    </div>
  );
}

function QuickPerson({
  org,
  role,
  onCreated,
  onCancel,
}: {
  org: BoxKeyPair;
  role: PersonRole;
  onCreated: (person: PersonRef) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<PersonForm>({ ...emptyPersonForm(), roles: [role] });
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
      const p = created.person;
      onCreated({
        id: p.id,
        codeName: p.codeName,
        roles: p.roles,
        perpetratorType: p.perpetratorType,
        ageGroup: p.ageGroup,
      });
    } catch (caught) {
      setError(caught);
    } finally {
      forgetKey(key);
      setBusy(false);
    }
  };
  return (
    <fieldset className="subform">
      <legend>{t('people.quickAddTitle')}</legend>
      <p className="hint">{t('people.pseudonymHint')}</p>
      <CodeChecks
        legend={t('records.field.roles')}
        terms={PERSON_ROLES}
        value={form.roles}
        onChange={(roles) => setForm({ ...form, roles })}
      />
      <CodeSelect
        label={t('records.field.perpetratorType')}
        terms={PERSON_PERPETRATOR_TYPES}
        value={form.perpetratorType}
        emptyLabel={t('records.notSet')}
        onChange={(perpetratorType) => setForm({ ...form, perpetratorType })}
      />
      <TextField
        label={t('records.field.name')}
        hint={t('records.sealedHint')}
        value={form.name}
        maxLength={300}
        autoComplete="off"
        onChange={(e) => setForm({ ...form, name: e.target.value })}
      />
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void create()}>
          {t('records.create')}
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          {t('records.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
