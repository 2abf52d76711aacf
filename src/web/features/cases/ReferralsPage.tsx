// Cases partner organisations referred to us. A pending referral shows only who sent it,
// the case reference, what it shares and when; the member accepts or declines, with an
// optional reply sealed to the sender. An accepted one opens read-only: the shared case,
// decrypted with our own organisation key (the sender re-sealed each key to us).
import { useEffect, useMemo, useState } from 'react';
import { fromB64, sealTo, sodium, toB64, type BoxKeyPair } from '../../../common/crypto/index.ts';
import {
  CASE_STATUSES,
  CONSENT_SCOPES,
  REFERRAL_STATUSES,
} from '../../../common/cases/vocabulary.ts';
import { INCIDENT_TYPES, PERSON_ROLES } from '../../../common/records/vocabulary.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Link, usePath } from '../../app/router.tsx';
import { useSession } from '../../app/session.tsx';
import { TextAreaField } from '../../components/fields.tsx';
import { Alert, Busy, Page } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { UnlockPage } from '../auth/UnlockPage.tsx';
import { casesApi, type ReferralBundle, type ReferralSummary } from './api.ts';
import { openField, openKey } from './sealing.ts';
import { displayRef, REFERRAL_PATH, ReferralNote, SealedText, useLabel } from './shared.tsx';

export function ReferralsPage() {
  const { t } = useI18n();
  const [list, setList] = useState<ReferralSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () =>
    casesApi.referrals('incoming').then((r) => {
      setList(r.referrals);
      setError(null);
    }, setError);
  useEffect(() => {
    void load();
  }, []);
  return (
    <Page title={t('cases.incoming.title')}>
      <p className="hint">{t('cases.incoming.intro')}</p>
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {!list ? (
        error ? null : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : list.length === 0 ? (
        <p className="muted">{t('cases.incoming.none')}</p>
      ) : (
        <ul className="notification-list">
          {list.map((r) => (
            <IncomingRow key={r.id} referral={r} onChanged={load} />
          ))}
        </ul>
      )}
    </Page>
  );
}

function IncomingRow({
  referral,
  onChanged,
}: {
  referral: ReferralSummary;
  onChanged(): Promise<unknown>;
}) {
  const { t, dateTime } = useI18n();
  const session = useSession();
  const label = useLabel();
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const canDecide = session.can('referrals.decide') && referral.status === 'pending';

  const decide = async (accept: boolean) => {
    setError(null);
    setBusy(true);
    try {
      let sealedReply: string | undefined;
      if (reply.trim() !== '') {
        const sender = await casesApi.publicKey(referral.fromOrganisationId);
        sealedReply = toB64(sealTo(fromB64(sender.publicKey), reply.trim()));
      }
      await (accept
        ? casesApi.accept(referral.id, sealedReply)
        : casesApi.decline(referral.id, sealedReply));
      await onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="notification" data-testid="incoming-referral">
      <p className="notification-head">
        <span className="badge badge-pending">{label(REFERRAL_STATUSES, referral.status)}</span>
        <strong>{referral.caseReference}</strong>
      </p>
      <p className="notification-meta">
        <span>{t('cases.incoming.from', { name: referral.fromOrganisationName })}</span>
        <span>{dateTime(referral.createdAt)}</span>
      </p>
      <p>
        {t('cases.incoming.scope', {
          what: referral.scope.map((s) => label(CONSENT_SCOPES, s)).join(', '),
        })}
      </p>
      {referral.status === 'accepted' ? (
        <Link href={`/app/referrals/${referral.id}`}>
          {t('cases.incoming.open', { reference: referral.caseReference })}
        </Link>
      ) : null}
      {canDecide ? (
        <div className="form">
          <TextAreaField
            label={t('cases.incoming.reply')}
            hint={t('cases.incoming.replyHint')}
            value={reply}
            rows={2}
            maxLength={4000}
            onChange={(e) => setReply(e.target.value)}
          />
          <div className="actions">
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void decide(true)}
            >
              {t('cases.incoming.accept')}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => void decide(false)}
            >
              {t('cases.incoming.decline')}
            </button>
          </div>
        </div>
      ) : null}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
    </li>
  );
}

export function ReferredCasePage() {
  const { t } = useI18n();
  const session = useSession();
  const path = usePath();
  const referralId = REFERRAL_PATH.exec(path)?.[1] ?? '';
  if (!session.keys) return <UnlockPage />;
  const org = session.keys.org;
  if (!org) {
    return (
      <Page title={t('cases.incoming.sharedCase')}>
        <Alert kind="warning">{t('cases.noOrgKey')}</Alert>
      </Page>
    );
  }
  return <OpenBundle key={referralId} referralId={referralId} org={org} />;
}

