// The decrypted search index of this tab. It lives in a module variable — memory only,
// never Web Storage or IndexedDB — tied to the organisation key it was opened with: when
// the member locks (the key object goes away) or signs out, the next use starts afresh,
// and `forgetSearchIndex` drops it at once. Saving an incident also drops it, so titles
// and search see the change.
import { useEffect, useSyncExternalStore } from 'react';
import type { BoxKeyPair } from '../../../common/crypto/index.ts';
import { recordsApi, type SearchIndexEntry } from './api.ts';
import { buildSearchIndex, type SearchIndex } from './search-index.ts';

export type IndexState =
  | { status: 'idle' }
  | { status: 'fetching'; fetched: number }
  | { status: 'opening'; done: number; total: number }
  | { status: 'ready'; index: SearchIndex }
  | { status: 'error'; error: unknown };

let cached: { org: BoxKeyPair; index: SearchIndex } | null = null;
/** The build under way: a token, so a build that was forgotten meanwhile is dropped. */
let building: object | null = null;
const listeners = new Set<() => void>();
let current: IndexState = { status: 'idle' };

function publish(state: IndexState): void {
  current = state;
  for (const listener of listeners) listener();
}

/** Drops every decrypted title and description held for search. */
export function forgetSearchIndex(): void {
  cached?.index.clear();
  cached = null;
  building = null;
  publish({ status: 'idle' });
}

async function fetchEntries(): Promise<SearchIndexEntry[]> {
  const entries: SearchIndexEntry[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await recordsApi.searchIndex({ type: 'incident', limit: 1000, cursor });
    entries.push(...page.entries);
    publish({ status: 'fetching', fetched: entries.length });
    if (!page.next) return entries;
    cursor = page.next;
  }
}

function build(org: BoxKeyPair): Promise<SearchIndex> {
  const token = {};
  building = token;
  const run = (async () => {
    publish({ status: 'fetching', fetched: 0 });
    const entries = await fetchEntries();
    const index = await buildSearchIndex(entries, org, {
      onProgress: (done, total) => {
        if (building === token) publish({ status: 'opening', done, total });
      },
    });
    if (building !== token) {
      index.clear();
      throw new Error('superseded');
    }
    cached = { org, index };
    building = null;
    publish({ status: 'ready', index });
    return index;
  })();
  run.catch((error: unknown) => {
    if (building === token) {
      building = null;
      publish({ status: 'error', error });
    }
  });
  return run;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The index for `org`, built when first asked for; null org (locked) forgets it. */
export function useSearchIndex(org: BoxKeyPair | null): IndexState {
  const state = useSyncExternalStore(subscribe, () => current);
  useEffect(() => {
    if (!org) {
      if (cached || building) forgetSearchIndex();
    } else if (cached && cached.org !== org) {
      forgetSearchIndex();
      void build(org).catch(() => undefined);
    } else if (!cached && !building) {
      void build(org).catch(() => undefined);
    }
  }, [org]);
  return state;
}

/** Builds again after an error. */
export function retrySearchIndex(org: BoxKeyPair): void {
  forgetSearchIndex();
  void build(org).catch(() => undefined);
}
