// Listens, prints the first-run link, and shuts down gracefully: stop accepting, finish
// in-flight requests, stop the job worker, close the database.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { jobDefinitions, recurringJobs } from './jobs/registry.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { startWorker } from './jobs/worker.ts';
import { createMailer } from './mail/mailer.ts';
import { issueSetupToken } from './modules/accounts/issue-setup-token.ts';
import type { Runtime } from './runtime.ts';

export interface ServeOptions {
  host: string;
  port: number;
  /** Called with the printable lines once listening. */
  announce?: (lines: string[]) => void;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(runtime: Runtime, options: ServeOptions): Promise<RunningServer> {
  const app = await buildApp({
    config: runtime.config,
    database: runtime.database,
    secrets: runtime.secrets,
    blobs: runtime.blobs,
  });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const hostForUrl = options.host.includes(':')
    ? `[${options.host}]`
    : options.host === '0.0.0.0'
      ? '127.0.0.1'
      : options.host;
  const url = process.env.QORGAN_PUBLIC_ORIGIN ?? `http://${hostForUrl}:${port}`;
  const lines = [
    `Qorgan ${runtime.config.version} is listening on ${url} (database: ${runtime.database.engine})`,
  ];
  const setupToken = await issueSetupToken({ deps: runtime.deps });
  if (setupToken) {
    lines.push(
      '',
      'First run: no organisation exists yet. Open this one-time link to set one up',
      '(valid for 24 hours; keep it private — whoever opens it first becomes the admin):',
      '',
      `  ${url}/app/setup#${setupToken}`,
      '',
    );
  }
  (options.announce ?? ((l) => console.log(l.join('\n'))))(lines);

  const { db, engine } = runtime.database;
  const mailer = createMailer(runtime.config.smtp, app.log);
  const worker = startWorker({
    db,
    engine,
    definitions: jobDefinitions,
    logger: app.log,
    pollMs: 1000,
    services: { mailer, secrets: runtime.secrets, config: runtime.config, blobs: runtime.blobs },
  });
  const scheduler = startScheduler({ db, recurring: recurringJobs, logger: app.log });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      // Requests and the running job finish side by side; the database closes after both.
      await Promise.all([app.close(), scheduler.stop().then(() => worker.stop())]);
      mailer.close();
      await runtime.close();
    })();
    return stopping;
  };
  return { app, url, stop };
}

/** Stops the server on SIGINT/SIGTERM; a second signal exits at once. */
export function stopOnSignals(server: RunningServer): void {
  let signalled = false;
  const handler = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(1);
    signalled = true;
    console.log(`\n${signal}: finishing open requests and shutting down…`);
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
