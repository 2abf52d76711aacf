// The case timeline as the server merges it (incidents, interventions, tasks, contacts,
// report messages and files), each item decrypted with the key it names: a record key
// from the timeline's key map, or the organisation key for report messages.
import { useEffect, useState } from 'react';
import type { TIMELINE_KINDS } from '../../../common/api/cases.ts';
import { openSealedText, fromB64, sodium, type BoxKeyPair } from '../../../common/crypto/index.ts';
import type { SealedTable } from '../../../common/records/contexts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { casesApi, type Timeline, type TimelineItem } from './api.ts';
import { attempt, openField, openKey, type Opened } from './sealing.ts';
import { SealedText } from './shared.tsx';
import { TIMELINE_LABEL } from './timeline-labels.ts';

type Kind = (typeof TIMELINE_KINDS)[number];

/** The table whose context binds an item's sealed columns. */
const TABLE_OF: Partial<Record<Kind, SealedTable>> = {
  case_opened: 'cases',
  incident: 'incidents',
  intervention_submitted: 'interventions',
  intervention_response: 'interventions',
  task_due: 'tasks',
  task_done: 'tasks',
  contact: 'case_contacts',
};

/** The first readable sealed value of an item (title or note), decrypted in this tab. */
export function openTimelineItem(
  item: TimelineItem,
  keys: Timeline['keys'],
  org: BoxKeyPair,
): Opened<string> | null {
  const entries = Object.entries(item.sealed);
  if (entries.length === 0) return null;
  const preferred = entries.find(([c]) => c.includes('title')) ?? entries[0];
  if (!preferred) return null;
  const [column, sealed] = preferred;
  if (item.opensWith === 'organisation') {
    return attempt(() => openSealedText(org, fromB64(sealed)));
  }
  const table = TABLE_OF[item.kind];
  const key = item.keyRecordId ? openKey(keys[item.keyRecordId], org) : null;
  try {
    return table ? openField(key, table, column, item.sourceId, sealed) : { ok: false };
  } finally {
    if (key) sodium().memzero(key);
  }
}

export function TimelineSection({
  caseId,
  org,
  version,
}: {
  caseId: string;
  org: BoxKeyPair;
  version: string;
}) {
  const { t, date, dateTime } = useI18n();
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    casesApi.timeline(caseId).then(setTimeline, setError);
  }, [caseId, version]);

  const when = (item: TimelineItem) =>
    item.datePrecision === 'day'
      ? dateTime(item.at)
      : item.datePrecision === 'unknown'
        ? '—'
        : date(item.at);

  return (
    <section aria-labelledby="case-timeline" className="section">
      <h2 id="case-timeline">{t('cases.timeline.title')}</h2>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {!timeline ? (
        error ? null : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : timeline.items.length === 0 ? (
        <p className="muted">{t('cases.timeline.none')}</p>
      ) : (
        <ol className="thread" aria-label={t('cases.timeline.title')}>
          {timeline.items.map((item) => (
            <li
              key={`${item.kind}-${item.sourceId}-${item.at}`}
              className="message"
              data-testid="timeline-item"
            >
              <p className="message-head">
                <strong>{t(TIMELINE_LABEL[item.kind])}</strong>{' '}
                <span className="muted">{when(item)}</span>
              </p>
              <p className="written-text">
                <SealedText value={openTimelineItem(item, timeline.keys, org)} empty="" />
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
