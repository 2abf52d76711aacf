// Which record keys a referral shares, re-sealed for the partner. The referring member's
// browser opens each key in scope with its own organisation key and seals it to the
// partner organisation's public key; the server only stores what it is given, so this
// function decides what the partner can ever read. Keys outside the consented scope are
// never opened, and a key that does not open stops the referral (a partner must not get
// a case with holes the member did not choose).
import {
  fromB64,
  openRecordKey,
  sealRecordKey,
  sodium,
  toB64,
  type BoxKeyPair,
} from '../../../common/crypto/index.ts';
import type { ConsentScope } from '../../../common/cases/vocabulary.ts';

export type SharedRecordType =
  'case' | 'incident' | 'person' | 'intervention' | 'report' | 'report_file';

/** One record key held by this organisation: sealed to its own public key. */
export interface HeldKey {
  recordType: SharedRecordType;
  recordId: string;
  /** base64url envelope sealed to this organisation's public key. */
  sealedKey: string;
}

/** One record key as the partner will hold it. */
export interface PartnerKey {
  recordType: SharedRecordType;
  recordId: string;
  /** base64url envelope sealed to the partner organisation's public key. */
  sealedKey: string;
}

/** The consent scope that covers each kind of record key. */
export const SCOPE_OF: Record<SharedRecordType, ConsentScope> = {
  case: 'case',
  incident: 'incidents',
  person: 'people',
  intervention: 'interventions',
  report: 'reports',
  report_file: 'reports',
};

/** A record key in scope could not be opened with this organisation's key. */
export class UnopenableKeyError extends Error {
  readonly recordType: SharedRecordType;
  readonly recordId: string;
  constructor(key: HeldKey) {
    super(`the ${key.recordType} key ${key.recordId} does not open`);
    this.name = 'UnopenableKeyError';
    this.recordType = key.recordType;
    this.recordId = key.recordId;
  }
}

export interface ReferralKeySet {
  /** Re-sealed for the partner, in the order given. */
  shared: PartnerKey[];
  /** Held keys left out because the scope does not cover them. */
  withheld: HeldKey[];
}

/**
 * Re-seals every held key that `scope` covers to `partnerPublicKey`. The case's own key
 * is always shared (a referral is of a case); duplicates are shared once. Throws
 * UnopenableKeyError when a key in scope does not open, and an Error when the case key
 * is missing.
 */
export function buildReferralKeys(options: {
  /** Every key of the case and its linked records, as this organisation holds them. */
  held: readonly HeldKey[];
  /** What the member chose to share (within the consent). */
  scope: readonly ConsentScope[];
  /** This organisation's key pair, unlocked in the tab. */
  org: BoxKeyPair;
  /** The partner organisation's public key, from the API. */
  partnerPublicKey: Uint8Array;
}): ReferralKeySet {
  const scope = new Set<ConsentScope>([...options.scope, 'case']);
  if (!options.held.some((k) => k.recordType === 'case')) {
    throw new Error('the case key is missing');
  }
  const shared: PartnerKey[] = [];
  const withheld: HeldKey[] = [];
  const seen = new Set<string>();
  for (const key of options.held) {
    const id = `${key.recordType}:${key.recordId}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (!scope.has(SCOPE_OF[key.recordType])) {
      withheld.push(key);
      continue;
    }
    let plain: Uint8Array;
    try {
      plain = openRecordKey(fromB64(key.sealedKey), options.org);
    } catch {
      throw new UnopenableKeyError(key);
    }
    try {
      shared.push({
        recordType: key.recordType,
        recordId: key.recordId,
        sealedKey: toB64(sealRecordKey(plain, options.partnerPublicKey)),
      });
    } finally {
      sodium().memzero(plain);
    }
  }
  return { shared, withheld };
}

/** How many records of each kind a key set covers, for "what will be shared" sentences. */
export function countByType(keys: readonly { recordType: SharedRecordType }[]) {
  const counts: Record<SharedRecordType, number> = {
    case: 0,
    incident: 0,
    person: 0,
    intervention: 0,
    report: 0,
    report_file: 0,
  };
  for (const key of keys) counts[key.recordType] += 1;
  return counts;
}
