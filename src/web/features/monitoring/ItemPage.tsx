// One monitored item: what it is, its counts (machine and confirmed apart), the CSV
// exports, importing comments, and its comments with both labels.
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { Link, usePath } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import {
  exportLinks,
  monitoringApi,
  type CommentFilters,
  type Counts,
  type MonitoredItem,
} from './api.ts';
import { CommentsSection } from './CommentsSection.tsx';
import { CountsSection } from './CountsSection.tsx';
import { ImportSection } from './ImportSection.tsx';
import { ITEM_PATH, itemTitle, platformLabel, reviewHref } from './shared.tsx';
import './monitoring.css';

export function ItemPage() {
  const { t, date } = useI18n();
  const session = useSession();
  const itemId = ITEM_PATH.exec(usePath())?.[1] ?? '';
  const [item, setItem] = useState<MonitoredItem | null>(null);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [filters, setFilters] = useState<CommentFilters>({});
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    Promise.all([monitoringApi.item(itemId), monitoringApi.counts({ itemId })]).then(([i, c]) => {
      setItem(i);
      setCounts(c);
      setError(null);
    }, setError);
  }, [itemId]);
  useEffect(load, [load]);

  const title = item ? itemTitle(item, t) : t('monitoring.title');
  return (
    <Page title={title} wide>
      <p>
        <Link href="/app/monitoring">{t('monitoring.item.back')}</Link>
      </p>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {!item || !counts ? (
        error ? null : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : (
        <>
          <p className="muted">
            {platformLabel(item.platform, t)}
            {item.author || item.publishedAt
              ? ` · ${t('monitoring.item.published', {
                  author: item.author ?? '—',
                  date: item.publishedAt ? date(item.publishedAt) : '—',
                })}`
              : ''}
          </p>
          <p className="monitoring-url">
            <a href={item.url} rel="noopener noreferrer nofollow" target="_blank">
              {t('monitoring.item.openPost')}
            </a>{' '}
            <span className="muted">{item.url}</span>
          </p>
          {item.notes ? <p>{item.notes}</p> : null}
          {session.can('monitoring.review') ? (
            <p className="actions">
              <Link href={reviewHref({ itemId })} className="button">
                {t('monitoring.item.review')}
              </Link>
            </p>
          ) : null}
          <CountsSection counts={counts} exports={exportLinks({ itemId }, filters)} />
          {session.can('monitoring.write') ? (
            <ImportSection
              itemId={itemId}
              onImported={() => {
                load();
                setVersion((v) => v + 1);
              }}
            />
          ) : null}
          <CommentsSection
            scope={{ itemId }}
            filters={filters}
            onFilters={setFilters}
            version={version}
          />
        </>
      )}
    </Page>
  );
}
