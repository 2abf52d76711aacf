// The review queue of an item or a campaign (`?itemId=` or `?campaignId=`): one comment at
// a time, the most uncertain machine label first (the server orders them), its verbatim
// text with the spans the rules matched, the features that moved the score, and the
// machine label. The reviewer confirms or corrects it from the keyboard or with the
// buttons; below, the organisation's model and the retrain action.
import { useCallback, useEffect, useRef, useState } from 'react';
import { HATE_CATEGORIES, type HateCategory } from '../../../common/monitoring/vocabulary.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link } from '../../app/router.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { monitoringApi, type Comment, type Scope } from './api.ts';
import { ModelSection } from './ModelSection.tsx';
import { Highlighted } from './Highlighted.tsx';
import { hatefulLabel, itemHref, itemTitle, scoreText, useSearch } from './shared.tsx';
import './monitoring.css';

interface Decision {
  hateful: boolean | null;
  categories: HateCategory[];
}
const UNDECIDED: Decision = { hateful: null, categories: [] };

function scopeFromSearch(search: string): Scope | null {
  const query = new URLSearchParams(search);
  const itemId = query.get('itemId');
  const campaignId = query.get('campaignId');
  if (itemId) return { itemId };
  if (campaignId) return { campaignId };
  return null;
}