function OpenBundle({ referralId, org }: { referralId: string; org: BoxKeyPair }) {
  const { t, date } = useI18n();
  const label = useLabel();
  const [bundle, setBundle] = useState<ReferralBundle | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    casesApi.bundle(referralId).then(setBundle, setError);
  }, [referralId]);

  const opened = useMemo(() => {
    if (!bundle) return null;
    const withKey = <T,>(sealed: string, run: (key: Uint8Array | null) => T): T => {
      const key = openKey(sealed, org);
      try {
        return run(key);
      } finally {
        if (key) sodium().memzero(key);
      }
    };
    const c = bundle.case;
    return {
      keyOpened: withKey(c.sealedRecordKey, (k) => k !== null),
      title: withKey(c.sealedRecordKey, (k) =>
        openField(k, 'cases', 'sealed_title', c.id, c.sealedTitle),
      ),
      goal: withKey(c.sealedRecordKey, (k) =>
        openField(k, 'cases', 'sealed_goal', c.id, c.sealedGoal),
      ),
      incidents: bundle.incidents.map((i) => ({
        incident: i,
        title: withKey(i.sealedRecordKey, (k) =>
          openField(k, 'incidents', 'sealed_title', i.id, i.sealedTitle),
        ),
        description: withKey(i.sealedRecordKey, (k) =>
          openField(k, 'incidents', 'sealed_description', i.id, i.sealedDescription),
        ),
      })),
      people: bundle.people.map((p) => ({
        person: p,
        name: withKey(p.sealedRecordKey, (k) =>
          openField(k, 'people', 'sealed_name', p.id, p.sealedName),
        ),
      })),
    };
  }, [bundle, org]);

  if (!bundle || !opened) {
    return (
      <Page title={t('cases.incoming.sharedCase')}>
        {error ? <Alert>{errorText(error, t)}</Alert> : <Busy>{t('cases.opening')}</Busy>}
        <p>
          <Link href="/app/referrals">{t('cases.incoming.back')}</Link>
        </p>
      </Page>
    );
  }
  const c = bundle.case;
  return (
    <Page title={t('cases.caseTitle', { reference: displayRef(c.reference) })}>
      <p>
        <Link href="/app/referrals">{t('cases.incoming.back')}</Link>
      </p>
      <Alert kind="info">
        {t('cases.incoming.readOnly', { name: bundle.referral.fromOrganisationName })}
      </Alert>
      {!opened.keyOpened ? <Alert>{t('cases.keyFailed')}</Alert> : null}
      <ReferralNote
        referralId={referralId}
        which="message"
        org={org}
        label={t('cases.incoming.message')}
      />
      <dl className="facts facts-stacked">
        <div>
          <dt>{t('cases.field.title')}</dt>
          <dd>
            <SealedText
              value={opened.title}
              empty={t('cases.untitled')}
              testId="shared-case-title"
            />
          </dd>
        </div>
        <div>
          <dt>{t('cases.field.goal')}</dt>
          <dd className="written-text">
            <SealedText value={opened.goal} empty={t('cases.noGoal')} />
          </dd>
        </div>
        <div>
          <dt>{t('cases.field.status')}</dt>
          <dd>{label(CASE_STATUSES, c.status)}</dd>
        </div>
        <div>
          <dt>{t('cases.opened')}</dt>
          <dd>{date(c.createdAt)}</dd>
        </div>
      </dl>
      <section aria-labelledby="shared-incidents" className="section">
        <h2 id="shared-incidents">{t('cases.links.incidents')}</h2>
        {opened.incidents.length === 0 ? (
          <p className="muted">{t('cases.incoming.notShared')}</p>
        ) : null}
        {opened.incidents.map(({ incident, title, description }) => (
          <div key={incident.id} className="panel">
            <h3>
              {incident.reference} <SealedText value={title} empty="" />
            </h3>
            <p>{incident.incidentTypes.map((x) => label(INCIDENT_TYPES, x)).join(', ')}</p>
            <p className="written-text">
              <SealedText value={description} empty="" />
            </p>
          </div>
        ))}
      </section>
      <section aria-labelledby="shared-people" className="section">
        <h2 id="shared-people">{t('cases.links.people')}</h2>
        {opened.people.length === 0 ? (
          <p className="muted">{t('cases.incoming.notShared')}</p>
        ) : null}
        <ul className="link-list">
          {opened.people.map(({ person, name }) => (
            <li key={person.id}>
              {person.codeName} · {person.roles.map((r) => label(PERSON_ROLES, r)).join(', ')} ·{' '}
              <SealedText value={name} empty="" />
            </li>
          ))}
        </ul>
      </section>
      {bundle.interventions.length > 0 || bundle.reports.length > 0 ? (
        <p className="hint">
          {t('cases.incoming.more', {
            interventions: bundle.interventions.length,
            reports: bundle.reports.length,
          })}
        </p>
      ) : null}
    </Page>
  );
}
