// Reporter sessions after a codename sign-in, in server memory only (ARCHITECTURE.md):
// a random token in a session cookie maps to the report id (or null when the codename
// matched nothing, so that a wrong codename looks exactly like a right one) and the
// reporter key pair that opens the replies. Nothing about a visit reaches the database;
// a restart signs every reporter out.
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../../../common/api/accounts.ts';
import type { BoxKeyPair } from '../../../../common/crypto/envelope.ts';
import { sodium } from '../../../../common/crypto/sodium.ts';

export const REPORTER_COOKIE = '__Host-qorgan_reporter';

export interface ReporterSession {
  /** The report the codename opened, or null when it opened none. */
  reportId: string | null;
  keyPair: BoxKeyPair;
  /** The language the reporter chose last; pages without ?lang= keep it. */
  locale: Locale;
  /** Last request, ms since epoch; the session ends after the idle time. */
  lastSeen: number;
}

/** Bounds the memory a flood of sign-ins can take; the least recently used go first. */
const MAX_SESSIONS = 20_000;

export class ReporterSessions {
  private readonly sessions = new Map<string, ReporterSession>();
  private readonly idleMs: number;
  private readonly now: () => Date;

  constructor(options: { idleMinutes: number; now: () => Date }) {
    this.idleMs = options.idleMinutes * 60_000;
    this.now = options.now;
  }

  /** Starts a session and returns its token. */
  create(reportId: string | null, keyPair: BoxKeyPair, locale: Locale): string {
    this.sweep();
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next();
      if (oldest.done) break;
      this.end(oldest.value);
    }
    const token = randomBytes(32).toString('base64url');
    this.sessions.set(token, { reportId, keyPair, locale, lastSeen: this.now().getTime() });
    return token;
  }

  /** The live session of a token, touched; undefined when unknown or idle too long. */
  get(token: string | undefined): ReporterSession | undefined {
    if (!token) return undefined;
    const session = this.sessions.get(token);
    if (!session) return undefined;
    const now = this.now().getTime();
    if (now - session.lastSeen > this.idleMs) {
      this.end(token);
      return undefined;
    }
    session.lastSeen = now;
    // Re-insert so that Map order stays least-recently-used first.
    this.sessions.delete(token);
    this.sessions.set(token, session);
    return session;
  }

  end(token: string | undefined): void {
    if (!token) return;
    const session = this.sessions.get(token);
    if (session) sodium().memzero(session.keyPair.privateKey);
    this.sessions.delete(token);
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const now = this.now().getTime();
    for (const [token, session] of this.sessions) {
      if (now - session.lastSeen <= this.idleMs) break;
      this.end(token);
    }
  }
}

export function readReporterToken(request: FastifyRequest): string | undefined {
  return request.cookies[REPORTER_COOKIE];
}

/** A session cookie (no Max-Age or Expires): it ends when the browser closes. */
export function setReporterCookie(reply: FastifyReply, token: string): void {
  void reply.setCookie(REPORTER_COOKIE, token, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
  });
}

export function clearReporterCookie(reply: FastifyReply): void {
  void reply.clearCookie(REPORTER_COOKIE, {
    path: '/',
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
  });
}
