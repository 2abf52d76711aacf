// The `qorgan` command line. Every command has --help.
import { Command } from 'commander';
import { registerAuditCommands } from './commands/audit.ts';
import { registerCasePdfCommand } from './commands/case-pdf.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerEvidenceCommands } from './commands/evidence.ts';
import { registerMigrateCommand } from './commands/migrate.ts';
import { registerMonitorCommands } from './commands/monitor.ts';
import { registerOrgCommands } from './commands/org.ts';
import { registerServeCommand } from './commands/serve.ts';

export function buildCli(): Command {
  const program = new Command('qorgan')
    .description('Qorgan: a self-hosted platform for LGBTIQ human-rights defenders.')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: false });
  registerServeCommand(program);
  registerDemoCommand(program);
  registerMigrateCommand(program);
  registerOrgCommands(program);
  registerAuditCommands(program);
  registerCasePdfCommand(program);
  registerEvidenceCommands(program);
  registerMonitorCommands(program);
  return program;
}

try {
  await buildCli().parseAsync(process.argv);
} catch (error) {
  console.error(`qorgan: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
