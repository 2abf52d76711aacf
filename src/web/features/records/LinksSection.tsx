// The chain of events: links from this incident to others ("retaliation for I-7KQ3"), read
// from either side with the link type's inverse label.
import { useState } from 'react';
import { INCIDENT_LINK_TYPES, type IncidentLinkType } from '../../../common/records/vocabulary.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { TextField } from '../../components/fields.tsx';
import { Alert } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { recordsApi, type IncidentDetail } from './api.ts';
import { CodeSelect } from './CodeFields.tsx';
import { findIncidentByReference } from './find-record.ts';

/** How a link reads from this incident: its label, or its inverse label when incoming. */
export function linkLabel(
  linkType: IncidentLinkType,
  direction: 'outgoing' | 'incoming',
  locale: 'ru' | 'kk' | 'en',
): string {
  const term = INCIDENT_LINK_TYPES.find((l) => l.code === linkType);
  if (!term) return linkType;
  // Stored as "<to> is <label> <from>": from the `from` side, the other incident is the
  // one described by the inverse.
  return direction === 'incoming' ? term.label[locale] : term.inverse[locale];
}

export function LinksSection({
  detail,
  onChanged,
}: {
  detail: IncidentDetail;
  onChanged: () => Promise<unknown>;
}) {
  const { t, locale } = useI18n();
  const session = useSession();
  const canWrite = session.can('records.write');
  const [adding, setAdding] = useState(false);
  const [reference, setReference] = useState('');
  const [linkType, setLinkType] = useState<IncidentLinkType>('follow_up');
  const [error, setError] = useState<unknown>(null);
  const [unknown, setUnknown] = useState(false);
  const incidentId = detail.incident.id;

  const add = async () => {
    setError(null);
    setUnknown(false);
    try {
      const found = (await findIncidentByReference(reference))?.id;
      if (!found || found === incidentId) {
        setUnknown(true);
        return;
      }
      await recordsApi.link(incidentId, { toIncidentId: found, linkType });
      setReference('');
      setAdding(false);
      await onChanged();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section className="record-section" aria-labelledby="links-title">
      <h2 id="links-title">{t('links.title')}</h2>
      {detail.links.length === 0 ? <p className="muted">{t('links.empty')}</p> : null}
      <ul className="plain-list">
        {detail.links.map((link) => (
          <li key={link.id} className="link-row">
            <span>{linkLabel(link.linkType, link.direction, locale)} </span>
            <Link href={`/app/incidents/${link.otherIncidentId}`}>{link.otherReference}</Link>
            {canWrite ? (
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  void recordsApi
                    .unlink(incidentId, link.id)
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
          aria-label={t('links.add')}
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <CodeSelect
            label={t('records.field.linkType')}
            terms={INCIDENT_LINK_TYPES}
            value={linkType}
            onChange={(next) => setLinkType(next ?? 'related')}
          />
          <TextField
            label={t('records.field.otherIncident')}
            value={reference}
            placeholder="I-XXXX"
            required
            autoComplete="off"
            error={unknown ? t('links.unknownReference') : null}
            onChange={(e) => setReference(e.target.value)}
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
          {t('links.add')}
        </button>
      ) : null}
    </section>
  );
}
