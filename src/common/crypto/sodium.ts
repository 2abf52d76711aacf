// One libsodium instance for browser, server and CLI. The sumo build is required:
// Argon2id (crypto_pwhash) is only in sumo.
import sodiumModule from 'libsodium-wrappers-sumo';

export type Sodium = typeof sodiumModule;

let initialised = false;
let readyPromise: Promise<Sodium> | undefined;

/** Resolves once the WASM module is initialised; safe to call many times. */
export function loadSodium(): Promise<Sodium> {
  readyPromise ??= sodiumModule.ready.then(() => {
    initialised = true;
    return sodiumModule;
  });
  return readyPromise;
}

/** The initialised module; throws if `loadSodium()` has not resolved yet. */
export function sodium(): Sodium {
  if (!initialised) throw new Error('libsodium is not initialised: await loadSodium() first');
  return sodiumModule;
}
