// The comments of an item with both labels, the machine's and the confirmed one, filtered
// by either, by a machine category or by language, a page at a time.
import { useEffect, useRef, useState } from 'react';
import { COMMENT_LANGUAGES, HATE_CATEGORIES } from '../../../common/monitoring/vocabulary.ts';
import { useI18n } from '../../app/i18n.tsx';
import { SelectField } from '../../components/fields.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { monitoringApi, type Comment, type CommentFilters, type Scope } from './api.ts';
import { Highlighted } from './Highlighted.tsx';
import { hatefulLabel, scoreText } from './shared.tsx';
import { ToEvidence, useCanSealComments } from './ToEvidence.tsx';

export function CommentsSection({
  scope,
  filters,
  onFilters,
  version,
}: {
  scope: Scope;
  filters: CommentFilters;
  onFilters: (filters: CommentFilters) => void;
  /** Changes when the comments changed (an import): the list loads again. */
  version: number;
}) {
  const { t } = useI18n();
  const [listing, setListing] = useState<{ key: string; comments: Comment[] } | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const latest = useRef(0);
  const scopeKey = JSON.stringify(scope);
  const filterKey = JSON.stringify(filters);
  const listKey = `${scopeKey} ${filterKey} ${version}`;
  // A listing for other filters is not shown while the new one loads.
  const comments = listing?.key === listKey ? listing.comments : null;

  useEffect(() => {
    const request = ++latest.current;
    monitoringApi.comments(scope, filters).then(
      (page) => {
        if (request !== latest.current) return;
        setListing({ key: listKey, comments: page.comments });
        setNext(page.next);
        setError(null);
      },
      (caught: unknown) => {
        if (request === latest.current) setError(caught);
      },
    );
    // scope and filters are compared by value (their keys), not by identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [listKey]);

  const more = async () => {
    if (!next || !comments) return;
    try {
      const page = await monitoringApi.comments(scope, filters, next);
      setListing({ key: listKey, comments: [...comments, ...page.comments] });
      setNext(page.next);
    } catch (caught) {
      setError(caught);
    }
  };

  const set = (patch: Partial<Record<keyof CommentFilters, string>>) => {
    const merged: Record<string, string | undefined> = { ...filters, ...patch };
    const clean = Object.fromEntries(
      Object.entries(merged).filter(([, v]) => v !== undefined && v !== ''),
    );
    onFilters(clean as CommentFilters);
  };

  return (
    <section aria-labelledby="monitoring-comments" className="monitoring-section">
      <h2 id="monitoring-comments">{t('monitoring.comments.title')}</h2>
      <div className="inbox-filters">
        <SelectField
          label={t('monitoring.filter.machine')}
          value={filters.machine ?? ''}
          onChange={(e) => set({ machine: e.target.value })}
        >
          <option value="">{t('monitoring.filter.any')}</option>
          <option value="hateful">{t('monitoring.label.hateful')}</option>
          <option value="not_hateful">{t('monitoring.label.notHateful')}</option>
        </SelectField>
        <SelectField
          label={t('monitoring.filter.confirmed')}
          value={filters.confirmed ?? ''}
          onChange={(e) => set({ confirmed: e.target.value })}
        >
          <option value="">{t('monitoring.filter.any')}</option>
          <option value="hateful">{t('monitoring.label.hateful')}</option>
          <option value="not_hateful">{t('monitoring.label.notHateful')}</option>
          <option value="reviewed">{t('monitoring.label.reviewed')}</option>
          <option value="unreviewed">{t('monitoring.label.unreviewed')}</option>
        </SelectField>
        <SelectField
          label={t('monitoring.filter.category')}
          value={filters.machineCategory ?? ''}
          onChange={(e) => set({ machineCategory: e.target.value })}
        >
          <option value="">{t('monitoring.filter.any')}</option>
          {HATE_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`monitoring.category.${c}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('monitoring.filter.language')}
          value={filters.language ?? ''}
          onChange={(e) => set({ language: e.target.value })}
        >
          <option value="">{t('monitoring.filter.any')}</option>
          {COMMENT_LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`monitoring.language.${l}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {!comments ? (
        error ? null : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : comments.length === 0 ? (
        <p className="muted" role="status">
          {t('monitoring.comments.none')}
        </p>
      ) : (
        <>
          <ul className="monitoring-list" aria-label={t('monitoring.comments.listLabel')}>
            {comments.map((c) => (
              <CommentRow key={c.id} comment={c} />
            ))}
          </ul>
          {next ? (
            <div className="actions">
              <button type="button" className="button secondary" onClick={() => void more()}>
                {t('monitoring.loadMore')}
              </button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

function CommentRow({ comment }: { comment: Comment }) {
  const { t, dateTime } = useI18n();
  const canSeal = useCanSealComments();
  const { machine, confirmed } = comment;
  return (
    <li className="monitoring-row monitoring-comment" data-testid="monitoring-comment">
      <p className="monitoring-verbatim" lang={comment.language.slice(0, 2)}>
        <Highlighted text={comment.text} rules={machine.evidence.rules} />
      </p>
      <p className="muted">
        {comment.author ?? t('monitoring.comment.anonymous')} ·{' '}
        {comment.postedAt ? dateTime(comment.postedAt) : t('monitoring.comment.undated')} ·{' '}
        {t(`monitoring.language.${comment.language}`)}
      </p>
      <p>
        <span
          className={
            machine.hateful
              ? 'badge monitoring-badge badge-warning'
              : 'badge monitoring-badge badge-off'
          }
        >
          {t('monitoring.comment.machine', {
            label: hatefulLabel(machine.hateful, t),
            score: scoreText(machine.score),
          })}
        </span>{' '}
        {machine.categories.map((c) => (
          <span key={c} className="tag">
            {t(`monitoring.category.${c}`)}
          </span>
        ))}
      </p>
      <p data-testid="confirmed-label">
        {confirmed ? (
          <>
            <span
              className={
                confirmed.hateful
                  ? 'badge monitoring-badge badge-open'
                  : 'badge monitoring-badge badge-off'
              }
            >
              {t('monitoring.comment.confirmed', { label: hatefulLabel(confirmed.hateful, t) })}
            </span>{' '}
            {confirmed.categories.map((c) => (
              <span key={c} className="tag">
                {t(`monitoring.category.${c}`)}
              </span>
            ))}
          </>
        ) : (
          <span className="badge monitoring-badge badge-pending">
            {t('monitoring.comment.unconfirmed')}
          </span>
        )}
      </p>
      {canSeal ? <ToEvidence comment={comment} /> : null}
    </li>
  );
}
