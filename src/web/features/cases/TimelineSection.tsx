// The case timeline as the server merges it (incidents, interventions, tasks, contacts,
// report messages and files), each item decrypted with the key it names: a record key
// from the timeline's key map, or the organisation key for report messages.
import { useEffect, useState } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import { formatPartialDate } from '../../../common/pdf/dates.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { casesApi, type Timeline, type TimelineItem } from './api.ts';
import { openTimelineItem } from './timeline.ts';
import { SealedText } from './shared.tsx';
import { TIMELINE_LABEL } from './timeline-labels.ts';

export function TimelineSection({
  caseId,
  org,
  version,
}: {
  caseId: string;
  org: BoxKeyPair;
  version: string;
}) {
  const { t, dateTime, locale } = useI18n();
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    casesApi.timeline(caseId).then(setTimeline, setError);
  }, [caseId, version]);

  // A date-only value (an incident's date, an intervention's filing date) arrives as
  // midnight UTC: it is shown as the day, month or year it was recorded to, never with a
  // time it does not have; a moment (a contact, a message) with its time.
  const when = (item: TimelineItem) => {
    if (item.datePrecision === 'unknown') return '—';
    const dateOnly = item.at.endsWith('T00:00:00.000Z') || item.datePrecision !== 'day';
    return dateOnly
      ? formatPartialDate(locale, item.at.slice(0, 10), item.datePrecision)
      : dateTime(item.at);
  };

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
