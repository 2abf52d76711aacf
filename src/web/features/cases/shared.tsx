// Small pieces shared by the cases screens: a sealed value as text (or why it cannot be
// shown), vocabulary labels in the member's language, member names.
import { useEffect, useState } from 'react';
import { fromB64, openSealedText, type BoxKeyPair } from '../../../common/crypto/index.ts';
import type { Term } from '../../../common/intake/vocabulary.ts';
import { labelOf } from '../../../common/intake/vocabulary.ts';
import type { CaseStatus } from '../../../common/cases/vocabulary.ts';
import { useI18n } from '../../app/i18n.tsx';
import { casesApi } from './api.ts';
import { attempt, type Opened } from './sealing.ts';

/** A sealed value: its text, "locked", "cannot be read", or a placeholder when empty. */
export function SealedText({
  value,
  empty,
  testId,
}: {
  value: Opened<string> | null | undefined;
  empty?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  if (value === undefined) return <span className="muted">{t('cases.sealed.locked')}</span>;
  if (value === null) return <span className="muted">{empty ?? t('cases.sealed.empty')}</span>;
  if (!value.ok) return <span className="field-error">{t('cases.sealed.unreadable')}</span>;
  return <span data-testid={testId}>{value.value}</span>;
}

export function useLabel() {
  const { locale } = useI18n();
  return (terms: readonly Term[], code: string | null | undefined) =>
    code ? labelOf(terms, code, locale) : '';
}

export function caseBadgeClass(status: CaseStatus): string {
  if (status === 'urgent') return 'badge badge-warning';
  if (status === 'closed') return 'badge badge-off';
  if (status === 'on_hold') return 'badge badge-pending';
  return 'badge badge-active';
}

/** "C-4K7Q" with a non-breaking hyphen, so a narrow heading does not split it. */
export function displayRef(reference: string): string {
  return reference.replace(/-/g, '\u2011');
}

export const CASE_PATH = /^\/app\/cases\/([0-9a-f-]{36})$/;
export const REFERRAL_PATH = /^\/app\/referrals\/([0-9a-f-]{36})$/;

/**
 * A note sealed straight to this organisation (a referral's message or reply), loaded
 * and opened in this tab; nothing is shown when there is none.
 */
export function ReferralNote({
  referralId,
  which,
  org,
  label,
}: {
  referralId: string;
  which: 'message' | 'reply';
  org: BoxKeyPair;
  label: string;
}) {
  const [note, setNote] = useState<Opened<string> | null>(null);
  useEffect(() => {
    let cancelled = false;
    casesApi.referral(referralId).then(
      (detail) => {
        const sealed = which === 'message' ? detail.sealedMessage : detail.sealedReply;
        if (cancelled || !sealed) return;
        setNote(attempt(() => openSealedText(org, fromB64(sealed))));
      },
      // The note is an extra: the rest of the page stands without it.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [referralId, which, org]);
  if (!note) return null;
  return (
    <p className="written-text">
      <strong>{label}</strong> <SealedText value={note} testId={`referral-${which}`} />
    </p>
  );
}
