// The monitoring home: the organisation's campaigns and monitored items, and the forms
// that create them. `?campaign=ID` narrows the items to one campaign.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { MONITORED_PLATFORMS } from '../../../common/monitoring/vocabulary.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link, navigate } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { SelectField, TextAreaField, TextField } from '../../components/fields.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText, fieldIssue } from '../../lib/errors.ts';
import {
  exportLinks,
  monitoringApi,
  type Campaign,
  type Counts,
  type MonitoredItem,
} from './api.ts';
import { CountsSection } from './CountsSection.tsx';
import {
  dateToIso,
  itemHref,
  platformLabel,
  itemTitle,
  reviewHref,
  tallyText,
  useSearch,
} from './shared.tsx';
import './monitoring.css';

export function MonitoringPage() {
  const { t } = useI18n();
  const session = useSession();
  const campaignId = new URLSearchParams(useSearch()).get('campaign') ?? undefined;
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [items, setItems] = useState<MonitoredItem[] | null>(null);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    Promise.all([
      monitoringApi.campaigns(),
      monitoringApi.items(campaignId),
      campaignId ? monitoringApi.counts({ campaignId }) : Promise.resolve(null),
    ]).then(([c, i, n]) => {
      setCampaigns(c.campaigns);
      setItems(i.items);
      setCounts(n);
      setError(null);
    }, setError);
  }, [campaignId]);
  useEffect(load, [load]);

  const current = campaigns?.find((c) => c.id === campaignId);
  const canWrite = session.can('monitoring.write');
  const canReview = session.can('monitoring.review');

  return (
    <Page title={t('monitoring.title')} wide>
      <p className="hint">{t('monitoring.intro')}</p>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {!campaigns || !items ? (
        error ? null : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : (
        <>
          {current && counts && counts.campaignId === current.id ? (
            <CountsSection counts={counts} exports={exportLinks({ campaignId: current.id })} />
          ) : null}
          <section aria-labelledby="monitoring-items" className="monitoring-section">
            <h2 id="monitoring-items">
              {current
                ? t('monitoring.itemsOfCampaign', { name: current.name })
                : t('monitoring.items')}
            </h2>
            {current ? (
              <p className="actions">
                <Link href="/app/monitoring" className="button secondary">
                  {t('monitoring.showAll')}
                </Link>
                {canReview ? (
                  <Link href={reviewHref({ campaignId: current.id })} className="button">
                    {t('monitoring.reviewCampaign')}
                  </Link>
                ) : null}
              </p>
            ) : null}
            {items.length === 0 ? (
              <p className="muted" role="status">
                {t('monitoring.itemsNone')}
              </p>
            ) : (
              <ul className="monitoring-list" aria-label={t('monitoring.items')}>
                {items.map((item) => (
                  <li key={item.id} className="monitoring-row" data-testid="monitoring-item">
                    <Link href={itemHref(item.id)} className="monitoring-row-title">
                      {itemTitle(item, t)}
                    </Link>
                    <span className="muted">
                      {platformLabel(item.platform, t)}
                      {item.author ? ` · ${item.author}` : ''}
                    </span>
                    <span>{tallyText(item.tally, t)}</span>
                  </li>
                ))}
              </ul>
            )}
            {canWrite ? (
              <NewItemForm
                campaigns={campaigns}
                campaignId={campaignId}
                onCreated={(item) => navigate(itemHref(item.id))}
              />
            ) : null}
          </section>

          <section aria-labelledby="monitoring-campaigns" className="monitoring-section">
            <h2 id="monitoring-campaigns">{t('monitoring.campaigns')}</h2>
            {campaigns.length === 0 ? (
              <p className="muted">{t('monitoring.campaignsNone')}</p>
            ) : (
              <ul className="monitoring-list" aria-label={t('monitoring.campaigns')}>
                {campaigns.map((c) => (
                  <li key={c.id} className="monitoring-row" data-testid="monitoring-campaign">
                    <Link
                      href={`/app/monitoring?campaign=${c.id}`}
                      className="monitoring-row-title"
                      aria-current={c.id === campaignId ? 'true' : undefined}
                    >
                      {c.name}
                    </Link>
                    <span className="muted">
                      {t('monitoring.campaignItems', { count: c.itemCount })}
                    </span>
                    {c.description ? <span>{c.description}</span> : null}
                  </li>
                ))}
              </ul>
            )}
            {canWrite ? <NewCampaignForm onCreated={load} /> : null}
          </section>
        </>
      )}
    </Page>
  );
}

function NewCampaignForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    if (name.trim() === '') {
      setNameError(t('monitoring.error.nameRequired'));
      return;
    }
    setNameError(null);
    setBusy(true);
    try {
      const campaign = await monitoringApi.createCampaign({ name, description });
      setCreated(campaign.name);
      setName('');
      setDescription('');
      setError(null);
      onCreated();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="monitoring-form"
      aria-labelledby="new-campaign"
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      <h3 id="new-campaign">{t('monitoring.newCampaign')}</h3>
      <TextField
        label={t('monitoring.field.name')}
        value={name}
        maxLength={200}
        required
        error={nameError ?? fieldIssue(error, 'name')}
        onChange={(e) => setName(e.target.value)}
      />
      <TextAreaField
        label={t('monitoring.field.description')}
        value={description}
        maxLength={4000}
        rows={2}
        onChange={(e) => setDescription(e.target.value)}
      />
      {error && !fieldIssue(error, 'name') ? <Alert>{errorText(error, t)}</Alert> : null}
      {created ? (
        <Alert kind="success">{t('monitoring.campaignCreated', { name: created })}</Alert>
      ) : null}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t('monitoring.createCampaign')}
        </button>
      </div>
    </form>
  );
}

function NewItemForm({
  campaigns,
  campaignId,
  onCreated,
}: {
  campaigns: Campaign[];
  campaignId: string | undefined;
  onCreated: (item: MonitoredItem) => void;
}) {
  const { t } = useI18n();
  const [platform, setPlatform] = useState<string>('instagram');
  const [url, setUrl] = useState('');
  const [author, setAuthor] = useState('');
  const [publishedAt, setPublishedAt] = useState('');
  const [title, setTitle] = useState('');
  const [notes, setNotes] = useState('');
  const [campaign, setCampaign] = useState(campaignId ?? '');
  const [errors, setErrors] = useState<{ url?: string; publishedAt?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: { url?: string; publishedAt?: string } = {};
    if (!/^https?:\/\/\S+$/i.test(url.trim())) found.url = t('monitoring.error.urlInvalid');
    const published = dateToIso(publishedAt);
    if (published === 'invalid') found.publishedAt = t('monitoring.error.dateInvalid');
    setErrors(found);
    if (Object.keys(found).length > 0 || published === 'invalid') return;
    const chosen = MONITORED_PLATFORMS.find((p) => p === platform) ?? 'other';
    setBusy(true);
    try {
      const item = await monitoringApi.createItem({
        platform: chosen,
        url: url.trim(),
        author: author.trim() === '' ? null : author,
        publishedAt: published,
        title,
        notes,
        campaignId: campaign === '' ? null : campaign,
      });
      onCreated(item);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const serverField = (field: string) => fieldIssue(error, field);
  const known = ['url', 'publishedAt', 'author', 'title', 'notes'].some(serverField);

  return (
    <form
      className="monitoring-form"
      aria-labelledby="new-item"
      noValidate
      onSubmit={(e) => void submit(e)}
    >
      <h3 id="new-item">{t('monitoring.newItem')}</h3>
      <p className="hint">{t('monitoring.newItemHint')}</p>
      <SelectField
        label={t('monitoring.field.platform')}
        value={platform}
        onChange={(e) => setPlatform(e.target.value)}
      >
        {MONITORED_PLATFORMS.map((p) => (
          <option key={p} value={p}>
            {platformLabel(p, t)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('monitoring.field.url')}
        type="url"
        inputMode="url"
        value={url}
        maxLength={2048}
        required
        error={errors.url ?? serverField('url')}
        onChange={(e) => setUrl(e.target.value)}
      />
      <TextField
        label={t('monitoring.field.author')}
        value={author}
        maxLength={300}
        error={serverField('author')}
        onChange={(e) => setAuthor(e.target.value)}
      />
      <TextField
        label={t('monitoring.field.publishedAt')}
        type="date"
        value={publishedAt}
        error={errors.publishedAt ?? serverField('publishedAt')}
        onChange={(e) => setPublishedAt(e.target.value)}
      />
      <TextField
        label={t('monitoring.field.title')}
        value={title}
        maxLength={500}
        error={serverField('title')}
        onChange={(e) => setTitle(e.target.value)}
      />
      <TextAreaField
        label={t('monitoring.field.notes')}
        value={notes}
        maxLength={4000}
        rows={2}
        error={serverField('notes')}
        onChange={(e) => setNotes(e.target.value)}
      />
      <SelectField
        label={t('monitoring.field.campaign')}
        value={campaign}
        onChange={(e) => setCampaign(e.target.value)}
      >
        <option value="">{t('monitoring.noCampaign')}</option>
        {campaigns.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      {error && !known ? (
        <Alert>
          {error instanceof Error && 'code' in error && error.code === 'campaign_not_found'
            ? t('monitoring.error.campaignNotFound')
            : errorText(error, t)}
        </Alert>
      ) : null}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t('monitoring.createItem')}
        </button>
      </div>
    </form>
  );
}
