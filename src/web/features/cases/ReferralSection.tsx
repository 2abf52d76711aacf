// Consent and referral. Consent records what the person agreed may be shared (and with
// whom); a referral shares at most that. To refer, this tab asks the server which records
// the chosen scope covers (with this organisation's own key copies), opens each key with
// the organisation key and seals it to the partner's public key (referral-keys.ts), and
// seals a note to the partner. What is not in scope is never opened.
import { useEffect, useState, type FormEvent } from 'react';
import { fromB64, sealTo, toB64, type BoxKeyPair } from '../../../common/crypto/index.ts';
import {
  CONSENT_SCOPES,
  CONSENT_SOURCES,
  REFERRAL_STATUSES,
  type ConsentScope,
} from '../../../common/cases/vocabulary.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { CheckboxField, SelectField, TextAreaField } from '../../components/fields.tsx';
import { Alert, Busy } from '../../components/ui.tsx';
import { errorText } from '../../lib/errors.ts';
import { casesApi, type CaseDetail, type Consent, type Partner } from './api.ts';
import { withCaseKey, type OpenedCase } from './decrypt.ts';
import { buildReferralKeys, UnopenableKeyError } from './referral-keys.ts';
import { newId, sealField } from './sealing.ts';
import { ReferralNote, SealedText, useLabel } from './shared.tsx';

const OPTIONAL_SCOPES = CONSENT_SCOPES.map((s) => s.code).filter((c) => c !== 'case');

function usePartners(enabled: boolean): Partner[] | null {
  const [partners, setPartners] = useState<Partner[] | null>(null);
  useEffect(() => {
    if (!enabled) return;
    casesApi.partners().then(
      (r) => setPartners(r.partners),
      () => setPartners([]),
    );
  }, [enabled]);
  return partners;
}

