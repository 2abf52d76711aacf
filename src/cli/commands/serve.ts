import type { Command } from 'commander';
import { openRuntime } from '../../server/runtime.ts';
import { startServer, stopOnSignals } from '../../server/server.ts';
import { addDataOption, listeningOrigin, parsePort } from './options.ts';

export function registerServeCommand(program: Command): void {
  addDataOption(
    program
      .command('serve')
      .description(
        'Run the server (what `npm start` runs). Prints a one-time setup link on first run.',
      )
      .option('--port <n>', 'port to listen on', parsePort, Number(process.env.QORGAN_PORT ?? 8080))
      .option(
        '--host <host>',
        'address to listen on (keep 127.0.0.1 behind a reverse proxy or onion service)',
        process.env.QORGAN_HOST ?? '127.0.0.1',
      ),
  ).action(async (opts: { data: string; port: number; host: string }) => {
    const runtime = await openRuntime({
      dataDir: opts.data,
      config: listeningOrigin(opts.host, opts.port),
    });
    const server = await startServer(runtime, { host: opts.host, port: opts.port });
    stopOnSignals(server);
  });
}
