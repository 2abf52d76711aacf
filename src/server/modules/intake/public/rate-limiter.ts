// Abuse limits of the public forms, in memory only (ARCHITECTURE.md, "Intake decisions").
// A client is known by an HMAC of its address under a key made at process start, so the
// counters hold no address and mean nothing after a restart; windows are short and
// expired counters are dropped. Nothing here is ever logged or stored.
//
// Behind a reverse proxy or a Tor onion service every request comes from the proxy's
// address, so the per-client limit counts everyone together (docs/reporting.md).
import { createHmac, randomBytes } from 'node:crypto';

export type RateDecision =
  { allowed: true } | { allowed: false; reason: 'client' | 'global'; retryMinutes: number };

interface Window {
  count: number;
  /** When this window started (ms since epoch). */
  start: number;
}

/** Never track more clients than this; past it the oldest windows are dropped first. */
const MAX_CLIENTS = 50_000;

export interface RateLimiterOptions {
  /** Attempts one client may make per window. */
  perClient: number;
  windowMinutes: number;
  /** Attempts the whole instance accepts per minute, across every client; null for none. */
  globalPerMinute: number | null;
  now: () => Date;
}

export class RateLimiter {
  private readonly key = randomBytes(32);
  private readonly clients = new Map<string, Window>();
  private global: Window = { count: 0, start: 0 };
  private readonly options: RateLimiterOptions;

  constructor(options: RateLimiterOptions) {
    this.options = options;
  }

  /** Counts one attempt by the client at `address` and says whether it may go ahead. */
  hit(address: string): RateDecision {
    const now = this.options.now().getTime();
    const windowMs = this.options.windowMinutes * 60_000;
    this.sweep(now, windowMs);

    const id = createHmac('sha256', this.key).update(address).digest('base64url');
    let client = this.clients.get(id);
    if (!client || now - client.start >= windowMs) {
      client = { count: 0, start: now };
      this.clients.delete(id);
      this.clients.set(id, client);
    }
    client.count += 1;
    if (client.count > this.options.perClient) {
      const left = client.start + windowMs - now;
      return {
        allowed: false,
        reason: 'client',
        retryMinutes: Math.max(1, Math.ceil(left / 60_000)),
      };
    }

    if (this.options.globalPerMinute !== null) {
      if (now - this.global.start >= 60_000) this.global = { count: 0, start: now };
      this.global.count += 1;
      if (this.global.count > this.options.globalPerMinute) {
        return { allowed: false, reason: 'global', retryMinutes: 1 };
      }
    }
    return { allowed: true };
  }

  /** How many clients are being counted (for tests of the memory bound). */
  get trackedClients(): number {
    return this.clients.size;
  }

  private sweep(now: number, windowMs: number): void {
    // Map order is insertion order and a restarted window is re-inserted, so the oldest
    // windows come first: stop at the first one still running.
    for (const [id, window] of this.clients) {
      if (now - window.start < windowMs && this.clients.size < MAX_CLIENTS) break;
      this.clients.delete(id);
    }
  }
}