export function ConsentReferralSection({
  detail,
  opened,
  org,
  reload,
}: {
  detail: CaseDetail;
  opened: OpenedCase;
  org: BoxKeyPair;
  reload(): Promise<unknown>;
}) {
  const { t, dateTime } = useI18n();
  const session = useSession();
  const label = useLabel();
  const canSend = session.can('referrals.send');
  const partners = usePartners(canSend || session.can('partners.manage'));
  const [error, setError] = useState<unknown>(null);
  const active = detail.consents.filter((c) => c.withdrawnAt === null);
  const partnerName = (id: string | null) =>
    id === null
      ? t('cases.consent.anyPartner')
      : (partners?.find((p) => p.organisationId === id)?.name ?? id.slice(0, 8));

  const withdrawConsent = async (consentId: string) => {
    setError(null);
    try {
      await casesApi.withdrawConsent(detail.case.id, consentId);
      await reload();
    } catch (caught) {
      setError(caught);
    }
  };

  const withdraw = async (referralId: string) => {
    setError(null);
    try {
      await casesApi.withdraw(referralId);
      await reload();
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <section aria-labelledby="case-referral" className="section">
      <h2 id="case-referral">{t('cases.consent.title')}</h2>
      {detail.consents.length === 0 ? (
        <p className="muted">{t('cases.consent.none')}</p>
      ) : (
        <ul className="notification-list">
          {detail.consents.map((consent) => (
            <li key={consent.id} className="notification" data-testid="consent">
              <p className="notification-head">
                {consent.withdrawnAt ? (
                  <span className="badge badge-off">{t('cases.consent.withdrawn')}</span>
                ) : (
                  <span className="badge badge-active">{t('cases.consent.active')}</span>
                )}
                <span>{consent.scope.map((s) => label(CONSENT_SCOPES, s)).join(', ')}</span>
              </p>
              <p className="notification-meta">
                <span>{label(CONSENT_SOURCES, consent.source)}</span>
                <span>{partnerName(consent.partnerOrganisationId)}</span>
                <span>{dateTime(consent.recordedAt)}</span>
              </p>
              {consent.sealedNote ? (
                <p>
                  <SealedText value={opened.consentNotes.get(consent.id)} />
                </p>
              ) : null}
              {session.can('cases.write') && !consent.withdrawnAt ? (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => void withdrawConsent(consent.id)}
                >
                  {t('cases.consent.withdraw')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {session.can('cases.write') && opened.keyOpened ? (
        <ConsentForm detail={detail} org={org} partners={partners ?? []} reload={reload} />
      ) : null}

      <h3>{t('cases.referral.title')}</h3>
      {detail.referrals.length === 0 ? (
        <p className="muted">{t('cases.referral.none')}</p>
      ) : (
        <ul className="notification-list">
          {detail.referrals.map((r) => (
            <li key={r.id} className="notification" data-testid="referral">
              <p className="notification-head">
                <span className="badge badge-pending" data-testid="referral-status">
                  {label(REFERRAL_STATUSES, r.status)}
                </span>
                <span>{r.toOrganisationName}</span>
              </p>
              <p className="notification-meta">
                <span>{r.scope.map((s) => label(CONSENT_SCOPES, s)).join(', ')}</span>
                <span>{dateTime(r.createdAt)}</span>
              </p>
              {r.status === 'accepted' || r.status === 'declined' ? (
                <ReferralNote
                  referralId={r.id}
                  which="reply"
                  org={org}
                  label={t('cases.referral.reply')}
                />
              ) : null}
              {canSend && (r.status === 'pending' || r.status === 'accepted') ? (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => void withdraw(r.id)}
                >
                  {t('cases.referral.withdraw')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {canSend && opened.keyOpened ? (
        active.length === 0 ? (
          <p className="hint">{t('cases.referral.needsConsent')}</p>
        ) : partners !== null && partners.length === 0 ? (
          <p className="hint">{t('cases.referral.noPartners')}</p>
        ) : partners ? (
          <ReferForm
            detail={detail}
            org={org}
            consents={active}
            partners={partners}
            reload={reload}
          />
        ) : (
          <Busy>{t('common.loading')}</Busy>
        )
      ) : null}
    </section>
  );
}

function ScopeBoxes({
  allowed,
  value,
  onChange,
}: {
  allowed: readonly ConsentScope[];
  value: ConsentScope[];
  onChange(next: ConsentScope[]): void;
}) {
  const { t } = useI18n();
  const label = useLabel();
  return (
    <fieldset>
      <legend>{t('cases.consent.scope')}</legend>
      <CheckboxField
        label={label(CONSENT_SCOPES, 'case')}
        checked
        disabled
        readOnly
        hint={t('cases.consent.caseAlways')}
      />
      {OPTIONAL_SCOPES.filter((s) => allowed.includes(s)).map((s) => (
        <CheckboxField
          key={s}
          label={label(CONSENT_SCOPES, s)}
          checked={value.includes(s)}
          onChange={(e) =>
            onChange(e.target.checked ? [...value, s] : value.filter((x) => x !== s))
          }
        />
      ))}
    </fieldset>
  );
}

function ConsentForm({
  detail,
  org,
  partners,
  reload,
}: {
  detail: CaseDetail;
  org: BoxKeyPair;
  partners: Partner[];
  reload(): Promise<unknown>;
}) {
  const { t } = useI18n();
  const askedInReport = detail.reports.filter((r) => r.wishes.includes('referral'));
  const [open, setOpen] = useState(false);
  const [source, setSource] = useState<'recorded' | 'report'>('recorded');
  const [reportId, setReportId] = useState(askedInReport[0]?.id ?? '');
  const [scope, setScope] = useState<ConsentScope[]>([]);
  const [partner, setPartner] = useState('');
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (source === 'recorded' && note.trim() === '')
      return setNoteError(t('cases.consent.noteRequired'));
    setNoteError(undefined);
    setBusy(true);
    try {
      const consentId = newId();
      const c = detail.case;
      const sealedNote =
        note.trim() === ''
          ? undefined
          : withCaseKey(c.sealedRecordKey, org, (key) =>
              sealField(key, 'consents', 'sealed_note', consentId, note.trim()),
            );
      await casesApi.recordConsent(c.id, {
        id: consentId,
        source,
        ...(source === 'report' && { reportId }),
        scope: ['case', ...scope],
        partnerOrganisationId: partner || null,
        ...(sealedNote && { sealedNote }),
      });
      setOpen(false);
      setNote('');
      setScope([]);
      await reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => setOpen(true)}>
          {t('cases.consent.record')}
        </button>
      </div>
    );
  }
  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      <h3>{t('cases.consent.record')}</h3>
      <SelectField
        label={t('cases.consent.source')}
        value={source}
        onChange={(e) => setSource(e.target.value === 'report' ? 'report' : 'recorded')}
      >
        <option value="recorded">{t('cases.consent.sourceRecorded')}</option>
        {askedInReport.length > 0 ? (
          <option value="report">{t('cases.consent.sourceReport')}</option>
        ) : null}
      </SelectField>
      {source === 'report' ? (
        <SelectField
          label={t('cases.consent.report')}
          value={reportId}
          onChange={(e) => setReportId(e.target.value)}
        >
          {askedInReport.map((r) => (
            <option key={r.id} value={r.id}>
              {r.reference}
            </option>
          ))}
        </SelectField>
      ) : null}
      <ScopeBoxes allowed={OPTIONAL_SCOPES} value={scope} onChange={setScope} />
      <SelectField
        label={t('cases.consent.partner')}
        hint={t('cases.consent.partnerHint')}
        value={partner}
        onChange={(e) => setPartner(e.target.value)}
      >
        <option value="">{t('cases.consent.anyPartner')}</option>
        {partners.map((p) => (
          <option key={p.organisationId} value={p.organisationId}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t('cases.consent.note')}
        hint={t('cases.consent.noteHint')}
        value={note}
        rows={3}
        maxLength={4000}
        error={noteError}
        onChange={(e) => setNote(e.target.value)}
      />
      {error ? <Alert>{errorText(error, t)}</Alert> : null}
      {busy ? <Busy>{t('common.saving')}</Busy> : null}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t('cases.consent.submit')}
        </button>
        <button type="button" className="button secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function ReferForm({
  detail,
  org,
  consents,
  partners,
  reload,
}: {
  detail: CaseDetail;
  org: BoxKeyPair;
  consents: Consent[];
  partners: Partner[];
  reload(): Promise<unknown>;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const [partnerId, setPartnerId] = useState('');
  const [scope, setScope] = useState<ConsentScope[]>([]);
  const [message, setMessage] = useState('');
  const [partnerError, setPartnerError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The consent that covers this partner: one for it by name first, then one for any partner.
  const consent =
    consents.find((c) => c.partnerOrganisationId === partnerId) ??
    consents.find((c) => c.partnerOrganisationId === null);
  const allowed = consent?.scope ?? [];
  const chosen = scope.filter((s) => allowed.includes(s));
  const shared = ['case' as const, ...chosen];
  const notShared = CONSENT_SCOPES.map((s) => s.code).filter((s) => !shared.includes(s));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setNotice(null);
    const partner = partners.find((p) => p.organisationId === partnerId);
    if (!partner) return setPartnerError(t('cases.referral.choosePartner'));
    if (!consent) return setPartnerError(t('cases.referral.noConsentForPartner'));
    setPartnerError(undefined);
    setBusy(true);
    try {
      const plan = await casesApi.referralPlan(detail.case.id, shared);
      const partnerKey = fromB64(partner.publicKey);
      const keys = buildReferralKeys({
        held: plan.records,
        scope: shared,
        org,
        partnerPublicKey: partnerKey,
      });
      await casesApi.refer(detail.case.id, {
        id: newId(),
        partnerOrganisationId: partner.organisationId,
        consentId: consent.id,
        scope: shared,
        ...(message.trim() !== '' && { sealedMessage: toB64(sealTo(partnerKey, message.trim())) }),
        keys: keys.shared,
      });
      setMessage('');
      setNotice(t('cases.referral.sent', { partner: partner.name }));
      await reload();
    } catch (caught) {
      setError(
        caught instanceof UnopenableKeyError
          ? t('cases.referral.keyFailed', { kind: caught.recordType })
          : errorText(caught, t),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)}>
      <h3>{t('cases.referral.refer')}</h3>
      <SelectField
        label={t('cases.referral.partner')}
        value={partnerId}
        error={partnerError}
        onChange={(e) => setPartnerId(e.target.value)}
      >
        <option value="">{t('cases.choose')}</option>
        {partners.map((p) => (
          <option key={p.organisationId} value={p.organisationId}>
            {p.name}
          </option>
        ))}
      </SelectField>
      {partnerId && consent ? (
        <>
          <ScopeBoxes allowed={allowed} value={chosen} onChange={setScope} />
          <div className="panel" data-testid="referral-summary">
            <p>
              {t('cases.referral.willShare', {
                what: shared.map((s) => label(CONSENT_SCOPES, s)).join(', '),
              })}
            </p>
            <p>
              {notShared.length > 0
                ? t('cases.referral.willNotShare', {
                    what: notShared.map((s) => label(CONSENT_SCOPES, s)).join(', '),
                  })
                : null}{' '}
              {t('cases.referral.neverShared')}
            </p>
          </div>
          <TextAreaField
            label={t('cases.referral.message')}
            hint={t('cases.referral.messageHint')}
            value={message}
            rows={3}
            maxLength={4000}
            onChange={(e) => setMessage(e.target.value)}
          />
        </>
      ) : partnerId ? (
        <p className="hint">{t('cases.referral.noConsentForPartner')}</p>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      {busy ? <Busy>{t('cases.referral.sealing')}</Busy> : null}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t('cases.referral.submit')}
        </button>
      </div>
    </form>
  );
}
