// What every public route shares: the in-memory limiters and sessions of this app
// instance, and small helpers to build a page's context and send it.
import type { FastifyReply } from 'fastify';
import type { Locale } from '../../../../common/api/accounts.ts';
import type { IntakeDeps } from '../intake.deps.ts';
import { issueFormToken, type FormPurpose } from './form-token.ts';
import { toDocument, type Html } from './html.ts';
import { translatorFor } from './messages/index.ts';
import type { PageContext } from './pages/layout.ts';
import { RateLimiter } from './rate-limiter.ts';
import { ReporterSessions } from './reporter-sessions.ts';

export interface PublicState {
  deps: IntakeDeps;
  /** Report submissions and reporter messages: both store rows and files. */
  submissions: RateLimiter;
  /** Codename sign-ins: each one costs an Argon2id derivation. */
  signIns: RateLimiter;
  sessions: ReporterSessions;
}

/** One set per app instance, so two apps in one process (tests) share nothing. */
export function createPublicState(deps: IntakeDeps): PublicState {
  const { intake } = deps.config;
  return {
    deps,
    submissions: new RateLimiter({
      perClient: intake.perClientSubmissions,
      windowMinutes: intake.windowMinutes,
      globalPerMinute: intake.globalSubmissionsPerMinute,
      now: deps.now,
    }),
    signIns: new RateLimiter({
      perClient: intake.perClientReturnAttempts,
      windowMinutes: intake.windowMinutes,
      // Sign-ins share the instance budget's order of magnitude: a derivation is ~40 ms.
      globalPerMinute: intake.globalSubmissionsPerMinute * 4,
      now: deps.now,
    }),
    sessions: new ReporterSessions({
      idleMinutes: intake.reporterSessionIdleMinutes,
      now: deps.now,
    }),
  };
}

export function pageContext(
  state: PublicState,
  locale: Locale,
  switchPath: string | null,
): PageContext {
  return {
    locale,
    t: translatorFor(locale),
    switchPath,
    quickExitUrl: state.deps.config.quickExitUrl,
  };
}

export function formToken(state: PublicState, purpose: FormPurpose): string {
  return issueFormToken(state.deps.secrets.formTokenKey, purpose, state.deps.now());
}

export function sendPage(reply: FastifyReply, status: number, page: Html): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(toDocument(page));
}

/** A 303 to a page of this site (after a POST, so a reload does not post again). */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.code(303).header('location', location).send();
}
