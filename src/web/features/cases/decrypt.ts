// Opens a case's sealed parts in this tab: the case key with the organisation key, then
// the title, goal, tasks, contact notes and consent notes under it, and each linked
// record's title under that record's own key. Nothing decrypted leaves React state.
import { sodium, type BoxKeyPair } from '../../../common/crypto/index.ts';
import type { CaseDetail, CaseSummary, Contact, Task } from './api.ts';
import { openField, openKey, type Opened } from './sealing.ts';

export interface OpenedCase {
  /** False when the case key did not open: nothing sealed can be shown or written. */
  keyOpened: boolean;
  title: Opened<string> | null;
  goal: Opened<string> | null;
  tasks: Map<string, { title: Opened<string> | null; notes: Opened<string> | null }>;
  consentNotes: Map<string, Opened<string> | null>;
  lastContactNote: Opened<string> | null;
  incidentTitles: Map<string, Opened<string> | null>;
  personNames: Map<string, Opened<string> | null>;
  interventionTitles: Map<string, Opened<string> | null>;
}

/** The decrypted title of a listed case; null while locked. */
export function openCaseTitle(summary: CaseSummary, org: BoxKeyPair | null): Opened<string> | null {
  if (!org) return null;
  const key = openKey(summary.sealedRecordKey, org);
  try {
    return openField(key, 'cases', 'sealed_title', summary.id, summary.sealedTitle);
  } finally {
    if (key) sodium().memzero(key);
  }
}

export function openTaskFields(key: Uint8Array | null, task: Task) {
  return {
    title: openField(key, 'tasks', 'sealed_title', task.id, task.sealedTitle),
    notes: openField(key, 'tasks', 'sealed_notes', task.id, task.sealedNotes),
  };
}

export function openContactNote(key: Uint8Array | null, contact: Contact): Opened<string> | null {
  return openField(key, 'case_contacts', 'sealed_note', contact.id, contact.sealedNote);
}

function withKey<T>(sealedKey: string | null, org: BoxKeyPair, run: (key: Uint8Array | null) => T) {
  const key = openKey(sealedKey, org);
  try {
    return run(key);
  } finally {
    if (key) sodium().memzero(key);
  }
}

export function openCase(detail: CaseDetail, org: BoxKeyPair): OpenedCase {
  const c = detail.case;
  return withKey(c.sealedRecordKey, org, (key) => ({
    keyOpened: key !== null,
    title: openField(key, 'cases', 'sealed_title', c.id, c.sealedTitle),
    goal: openField(key, 'cases', 'sealed_goal', c.id, detail.sealedGoal),
    tasks: new Map(detail.tasks.map((task) => [task.id, openTaskFields(key, task)])),
    consentNotes: new Map(
      detail.consents.map((consent) => [
        consent.id,
        openField(key, 'consents', 'sealed_note', consent.id, consent.sealedNote),
      ]),
    ),
    lastContactNote: detail.lastContact ? openContactNote(key, detail.lastContact) : null,
    incidentTitles: new Map(
      detail.incidents.map((i) => [
        i.id,
        withKey(i.sealedRecordKey, org, (k) =>
          openField(k, 'incidents', 'sealed_title', i.id, i.sealedTitle),
        ),
      ]),
    ),
    personNames: new Map(
      detail.people.map((p) => [
        p.id,
        withKey(p.sealedRecordKey, org, (k) =>
          openField(k, 'people', 'sealed_name', p.id, p.sealedName),
        ),
      ]),
    ),
    interventionTitles: new Map(
      detail.interventions.map((i) => [
        i.id,
        withKey(i.sealedRecordKey, org, (k) =>
          openField(k, 'interventions', 'sealed_title', i.id, i.sealedTitle),
        ),
      ]),
    ),
  }));
}

/** Runs `use` with the case key opened, and forgets it afterwards. */
export function withCaseKey<T>(
  sealedRecordKey: string,
  org: BoxKeyPair,
  run: (key: Uint8Array) => T,
): T {
  const key = openKey(sealedRecordKey, org);
  if (!key) throw new CaseKeyError();
  try {
    return run(key);
  } finally {
    sodium().memzero(key);
  }
}

/** The case key does not open with this organisation's key. */
export class CaseKeyError extends Error {
  constructor() {
    super('the case key does not open');
    this.name = 'CaseKeyError';
  }
}

/** Whole days since a moment, for "no contact for N days". */
export function daysSince(iso: string, now: Date = new Date()): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000));
}
