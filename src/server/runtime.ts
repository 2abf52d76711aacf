// Opens everything a command needs — database (migrated), instance secret, config — from
// flags and environment. Used by `serve`, `demo`, `migrate`, `org create`, `audit verify`.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadSodium } from '../common/crypto/sodium.ts';
import { parsePemCertificates } from '../common/evidence/timestamp.ts';
import { defaultConfig, type AppConfig, type EvidenceConfig, type SmtpConfig } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrate, type MigrationResult } from './db/migrate.ts';
import { FsBlobStore } from './blobs/fs-blob-store.ts';
import type { AccountsDeps } from './modules/accounts/accounts.deps.ts';
import { instanceSecretsFrom, loadInstanceSecret, type InstanceSecrets } from './secrets.ts';

export interface RuntimeOptions {
  /** Data folder: PGlite files, the instance secret, later the blob store. */
  dataDir: string;
  /** Overrides of the configuration (port-dependent origin, etc.). */
  config?: Partial<AppConfig>;
}

export interface Runtime {
  dataDir: string;
  config: AppConfig;
  database: Database;
  secrets: InstanceSecrets;
  blobs: FsBlobStore;
  migration: MigrationResult;
  deps: AccountsDeps;
  close(): Promise<void>;
}

export async function packageVersion(): Promise<string> {
  const pkg = JSON.parse(
    await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  return pkg.version;
}

export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  await loadSodium();
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const database = await openDatabase({
    databaseUrl,
    pgliteDir: databaseUrl ? undefined : path.join(dataDir, 'pgdata'),
  });
  try {
    const migration = await migrate(database);
    const secrets = instanceSecretsFrom(
      await loadInstanceSecret(dataDir, process.env.QORGAN_SECRET_FILE || undefined),
    );
    const defaults = defaultConfig();
    const config = defaultConfig({
      version: await packageVersion(),
      behindTls: process.env.QORGAN_BEHIND_TLS === '1' || process.env.QORGAN_BEHIND_TLS === 'true',
      ...(process.env.QORGAN_PUBLIC_ORIGIN
        ? { publicOrigin: process.env.QORGAN_PUBLIC_ORIGIN }
        : {}),
      smtp: smtpFromEnvironment(),
      ...quickExitFromEnvironment(),
      intake: { ...defaults.intake, ...maxFileFromEnvironment(), ...rateLimitsFromEnvironment() },
      evidence: await evidenceFromEnvironment(defaults.evidence),
      ...options.config,
    });
    const blobs = await new FsBlobStore(path.join(dataDir, 'blobs')).init();
    return {
      dataDir,
      config,
      database,
      secrets,
      blobs,
      migration,
      deps: { db: database.db, secrets, config, now: () => new Date() },
      close: () => database.close(),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * Trusted time and capture settings from the environment: QORGAN_TSA_URL (an RFC 3161
 * authority, e.g. https://freetsa.org/tsr) with QORGAN_TSA_CA_FILE (the PEM file of the CA
 * certificates its tokens must chain to — required with a URL, since a token nobody can
 * check proves nothing), and QORGAN_CAPTURE_PROXY (e.g. socks5://127.0.0.1:9050 to capture
 * through Tor), and QORGAN_EVIDENCE_MAX_GB (largest evidence file, default 8). Docs:
 * docs/evidence/capture-and-time.md.
 */
export async function evidenceFromEnvironment(
  defaults: EvidenceConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<EvidenceConfig> {
  const evidence: EvidenceConfig = { ...defaults, capture: { ...defaults.capture } };
  const url = env.QORGAN_TSA_URL?.trim();
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error('QORGAN_TSA_URL must be an absolute http:// or https:// address');
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      throw new Error('QORGAN_TSA_URL must be an absolute http:// or https:// address');
    const caFile = env.QORGAN_TSA_CA_FILE?.trim();
    if (!caFile)
      throw new Error('QORGAN_TSA_CA_FILE must name the PEM file of the TSA’s CA certificates');
    const pem = await readFile(caFile, 'utf8').catch(() => {
      throw new Error(`QORGAN_TSA_CA_FILE: cannot read ${caFile}`);
    });
    let certificates: number;
    try {
      certificates = parsePemCertificates(pem).length;
    } catch {
      certificates = 0;
    }
    if (certificates === 0)
      throw new Error(`QORGAN_TSA_CA_FILE: no readable certificate in ${caFile}`);
    evidence.tsa = {
      url: parsed.toString(),
      caCertificatesPem: [pem],
      timeoutMs: defaults.tsa?.timeoutMs ?? 20_000,
    };
  }
  const proxy = env.QORGAN_CAPTURE_PROXY?.trim();
  if (proxy) {
    if (!/^(socks5|socks5h|http):\/\/[^\s/@]+\/?$/i.test(proxy))
      throw new Error(
        'QORGAN_CAPTURE_PROXY must be socks5://, socks5h:// or http:// with a host and port, e.g. socks5://127.0.0.1:9050',
      );
    evidence.capture.proxy = proxy;
  }
  const maxGb = env.QORGAN_EVIDENCE_MAX_GB?.trim();
  if (maxGb) {
    const gb = Number(maxGb);
    if (!Number.isInteger(gb) || gb < 1 || gb > 1024)
      throw new Error(
        'QORGAN_EVIDENCE_MAX_GB must be a whole number of gigabytes between 1 and 1024',
      );
    evidence.maxFileBytes = gb * 1024 * 1024 * 1024;
  }
  return evidence;
}

/**
 * Outgoing mail from QORGAN_SMTP_URL (e.g. smtps://user:pass@mail.example.org:465) and
 * QORGAN_SMTP_FROM; null when no URL is set. A URL without a From address is refused at
 * start rather than failing on the first e-mail.
 */
export function smtpFromEnvironment(env: NodeJS.ProcessEnv = process.env): SmtpConfig | null {
  const url = env.QORGAN_SMTP_URL?.trim();
  if (!url) return null;
  const from = env.QORGAN_SMTP_FROM?.trim();
  if (!from) throw new Error('QORGAN_SMTP_FROM must be set when QORGAN_SMTP_URL is');
  return { url, from };
}

/**
 * The quick-exit address from QORGAN_QUICK_EXIT_URL, when set. Only an absolute http(s)
 * address is accepted: a mistake here would leave a frightened reporter on a broken page.
 */
export function quickExitFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): { quickExitUrl: string } | Record<string, never> {
  const value = env.QORGAN_QUICK_EXIT_URL?.trim();
  if (!value) return {};
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('QORGAN_QUICK_EXIT_URL must be an absolute https:// address');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error('QORGAN_QUICK_EXIT_URL must be an absolute https:// address');
  }
  return { quickExitUrl: url.toString() };
}

/**
 * The largest file a reporter may attach, from QORGAN_MAX_FILE_MB (whole megabytes,
 * 1 to 2048); unset keeps the default of 100 MB.
 */
export function maxFileFromEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): { maxFileBytes: number } | Record<string, never> {
  const value = env.QORGAN_MAX_FILE_MB?.trim();
  if (!value) return {};
  const mb = Number(value);
  if (!Number.isInteger(mb) || mb < 1 || mb > 2048) {
    throw new Error('QORGAN_MAX_FILE_MB must be a whole number of megabytes between 1 and 2048');
  }
  return { maxFileBytes: mb * 1024 * 1024 };
}

