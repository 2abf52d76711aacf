// The incident form: every coded field, the sealed title and description, and sources
// with their reliability and sealed note. Choosing an ODIHR category sets crime or
// non-crime (discrimination and hate speech are non-crime); the member can still change it.
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import { RECORD_LIMITS } from '../../../common/api/records.ts';
import {
  BIAS_INDICATORS,
  BIAS_MOTIVATIONS,
  CRIME_STATUSES,
  INCIDENT_TYPES,
  OBLASTS,
  ODIHR_CATEGORIES,
  ONLINE_PLATFORMS,
  PERPETRATOR_TYPES,
  PLACE_TYPES,
  POLICE_REPORTED,
  POLICE_RESPONSES,
  SOURCE_RELIABILITIES,
  SOURCE_TYPES,
  VIOLATION_STATUSES,
} from '../../../common/records/vocabulary.ts';
import { useI18n } from '../../app/i18n.tsx';
import { TextAreaField, TextField } from '../../components/fields.tsx';
import { CodeChecks, CodeSelect, PrecisionDate } from './CodeFields.tsx';
import { withOdihrCategory, type IncidentForm, type SourceForm } from './forms.ts';
import { PersonPicker, type PeopleDirectory } from './people.tsx';
import { newId } from './sealed-fields.ts';

