// Search over sealed text, in the browser only. The server never sees a title or a
// description, so it cannot search them: the member's tab fetches the sealed index (the
// record key, title and description of every incident the organisation holds), opens
// each record key with the organisation key, decrypts, normalises, and keeps the result
// in memory — never in localStorage, sessionStorage or IndexedDB, where a seized laptop
// would give it up. Locking the keys or leaving the page drops it.
//
// Framework-free on purpose: the same functions run in the benchmark and the unit test.
import {
  decryptFieldText,
  fromB64,
  openRecordKey,
  sodium,
  type BoxKeyPair,
} from '../../../common/crypto/index.ts';
import { SEARCH_INDEX_COLUMNS } from '../../../common/api/records.ts';
import { sealedContext } from '../../../common/records/contexts.ts';

export type IndexedType = keyof typeof SEARCH_INDEX_COLUMNS;

/** One record as the search index route sends it: only ciphertext and its reference. */
export interface SealedIndexEntry {
  id: string;
  /** Incident reference or person code name; null for an intervention. */
  reference: string | null;
  /** The record key sealed to the organisation (base64url). */
  sealedRecordKey: string;
  sealedTitle: string | null;
  sealedDescription: string | null;
}

/** One record opened in this tab. */
export interface IndexedRecord {
  id: string;
  reference: string | null;
  /** Null when there is none, or it did not open. */
  title: string | null;
  description: string | null;
  /** False when the record key or a field did not open (another key, tampering). */
  opened: boolean;
  /** The normalised text searched: reference, title, description. */
  haystack: string;
}

const BREVE = '\u0306';

/**
 * Text as the search compares it: compatibility-decomposed (NFKD), lower-cased, with
 * diacritics removed, so "Cafe" finds "Café" and "ё" finds "е", as Russian readers
 * expect. Letters that are letters of their own keep their identity: Kazakh ә ғ қ ң ө ұ ү
 * һ і have no decomposition and only change case ("қ" finds "Қ"), and the breve of
 * Russian "й" and Belarusian/Uzbek "ў" is kept, since "и" and "й" are different letters.
 * Runs of white space become one space.
 */
export function normaliseForSearch(text: string): string {
  const decomposed = text.normalize('NFKD').toLowerCase();
  let out = '';
  let previous = '';
  for (const ch of decomposed) {
    if (/\p{M}/u.test(ch)) {
      if (ch === BREVE && (previous === 'и' || previous === 'у')) out += ch;
      previous = ch;
      continue;
    }
    out += ch;
    previous = ch;
  }
  return out.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** The words of a query, normalised; empty words dropped. */
export function queryTerms(query: string): string[] {
  return normaliseForSearch(query)
    .split(' ')
    .filter((w) => w !== '');
}

function openField(key: Uint8Array, sealed: string | null, context: string): string | null {
  if (sealed === null) return null;
  return decryptFieldText(key, fromB64(sealed), context);
}

/**
 * Opens one entry (an incident's title and description, a person's name and details, an
 * intervention's title and notes); a record that does not open is kept, by its
 * reference, and marked.
 */
export function openIndexEntry(
  entry: SealedIndexEntry,
  org: BoxKeyPair,
  type: IndexedType = 'incident',
): IndexedRecord {
  const columns = SEARCH_INDEX_COLUMNS[type];
  let title: string | null = null;
  let description: string | null = null;
  let opened = true;
  let key: Uint8Array | null = null;
  try {
    key = openRecordKey(fromB64(entry.sealedRecordKey), org);
    title = openField(
      key,
      entry.sealedTitle,
      sealedContext(columns.table, columns.title, entry.id),
    );
    description = openField(
      key,
      entry.sealedDescription,
      sealedContext(columns.table, columns.description, entry.id),
    );
  } catch {
    opened = false;
  } finally {
    if (key) sodium().memzero(key);
  }
  return {
    id: entry.id,
    reference: entry.reference,
    title,
    description,
    opened,
    haystack: normaliseForSearch(
      [entry.reference ?? '', title ?? '', description ?? ''].join('\n'),
    ),
  };
}

/** An in-memory index: records in the order they were added (the list's order). */
export class SearchIndex {
  readonly records: IndexedRecord[] = [];
  private readonly byId = new Map<string, IndexedRecord>();

  add(records: readonly IndexedRecord[]): void {
    for (const record of records) {
      const existing = this.byId.get(record.id);
      if (existing) {
        this.records[this.records.indexOf(existing)] = record;
      } else {
        this.records.push(record);
      }
      this.byId.set(record.id, record);
    }
  }

  get(id: string): IndexedRecord | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.records.length;
  }

  /** Records whose text holds every word of the query, up to `limit`. */
  search(query: string, limit = Infinity): IndexedRecord[] {
    return searchRecords(this.records, query, limit);
  }

  /** Drops every decrypted value (the member locked, or left the page). */
  clear(): void {
    this.records.length = 0;
    this.byId.clear();
  }
}

/** Every record whose normalised text contains each word of `query` (in any order). */
export function searchRecords(
  records: readonly IndexedRecord[],
  query: string,
  limit = Infinity,
): IndexedRecord[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const found: IndexedRecord[] = [];
  for (const record of records) {
    if (terms.every((term) => record.haystack.includes(term))) {
      found.push(record);
      if (found.length >= limit) break;
    }
  }
  return found;
}

export interface BuildOptions {
  /** Called after each slice with how many entries are open so far and how many there are. */
  onProgress?: (done: number, total: number) => void;
  /** Entries opened between two yields to the event loop, so the page stays responsive. */
  slice?: number;
  /** Stops early (the page was left); what is open so far is returned. */
  signal?: AbortSignal;
  /** The record type of the entries; incidents by default. */
  type?: IndexedType;
}

/**
 * Opens `entries` into `index`, a slice at a time, yielding between slices so a progress
 * bar can paint and the page can be scrolled. The benchmark calls this on 10,000 records.
 */
export async function buildSearchIndex(
  entries: readonly SealedIndexEntry[],
  org: BoxKeyPair,
  options: BuildOptions = {},
  index: SearchIndex = new SearchIndex(),
): Promise<SearchIndex> {
  const slice = options.slice ?? 250;
  for (let start = 0; start < entries.length; start += slice) {
    if (options.signal?.aborted) break;
    const part = entries
      .slice(start, start + slice)
      .map((entry) => openIndexEntry(entry, org, options.type));
    index.add(part);
    options.onProgress?.(Math.min(start + slice, entries.length), entries.length);
    if (start + slice < entries.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return index;
}
