import type { Command } from 'commander';
import { verifyChain } from '../../server/modules/audit/verify-chain.ts';
import { openRuntime } from '../../server/runtime.ts';
import { addDataOption } from './options.ts';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The append-only, hash-chained audit log.');
  addDataOption(
    audit
      .command('verify')
      .description(
        'Recompute the whole hash chain; exit 1 and name each row that was edited, deleted or reordered.',
      ),
  ).action(async (opts: { data: string }) => {
    const runtime = await openRuntime({ dataDir: opts.data });
    try {
      const report = await verifyChain({ db: runtime.database.db });
      if (report.ok) {
        console.log(
          `Audit log intact: ${report.checked} events checked, chain head at event ${report.headSeq}.`,
        );
        return;
      }
      console.error(
        `Audit log DAMAGED: ${report.problems.length} problem(s) in ${report.checked} events:`,
      );
      for (const p of report.problems) console.error(`  event ${p.seq}: ${p.problem}`);
      process.exitCode = 1;
    } finally {
      await runtime.close();
    }
  });
}
