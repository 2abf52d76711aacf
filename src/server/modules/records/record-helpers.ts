// Small pieces the records use cases share: references named inside bodies, record keys,
// generated codes, list cursors.
import { randomInt } from 'node:crypto';
import type { Actor } from '../../../common/policy/permissions.ts';
import { badRequest } from '../../http/errors.ts';
import type { Db } from './records.deps.ts';
import { findRecordKey } from './record-keys.repository.ts';
import { findPersonRefs } from './people.repository.ts';

/** Every person id must name a person of the actor's organisation (else 400). */
export async function requirePeople(db: Db, actor: Actor, ids: readonly string[]): Promise<void> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return;
  const found = await findPersonRefs(db, wanted);
  const own = new Set(
    found.filter((p) => p.organisation_id === actor.organisationId).map((p) => p.id),
  );
  const missing = wanted.filter((id) => !own.has(id));
  if (missing.length > 0) {
    throw badRequest('person_unknown', `The person ${missing[0] ?? ''} was not found.`);
  }
}

/** The subset of ids naming people of the organisation that still exist. */
export async function existingPeople(
  db: Db,
  organisationId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const found = await findPersonRefs(db, ids);
  return new Set(found.filter((p) => p.organisation_id === organisationId).map((p) => p.id));
}

/** The organisation's copy of a record key; a keyed record without one is a broken invariant. */
export async function requireRecordKey(
  db: Db,
  recordId: string,
  organisationId: string,
): Promise<Uint8Array> {
  const key = await findRecordKey(db, recordId, organisationId);
  if (!key) throw new Error(`record ${recordId} has no key for its organisation`);
  return key;
}

// No 0/O or 1/I: a code name or reference is read out over the phone.
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * A fresh code like "I-7KQ3" not yet used in the organisation: four characters, growing to
 * eight when the short ones are crowded.
 */
export async function newCode(
  prefix: 'I' | 'P',
  taken: (code: string) => Promise<boolean>,
): Promise<string> {
  for (let length = 4; length <= 8; length++) {
    for (let attempt = 0; attempt < 4; attempt++) {
      let code = `${prefix}-`;
      for (let i = 0; i < length; i++) code += ALPHABET[randomInt(ALPHABET.length)];
      if (!(await taken(code))) return code;
    }
  }
  throw new Error('no free code after 20 attempts');
}

/** A list position as an opaque cursor: the last row's sort key and id. */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY = /^(-infinity|\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?)$/;

export function decodeCursor(cursor: string | undefined): { key: string; id: string } | null {
  if (cursor === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      KEY.test(parsed[0]) &&
      UUID.test(parsed[1])
    ) {
      return { key: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('invalid_cursor', 'The list position is not valid. Start from the first page.');
}
