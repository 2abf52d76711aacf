import type { Command } from 'commander';
import { startDemoSite } from '../../server/demo/demo-site.ts';
import { seedDemoCapture } from '../../server/demo/seed-demo-capture.ts';
import { seedDemo } from '../../server/demo/seed-demo.ts';
import { countOrganisations } from '../../server/modules/accounts/organisations.repository.ts';
import { openRuntime } from '../../server/runtime.ts';
import { startServer, stopOnSignals } from '../../server/server.ts';
import { addDataOption, listeningOrigin, parsePort } from './options.ts';

export function registerDemoCommand(program: Command): void {
  addDataOption(
    program
      .command('demo')
      .description(
        'Seed a demo organisation with members of every role and invented records, then serve. Use a throw-away data folder.',
      )
      .option('--port <n>', 'port to listen on', parsePort, Number(process.env.QORGAN_PORT ?? 8080))
      .option('--host <host>', 'address to listen on', '127.0.0.1'),
  ).action(async (opts: { data: string; port: number; host: string }) => {
    const runtime = await openRuntime({
      dataDir: opts.data,
      config: listeningOrigin(opts.host, opts.port),
    });
    if ((await countOrganisations(runtime.database.db)) > 0) {
      await runtime.close();
      throw new Error(
        `${opts.data} already holds organisations; the demo seeds only an empty data folder (npm run demo makes a fresh one)`,
      );
    }
    console.log(
      'Seeding the demo organisation (deriving keys for each member takes a few seconds)…',
    );
    const seed = await seedDemo({
      deps: { ...runtime.deps, blobs: runtime.blobs },
      kdf: runtime.config.kdf,
    });
    // The demo captures an invented post it serves itself on a local port, so it lets
    // captures reach local addresses (a real server refuses them: docs/evidence/capture-and-time.md).
    runtime.config.evidence.capture = {
      ...runtime.config.evidence.capture,
      allowPrivateNetworks: true,
    };
    const site = await startDemoSite();
    console.log('Capturing the invented post the demo serves (headless Chromium)…');
    const capture = await seedDemoCapture({
      deps: { ...runtime.deps, blobs: runtime.blobs },
      seed,
      url: site.postUrl,
    });
    const server = await startServer(runtime, { host: opts.host, port: opts.port });
    const width = Math.max(...seed.members.map((m) => m.email.length));
    console.log(
      [
        '',
        `Demo organisation: ${seed.organisationName}  (data folder: ${runtime.dataDir})`,
        'Everything in it is invented. Sign in at:',
        '',
        `  ${server.url}/app/login`,
        '',
        'Demo members (passwords are new on every run):',
        ...seed.members.map(
          (m) =>
            `  ${m.role.padEnd(12)} ${m.email.padEnd(width)}  ${m.password}${m.status === 'pending' ? '   (awaits approval)' : ''}`,
        ),
        '',
        `An open invitation link: ${server.url}/app/invite#${seed.openInvitationToken}`,
        `Recovery key of the demo organisation: ${seed.recoveryWords}`,
        '',
        `The public report form: ${server.url}/report  (two invented organisations accept reports;`,
        `the second one's admin: ${seed.partner.admin.email}  ${seed.partner.admin.password})`,
        `Invented reports (${seed.reports.length}) are in the triage inbox. Come back as a reporter at`,
        `${server.url}/return with one of these codenames:`,
        ...seed.reports
          .filter((r) => r.status !== 'spam')
          .map((r) => `  ${r.reference}  ${r.locale}  ${r.status.padEnd(11)} ${r.codename}`),
        '',
        `Invented incidents (${seed.records.incidents.join(', ')}) and cases:`,
        ...seed.records.cases.map((c) =>
          `  ${c.reference}  ${c.status.padEnd(7)}${c.restricted ? '  restricted: only its lawyer and admins see it' : ''}`.trimEnd(),
        ),
        `The urgent case is referred to the second organisation: sign in as its admin to accept it.`,
        '',
        `Invented evidence: ${seed.evidence.items.length} files on the incidents and the urgent case ${seed.records.evidenceTargets.urgentCase.reference}${capture.ok ? ', and a web capture of' : '. The web capture of'}`,
        `${site.postUrl}  (an invented post the demo serves)${capture.ok ? ' on the urgent case.' : ` was skipped: ${capture.reason}`}`,
        'Evidence packages are exported from the case page by the lawyer or the admin.',
        '',
        `Invented monitoring campaign "${seed.monitoring.campaignName}": ${seed.monitoring.comments} comments`,
        `under ${seed.monitoring.items.length} invented posts, classified; ${seed.monitoring.duplicates} repeats of an overlapping export recognised`,
        `as duplicates; the monitor reviewed the ${seed.monitoring.reviewed} most uncertain. Sign in as the monitor to review more.`,
        '',
        'Press Ctrl+C to stop.',
      ].join('\n'),
    );
    stopOnSignals(server);
  });
}
