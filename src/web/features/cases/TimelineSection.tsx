// The case timeline as the server merges it (incidents, interventions, tasks, contacts,
// report messages and files), each item decrypted with the key it names: a record key
// from the timeline's key map, or the organisation key for report messages.
import { useEffect, useState } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
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