export function ReviewPage() {
  const { t } = useI18n();
  const search = useSearch();
  const scope = scopeFromSearch(search);
  const [name, setName] = useState<string | null>(null);
  const [queue, setQueue] = useState<Comment[] | null>(null);
  const [remaining, setRemaining] = useState(0);
  const [decision, setDecision] = useState<Decision>(UNDECIDED);
  const [reviewed, setReviewed] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const skipped = useRef(new Set<string>());

  const load = useCallback(() => {
    const current = scopeFromSearch(search);
    if (!current) return;
    monitoringApi.reviewQueue(current).then((answer) => {
      setQueue(answer.comments.filter((c) => !skipped.current.has(c.id)));
      setRemaining(answer.remaining);
      setDecision(UNDECIDED);
      setError(null);
    }, setError);
  }, [search]);

  useEffect(() => {
    if (scopeFromSearch(search)) load();
  }, [search, load]);

  // Kept apart from the queue: a change of language renames the scope, not the queue.
  useEffect(() => {
    const current = scopeFromSearch(search);
    if (!current) return;
    const named =
      'itemId' in current
        ? monitoringApi.item(current.itemId).then((item) => itemTitle(item, t))
        : monitoringApi.campaign(current.campaignId).then((c) => c.name);
    named.then(setName, setError);
  }, [search, t]);

  const comment = queue?.[0] ?? null;

  const advance = useCallback(() => {
    setDecision(UNDECIDED);
    const rest = queue ? queue.slice(1) : [];
    setQueue(rest);
    // The page of the queue is used up: ask for the next most uncertain ones.
    if (rest.length === 0) load();
  }, [queue, load]);

  const save = useCallback(async () => {
    if (!comment || saving) return;
    if (decision.hateful === null) {
      setNotice(t('monitoring.review.chooseLabel'));
      return;
    }
    setSaving(true);
    try {
      await monitoringApi.review(comment.id, {
        hateful: decision.hateful,
        categories: decision.hateful ? decision.categories : [],
      });
      const count = reviewed + 1;
      setReviewed(count);
      setRemaining((r) => Math.max(0, r - 1));
      setNotice(t('monitoring.review.saved', { count }));
      setError(null);
      advance();
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  }, [comment, saving, decision, reviewed, t, advance]);

  const skip = useCallback(() => {
    if (!comment) return;
    skipped.current.add(comment.id);
    setNotice(null);
    advance();
  }, [comment, advance]);

  const chooseHateful = useCallback(() => {
    if (!comment) return;
    setNotice(null);
    setDecision((d) => ({
      hateful: true,
      // "Hateful as suggested": the machine's categories, unless some are already chosen.
      categories:
        d.hateful === true && d.categories.length > 0
          ? d.categories
          : [...comment.machine.categories],
    }));
  }, [comment]);
  const chooseNotHateful = useCallback(() => {
    setNotice(null);
    setDecision({ hateful: false, categories: [] });
  }, []);
  const toggle = useCallback((category: HateCategory) => {
    setNotice(null);
    setDecision((d) => {
      const has = d.categories.includes(category);
      const categories = has
        ? d.categories.filter((c) => c !== category)
        : HATE_CATEGORIES.filter((c) => c === category || d.categories.includes(c));
      return { hateful: true, categories };
    });
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (
        target instanceof HTMLInputElement ||
        target instanceof HTMLTextAreaElement ||
        target instanceof HTMLSelectElement ||
        target instanceof HTMLAnchorElement
      ) {
        return;
      }
      // A focused button elsewhere on the page (retrain) keeps its own Enter.
      if (target instanceof HTMLButtonElement && !target.closest('.monitoring-review')) return;
      // Enter on the focused Skip button skips, as a button should.
      if (event.key === 'Enter' && target instanceof HTMLElement && target.dataset.ownEnter) return;
      const key = event.key.toLowerCase();
      const index = Number(key) - 1;
      if (key === 'y') chooseHateful();
      else if (key === 'n') chooseNotHateful();
      else if (key === 's') skip();
      else if (key === 'enter') void save();
      else if (Number.isInteger(index) && index >= 0 && index < HATE_CATEGORIES.length) {
        const category = HATE_CATEGORIES[index];
        if (category) toggle(category);
      } else return;
      // Enter on a focused button would also press it: the queue's Enter is "save and next".
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [chooseHateful, chooseNotHateful, skip, save, toggle]);

  if (!scope) {
    return (
      <Page title={t('monitoring.review.title')}>
        <Alert>{t('error.notFound')}</Alert>
      </Page>
    );
  }
  const back =
    'itemId' in scope ? itemHref(scope.itemId) : `/app/monitoring?campaign=${scope.campaignId}`;

  return (
    <Page title={t('monitoring.review.title')} wide>
      <p>
        <Link href={back}>{t('monitoring.review.back')}</Link>
      </p>
      {name ? <p className="monitoring-scope">{t('monitoring.review.of', { name })}</p> : null}
      <p className="hint">{t('monitoring.review.mostUncertain')}</p>
      <p className="monitoring-keys" id="review-keys">
        {t('monitoring.review.keys')}
      </p>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      <p role="status" className="monitoring-notice" data-testid="review-status">
        {notice ?? ''}
      </p>
      {!queue ? (
        error ? null : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : !comment ? (
        <p className="muted" data-testid="review-done">
          {t('monitoring.review.done')}
        </p>
      ) : (
        <section
          className="monitoring-review"
          aria-labelledby="review-comment"
          aria-describedby="review-keys"
          data-testid="review-card"
          data-comment-id={comment.id}
        >
          <p data-testid="review-remaining">
            {t('monitoring.review.remaining', { count: remaining })}
          </p>
          <h2 id="review-comment">{t('monitoring.review.comment')}</h2>
          <blockquote className="monitoring-verbatim" data-testid="review-text">
            <Highlighted text={comment.text} rules={comment.machine.evidence.rules} />
          </blockquote>
          <p className="muted">
            {comment.author ?? t('monitoring.comment.anonymous')} ·{' '}
            {t(`monitoring.language.${comment.language}`)}
          </p>
          <p>
            <span
              className={
                comment.machine.hateful
                  ? 'badge monitoring-badge badge-warning'
                  : 'badge monitoring-badge badge-off'
              }
            >
              {t('monitoring.review.machine', {
                label: hatefulLabel(comment.machine.hateful, t),
                score: scoreText(comment.machine.score),
              })}
            </span>{' '}
            {comment.machine.categories.map((c) => (
              <span key={c} className="tag">
                {t(`monitoring.category.${c}`)}
              </span>
            ))}
          </p>
          <Evidence comment={comment} />

          <fieldset className="monitoring-decision">
            <legend>{t('monitoring.review.yourLabel')}</legend>
            <div className="actions">
              <button
                type="button"
                className={decision.hateful === true ? 'button' : 'button secondary'}
                aria-pressed={decision.hateful === true}
                aria-keyshortcuts="Y"
                onClick={chooseHateful}
              >
                <kbd>Y</kbd> {t('monitoring.review.hateful')}
              </button>
              <button
                type="button"
                className={decision.hateful === false ? 'button' : 'button secondary'}
                aria-pressed={decision.hateful === false}
                aria-keyshortcuts="N"
                onClick={chooseNotHateful}
              >
                <kbd>N</kbd> {t('monitoring.review.notHateful')}
              </button>
            </div>
            <p className="monitoring-categories-label">{t('monitoring.review.categories')}</p>
            <div className="actions monitoring-categories">
              {HATE_CATEGORIES.map((c, i) => (
                <button
                  key={c}
                  type="button"
                  className={decision.categories.includes(c) ? 'button' : 'button secondary'}
                  aria-pressed={decision.categories.includes(c)}
                  aria-keyshortcuts={String(i + 1)}
                  onClick={() => toggle(c)}
                >
                  <kbd>{i + 1}</kbd> {t(`monitoring.category.${c}`)}
                </button>
              ))}
            </div>
            <div className="actions">
              <button
                type="button"
                className="button"
                aria-keyshortcuts="Enter"
                disabled={saving}
                onClick={() => void save()}
              >
                <kbd>Enter</kbd> {t('monitoring.review.save')}
              </button>
              <button
                type="button"
                className="button secondary"
                aria-keyshortcuts="S"
                data-own-enter="true"
                onClick={skip}
              >
                <kbd>S</kbd> {t('monitoring.review.skip')}
              </button>
            </div>
          </fieldset>
        </section>
      )}
      <ModelSection />
    </Page>
  );
}

function Evidence({ comment }: { comment: Comment }) {
  const { t } = useI18n();
  const { rules, features } = comment.machine.evidence;
  return (
    <details className="monitoring-evidence" open>
      <summary>{t('monitoring.review.rules')}</summary>
      {rules.length === 0 ? (
        <p className="muted">{t('monitoring.review.noRules')}</p>
      ) : (
        <ul data-testid="review-rules">
          {rules.map((r, i) => (
            <li key={i}>
              <code>{r.rule}</code> «{comment.text.slice(r.start, r.end)}»
            </li>
          ))}
        </ul>
      )}
      {features.length > 0 ? (
        <>
          <p>{t('monitoring.review.features')}</p>
          <ul className="monitoring-features">
            {features.map((f, i) => (
              <li key={i}>
                <code>{f.feature}</code> {f.weight > 0 ? '+' : ''}
                {f.weight.toFixed(2)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </details>
  );
}
