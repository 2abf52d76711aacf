import type { Command } from 'commander';
import { openRuntime } from '../../server/runtime.ts';
import { addDataOption } from './options.ts';

export function registerMigrateCommand(program: Command): void {
  addDataOption(
    program
      .command('migrate')
      .description('Apply pending database migrations and exit (start-up does this too).'),
  ).action(async (opts: { data: string }) => {
    const runtime = await openRuntime({ dataDir: opts.data });
    try {
      const { applied, alreadyApplied } = runtime.migration;
      console.log(
        applied.length > 0
          ? `Applied ${applied.length} migration(s): ${applied.join(', ')} (${alreadyApplied} already applied) on ${runtime.database.engine}.`
          : `The database is up to date (${alreadyApplied} migrations) on ${runtime.database.engine}.`,
      );
    } finally {
      await runtime.close();
    }
  });
}