export function IncidentFormFields({
  form,
  onChange,
  directory,
  org,
}: {
  form: IncidentForm;
  onChange: (form: IncidentForm) => void;
  directory: PeopleDirectory;
  org: BoxKeyPair;
}) {
  const { t } = useI18n();
  const set = (patch: Partial<IncidentForm>) => onChange({ ...form, ...patch });
  const notSet = t('records.notSet');
  const setSource = (index: number, patch: Partial<SourceForm>) =>
    set({ sources: form.sources.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
  return (
    <>
      <fieldset className="form-section">
        <legend>{t('incident.sectionText')}</legend>
        <TextField
          label={t('records.field.title')}
          hint={t('records.sealedHint')}
          value={form.title}
          maxLength={RECORD_LIMITS.titleChars}
          autoComplete="off"
          onChange={(e) => set({ title: e.target.value })}
        />
        <TextAreaField
          label={t('records.field.description')}
          value={form.description}
          rows={6}
          maxLength={RECORD_LIMITS.descriptionChars}
          onChange={(e) => set({ description: e.target.value })}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('incident.sectionWhen')}</legend>
        <PrecisionDate
          legend={t('records.field.date')}
          precision={form.datePrecision}
          value={form.date}
          onChange={(datePrecision, date) => set({ datePrecision, date })}
        />
        <CodeSelect
          label={t('records.field.oblast')}
          terms={OBLASTS}
          value={form.oblast}
          emptyLabel={notSet}
          onChange={(oblast) => set({ oblast })}
        />
        <TextField
          label={t('records.field.city')}
          value={form.city}
          maxLength={RECORD_LIMITS.cityChars}
          onChange={(e) => set({ city: e.target.value })}
        />
        <CodeSelect
          label={t('records.field.placeType')}
          terms={PLACE_TYPES}
          value={form.placeType}
          emptyLabel={notSet}
          onChange={(placeType) => set({ placeType })}
        />
        <CodeSelect
          label={t('records.field.onlinePlatform')}
          terms={ONLINE_PLATFORMS}
          value={form.onlinePlatform}
          emptyLabel={notSet}
          onChange={(onlinePlatform) => set({ onlinePlatform })}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('incident.sectionWhat')}</legend>
        <details className="more-filters" open>
          <summary>{t('records.field.incidentTypes')}</summary>
          <CodeChecks
            legend={t('records.field.incidentTypes')}
            terms={INCIDENT_TYPES}
            value={form.incidentTypes}
            onChange={(incidentTypes) => set({ incidentTypes })}
          />
        </details>
        <details className="more-filters">
          <summary>{t('records.field.biasMotivations')}</summary>
          <CodeChecks
            legend={t('records.field.biasMotivations')}
            terms={BIAS_MOTIVATIONS}
            value={form.biasMotivations}
            onChange={(biasMotivations) => set({ biasMotivations })}
          />
        </details>
        <details className="more-filters">
          <summary>{t('records.field.biasIndicators')}</summary>
          <CodeChecks
            legend={t('records.field.biasIndicators')}
            terms={BIAS_INDICATORS}
            value={form.biasIndicators}
            onChange={(biasIndicators) => set({ biasIndicators })}
          />
        </details>
        <details className="more-filters">
          <summary>{t('records.field.perpetratorTypes')}</summary>
          <CodeChecks
            legend={t('records.field.perpetratorTypes')}
            terms={PERPETRATOR_TYPES}
            value={form.perpetratorTypes}
            onChange={(perpetratorTypes) => set({ perpetratorTypes })}
          />
        </details>
        <CodeSelect
          label={t('records.field.odihrCategory')}
          terms={ODIHR_CATEGORIES}
          value={form.odihrCategory}
          emptyLabel={notSet}
          onChange={(category) => onChange(withOdihrCategory(form, category))}
        />
        <CodeSelect
          label={t('records.field.crimeStatus')}
          terms={CRIME_STATUSES}
          value={form.crimeStatus}
          onChange={(crimeStatus) => set({ crimeStatus: crimeStatus ?? 'undetermined' })}
        />
        <CodeSelect
          label={t('records.field.violationStatus')}
          terms={VIOLATION_STATUSES}
          value={form.violationStatus}
          onChange={(violationStatus) => set({ violationStatus: violationStatus ?? 'unknown' })}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('incident.sectionPolice')}</legend>
        <CodeSelect
          label={t('records.field.reportedToPolice')}
          terms={POLICE_REPORTED}
          value={form.reportedToPolice}
          emptyLabel={notSet}
          onChange={(reportedToPolice) => set({ reportedToPolice })}
        />
        <CodeSelect
          label={t('records.field.policeResponse')}
          terms={POLICE_RESPONSES}
          value={form.policeResponse}
          emptyLabel={notSet}
          onChange={(policeResponse) => set({ policeResponse })}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('records.field.sources')}</legend>
        {form.sources.map((source, index) => (
          <fieldset key={source.id} className="subform">
            <legend>{t('incident.sourceN', { n: index + 1 })}</legend>
            <CodeSelect
              label={t('records.field.sourceType')}
              terms={SOURCE_TYPES}
              value={source.type}
              onChange={(type) => setSource(index, { type: type ?? 'other' })}
            />
            <CodeSelect
              label={t('records.field.reliability')}
              terms={SOURCE_RELIABILITIES}
              value={source.reliability}
              onChange={(reliability) =>
                setSource(index, { reliability: reliability ?? 'unverified' })
              }
            />
            <PersonPicker
              label={t('records.field.sourcePerson')}
              value={source.personId}
              onChange={(personId) => setSource(index, { personId })}
              directory={directory}
              org={org}
              role="source"
              emptyLabel={t('records.none')}
            />
            <TextAreaField
              label={t('records.field.sourceNote')}
              hint={t('records.sealedHint')}
              value={source.note}
              rows={2}
              maxLength={RECORD_LIMITS.sourceNoteChars}
              onChange={(e) => setSource(index, { note: e.target.value })}
            />
            <button
              type="button"
              className="button secondary"
              onClick={() => set({ sources: form.sources.filter((_, i) => i !== index) })}
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
              sources: [
                ...form.sources,
                {
                  id: newId(),
                  type: 'victim',
                  reliability: 'unverified',
                  personId: null,
                  note: '',
                },
              ],
            })
          }
        >
          {t('incident.addSource')}
        </button>
      </fieldset>
    </>
  );
}
