// The counts of an item or a campaign: totals, by category, language and day, with the
// machine-flagged and human-confirmed figures always side by side and never merged, a
// table and a bar chart drawn in plain SVG (no chart library, nothing loaded), and the
// CSV exports.
import { useI18n, type I18n } from '../../app/i18n.tsx';
import type { Counts } from './api.ts';

interface Row {
  key: string;
  label: string;
  machine: number;
  confirmed: number;
  comments?: number;
  reviewed?: number;
}

export function CountsSection({
  counts,
  exports,
}: {
  counts: Counts;
  exports: { counts: string; comments: string };
}) {
  const { t } = useI18n();
  const { totals } = counts;
  const categoryRows: Row[] = counts.byCategory.map((c) => ({
    key: c.category,
    label: t(`monitoring.category.${c.category}`),
    machine: c.machineFlagged,
    confirmed: c.confirmed,
  }));
  const languageRows: Row[] = counts.byLanguage.map((l) => ({
    key: l.language,
    label: t(`monitoring.language.${l.language}`),
    machine: l.machineFlagged,
    confirmed: l.confirmedHateful,
    comments: l.comments,
    reviewed: l.reviewed,
  }));
  const dayRows: Row[] = counts.byDay.map((d) => ({
    key: d.day ?? 'undated',
    label: d.day ?? t('monitoring.counts.undated'),
    machine: d.machineFlagged,
    confirmed: d.confirmedHateful,
    comments: d.comments,
    reviewed: d.reviewed,
  }));

  return (
    <section aria-labelledby="monitoring-counts" className="monitoring-section">
      <h2 id="monitoring-counts">{t('monitoring.counts.title')}</h2>
      <p className="hint">{t('monitoring.counts.note')}</p>
      <dl className="facts monitoring-totals" data-testid="monitoring-totals">
        <div>
          <dt>{t('monitoring.counts.comments')}</dt>
          <dd data-testid="total-comments">{totals.comments}</dd>
        </div>
        <div>
          <dt>{t('monitoring.counts.machine')}</dt>
          <dd data-testid="total-machine">{totals.machineFlagged}</dd>
        </div>
        <div>
          <dt>{t('monitoring.counts.reviewed')}</dt>
          <dd data-testid="total-reviewed">{totals.reviewed}</dd>
        </div>
        <div>
          <dt>{t('monitoring.counts.confirmed')}</dt>
          <dd data-testid="total-confirmed">{totals.confirmedHateful}</dd>
        </div>
      </dl>
      <p className="actions">
        <a className="button secondary" href={exports.counts} download="counts.csv">
          {t('monitoring.export.counts')}
        </a>
        <a className="button secondary" href={exports.comments} download="comments.csv">
          {t('monitoring.export.comments')}
        </a>
      </p>
      {totals.comments === 0 ? (
        <p className="muted">{t('monitoring.counts.empty')}</p>
      ) : (
        <>
          <Breakdown
            id="by-category"
            title={t('monitoring.counts.byCategory')}
            column={t('monitoring.counts.category')}
            rows={categoryRows}
            t={t}
          />
          <Breakdown
            id="by-language"
            title={t('monitoring.counts.byLanguage')}
            column={t('monitoring.counts.language')}
            rows={languageRows}
            t={t}
          />
          <Breakdown
            id="by-day"
            title={t('monitoring.counts.byDay')}
            column={t('monitoring.counts.day')}
            rows={dayRows}
            t={t}
          />
        </>
      )}
    </section>
  );
}

function Breakdown({
  id,
  title,
  column,
  rows,
  t,
}: {
  id: string;
  title: string;
  column: string;
  rows: Row[];
  t: I18n['t'];
}) {
  const withComments = rows[0]?.comments !== undefined;
  return (
    <div className="monitoring-breakdown" data-testid={id}>
      <h3 id={`${id}-title`}>{title}</h3>
      <Chart rows={rows} title={title} t={t} />
      <table className="table stack" aria-labelledby={`${id}-title`}>
        <thead>
          <tr>
            <th scope="col">{column}</th>
            {withComments ? <th scope="col">{t('monitoring.counts.comments')}</th> : null}
            <th scope="col">{t('monitoring.counts.machine')}</th>
            {withComments ? <th scope="col">{t('monitoring.counts.reviewed')}</th> : null}
            <th scope="col">{t('monitoring.counts.confirmed')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-row={row.key}>
              <th scope="row">{row.label}</th>
              {withComments ? (
                <td data-label={t('monitoring.counts.comments')}>{row.comments}</td>
              ) : null}
              <td data-label={t('monitoring.counts.machine')} data-figure="machine">
                {row.machine}
              </td>
              {withComments ? (
                <td data-label={t('monitoring.counts.reviewed')}>{row.reviewed}</td>
              ) : null}
              <td data-label={t('monitoring.counts.confirmed')} data-figure="confirmed">
                {row.confirmed}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Two bars a row, machine-flagged above human-confirmed, scaled to the largest figure. Each
 * bar is a small SVG stretched to the row's width (viewBox, no inline style), so a phone
 * shows it whole; the figures are written beside the bars, so the chart reads without
 * seeing the bars, and the table below has them all.
 */
function Chart({ rows, title, t }: { rows: Row[]; title: string; t: I18n['t'] }) {
  const max = Math.max(1, ...rows.map((r) => Math.max(r.machine, r.confirmed)));
  return (
    <figure className="monitoring-chart">
      <figcaption className="monitoring-legend">
        <span className="visually-hidden">{t('monitoring.counts.chart', { title })}</span>
        <span className="legend-machine">{t('monitoring.counts.machine')}</span>
        <span className="legend-confirmed">{t('monitoring.counts.confirmed')}</span>
      </figcaption>
      <ul className="monitoring-bars">
        {rows.map((row) => (
          <li key={row.key}>
            <span className="monitoring-bar-label">
              {t('monitoring.counts.bar', {
                label: row.label,
                machine: row.machine,
                confirmed: row.confirmed,
              })}
            </span>
            <svg
              viewBox="0 0 100 20"
              preserveAspectRatio="none"
              className="monitoring-bar"
              aria-hidden="true"
              focusable="false"
            >
              <rect
                className="bar-machine"
                x={0}
                y={0}
                width={(row.machine / max) * 100}
                height={9}
              />
              <rect
                className="bar-confirmed"
                x={0}
                y={11}
                width={(row.confirmed / max) * 100}
                height={9}
              />
            </svg>
          </li>
        ))}
      </ul>
    </figure>
  );
}
