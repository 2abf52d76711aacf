// The `qorgan` command line. Every command has --help.
import { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Each command, and how to load it. Only the command being run is loaded: each brings its
 * own heavy code (the PDF renderer, the demo seeds, the package verifier), and a running
 * server should not hold the others' in memory. `qorgan`, `qorgan --help` and
 * `qorgan help` load them all, to list them.
 */
const COMMANDS: { name: string; load: () => Promise<Register> }[] = [
  { name: 'serve', load: async () => (await import('./commands/serve.ts')).registerServeCommand },
  { name: 'demo', load: async () => (await import('./commands/demo.ts')).registerDemoCommand },
  {
    name: 'migrate',
    load: async () => (await import('./commands/migrate.ts')).registerMigrateCommand,
  },
  { name: 'org', load: async () => (await import('./commands/org.ts')).registerOrgCommands },
  { name: 'audit', load: async () => (await import('./commands/audit.ts')).registerAuditCommands },
  {
    name: 'case-pdf',
    load: async () => (await import('./commands/case-pdf.ts')).registerCasePdfCommand,
  },
  {
    name: 'evidence',
    load: async () => (await import('./commands/evidence.ts')).registerEvidenceCommands,
  },
  {
    name: 'monitor',
    load: async () => (await import('./commands/monitor.ts')).registerMonitorCommands,
  },
];

export async function buildCli(argv: readonly string[] = process.argv): Promise<Command> {
  const program = new Command('qorgan')
    .description('Qorgan: a self-hosted platform for LGBTIQ human-rights defenders.')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: false });
  const requested = COMMANDS.find((command) => command.name === argv[2]);
  for (const command of requested ? [requested] : COMMANDS) (await command.load())(program);
  return program;
}

try {
  await (await buildCli()).parseAsync(process.argv);
} catch (error) {
  console.error(`qorgan: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