/**
 * The public forms' abuse limits (docs/reporting.md): QORGAN_REPORTS_PER_CLIENT (reports and
 * replies one client may send per window), QORGAN_REPORTS_PER_MINUTE (the whole instance)
 * and QORGAN_RETURN_ATTEMPTS_PER_CLIENT (codename sign-ins per window). Behind a reverse
 * proxy or an onion service every reporter shares one address, so raise the per-client ones.
 */
export function rateLimitsFromEnvironment(env: NodeJS.ProcessEnv = process.env): {
  perClientSubmissions?: number;
  globalSubmissionsPerMinute?: number;
  perClientReturnAttempts?: number;
} {
  const read = (name: string): number | undefined => {
    const value = env[name]?.trim();
    if (!value) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
      throw new Error(`${name} must be a whole number from 1 to 1000000`);
    }
    return n;
  };
  const perClientSubmissions = read('QORGAN_REPORTS_PER_CLIENT');
  const globalSubmissionsPerMinute = read('QORGAN_REPORTS_PER_MINUTE');
  const perClientReturnAttempts = read('QORGAN_RETURN_ATTEMPTS_PER_CLIENT');
  return {
    ...(perClientSubmissions ? { perClientSubmissions } : {}),
    ...(globalSubmissionsPerMinute ? { globalSubmissionsPerMinute } : {}),
    ...(perClientReturnAttempts ? { perClientReturnAttempts } : {}),
  };
}
