// Runtime configuration: one object, built by the CLI from flags and environment, and
// passed explicitly into the app (no global settings module).
import type { KdfParams } from '../common/crypto/keys.ts';
import { DEFAULT_KDF } from '../common/crypto/keys.ts';

export interface AppConfig {
  /** Qorgan version, reported by /healthz. */
  version: string;
  /**
   * The origin staff and reporters reach the server at, e.g. https://qorgan.example.org.
   * Used to print links. (The CSRF check compares Origin with the Host header, so a
   * reverse proxy must pass Host through: docs/deployment.md.)
   */
  publicOrigin: string;
  /** True when a TLS-terminating proxy sits in front: enables HSTS. (Cookies are always Secure.) */
  behindTls: boolean;
  /** Where the built staff web app lives (dist/web). */
  webDistDir: string;
  /**
   * Argon2id cost quoted for e-mails without an account (prelogin), so they look like real
   * ones. Browsers create new members with DEFAULT_KDF from the shared crypto module.
   */
  kdf: KdfParams;
  /** Server-side hash of the auth key (crypto_pwhash_str cost). */
  authHash: KdfParams;
  session: {
    /** Minutes without a request after which a session ends. */
    idleMinutes: number;
    /** Hours after login after which a session ends regardless of activity. */
    absoluteHours: number;
  };
  /** Days an invitation link stays valid. */
  invitationDays: number;
  /** Failed logins on one account before it is slowed down. */
  loginFreeAttempts: number;
  /** Largest JSON body accepted, in bytes. */
  bodyLimit: number;
  intake: IntakeConfig;
  /**
   * Where the quick exit of every public page leads (QORGAN_QUICK_EXIT_URL): a neutral,
   * everyday page, so that a glance at the screen or the history shows nothing unusual.
   */
  quickExitUrl: string;
  /** Outgoing mail for opt-in notifications; null when none is configured. */
  smtp: SmtpConfig | null;
  evidence: EvidenceConfig;
}

export interface EvidenceConfig {
  /** Largest ciphertext one item file may have, in bytes (QORGAN_EVIDENCE_MAX_GB). */
  maxFileBytes: number;
  /** Largest body one upload PATCH may carry; the browser sends segments of this size. */
  maxSegmentBytes: number;
  /** Hours an unfinished upload is kept for resuming before it is removed. */
  uploadExpiryHours: number;
  /** Hours between two integrity checks of the stored ciphertext. */
  integrityCheckHours: number;
  /** RFC 3161 timestamp authority; null when none is configured (QORGAN_TSA_URL). */
  tsa: TsaConfig | null;
  capture: CaptureConfig;
}

export interface TsaConfig {
  /** e.g. https://freetsa.org/tsr (QORGAN_TSA_URL). */
  url: string;
  /** The CA certificates tokens are checked against, PEM (QORGAN_TSA_CA_FILE). */
  caCertificatesPem: string[];
  /** Milliseconds before a request to the TSA is given up (and retried by the job). */
  timeoutMs: number;
}

export interface CaptureConfig {
  /** The Chromium binary (CHROMIUM_PATH); captures are refused when it is missing. */
  chromiumPath: string;
  /**
   * Allow capturing addresses on loopback and private networks. Off in production (a
   * member must not be able to make the server read internal services); on for tests and
   * the demo, which capture pages the instance serves itself.
   */
  allowPrivateNetworks: boolean;
  /** Proxy every capture goes through, e.g. socks5://127.0.0.1:9050 (QORGAN_CAPTURE_PROXY). */
  proxy: string | null;
  /** Milliseconds a page may take to load before the capture fails. */
  timeoutMs: number;
  /** Captures run at the same time at most; more are refused with 503 and retried by the member. */
  concurrency: number;
}

export interface IntakeConfig {
  /** Largest file a reporter may attach, in bytes (QORGAN_MAX_FILE_MB). */
  maxFileBytes: number;
  /** Submissions one client may make per window (counted in memory, keyed without the IP). */
  perClientSubmissions: number;
  /** Length of the per-client window, in minutes. */
  windowMinutes: number;
  /** Submissions the whole instance accepts per minute, across every client. */
  globalSubmissionsPerMinute: number;
  /** Codename sign-in attempts one client may make per window. */
  perClientReturnAttempts: number;
  /** How long a public form stays valid after it was served, in hours. */
  formTokenHours: number;
  /** Minutes without a request after which a reporter's codename session ends. */
  reporterSessionIdleMinutes: number;
}

export interface SmtpConfig {
  /** e.g. smtp://user:pass@127.0.0.1:587 or smtps://… (QORGAN_SMTP_URL). */
  url: string;
  /** The From address (QORGAN_SMTP_FROM). */
  from: string;
}

export const SERVER_AUTH_HASH: KdfParams = { opslimit: 2, memlimit: 64 * 1024 * 1024 };

export function defaultConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    version: '0.1.0',
    publicOrigin: 'http://127.0.0.1:8080',
    behindTls: false,
    webDistDir: new URL('../../dist/web/', import.meta.url).pathname,
    kdf: DEFAULT_KDF,
    authHash: SERVER_AUTH_HASH,
    session: { idleMinutes: 30, absoluteHours: 12 },
    invitationDays: 7,
    loginFreeAttempts: 5,
    bodyLimit: 256 * 1024,
    intake: {
      maxFileBytes: 100 * 1024 * 1024,
      perClientSubmissions: 10,
      windowMinutes: 10,
      globalSubmissionsPerMinute: 120,
      perClientReturnAttempts: 20,
      formTokenHours: 6,
      reporterSessionIdleMinutes: 30,
    },
    // A weather search ("погода"): common on any phone, in any family.
    quickExitUrl: 'https://www.google.com/search?q=%D0%BF%D0%BE%D0%B3%D0%BE%D0%B4%D0%B0',
    smtp: null,
    evidence: {
      maxFileBytes: 8 * 1024 * 1024 * 1024,
      maxSegmentBytes: 8 * 1024 * 1024,
      uploadExpiryHours: 48,
      integrityCheckHours: 24,
      tsa: null,
      capture: {
        chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        allowPrivateNetworks: false,
        proxy: null,
        timeoutMs: 45_000,
        concurrency: 2,
      },
    },
    ...overrides,
  };
}
