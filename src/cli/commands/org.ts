import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { buildNewOrganisation } from '../../common/accounts/client-ops.ts';
import {
  email as emailSchema,
  locale as localeSchema,
  organisationName,
  slug as slugSchema,
} from '../../common/api/accounts.ts';
import { registerOrganisation } from '../../server/modules/accounts/register-organisation.ts';
import { openRuntime } from '../../server/runtime.ts';
import { addDataOption } from './options.ts';

export const MIN_PASSWORD_LENGTH = 12;

function parseWith<T>(schema: {
  safeParse(
    v: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
}) {
  return (value: string): T => {
    const result = schema.safeParse(value);
    if (!result.success)
      throw new InvalidArgumentError(result.error.issues.map((i) => i.message).join('; '));
    return result.data;
  };
}

/** Prints the recovery words numbered in columns, with what to do with them. */
export function formatRecoveryKey(words: string): string {
  const list = words.split(' ');
  const rows: string[] = [];
  for (let i = 0; i < list.length; i += 4) {
    rows.push(
      '  ' +
        list
          .slice(i, i + 4)
          .map((w, j) => `${String(i + j + 1).padStart(2)}. ${w.padEnd(10)}`)
          .join(' '),
    );
  }
  return [
    'RECOVERY KEY — shown this once and never stored on the server.',
    'Write these 24 words on paper and keep them offline, away from the server.',
    'They restore access to the organisation when every admin has lost their password.',
    '',
    ...rows,
  ].join('\n');
}

interface OrgCreateOptions {
  data: string;
  name: string;
  slug: string;
  adminEmail: string;
  adminName?: string;
  adminPassword?: string;
  adminPasswordFile?: string;
  locale: 'ru' | 'kk' | 'en';
}

export function registerOrgCommands(program: Command): void {
  const org = program.command('org').description('Organisations on this server.');
  addDataOption(
    org
      .command('create')
      .description(
        'Create an organisation and its first admin, non-interactively; prints the recovery key once.',
      )
      .requiredOption(
        '--name <name>',
        'public name of the organisation',
        parseWith(organisationName),
      )
      .requiredOption(
        '--slug <slug>',
        'short name for links, e.g. "almaty-shield"',
        parseWith(slugSchema),
      )
      .requiredOption(
        '--admin-email <email>',
        "the first admin's e-mail (sign-in name)",
        parseWith(emailSchema),
      )
      .option('--admin-name <name>', "the first admin's display name (sealed)")
      .option(
        '--admin-password <password>',
        "the first admin's password (at least 12 characters; prefer --admin-password-file: a command line can end up in shell history)",
      )
      .option(
        '--admin-password-file <file>',
        'read the admin password from the first line of this file',
      )
      .option('--locale <locale>', 'default language: ru, kk or en', parseWith(localeSchema), 'ru'),
  ).action(async (opts: OrgCreateOptions) => {
    const password = opts.adminPasswordFile
      ? ((await readFile(opts.adminPasswordFile, 'utf8')).split(/\r?\n/)[0] ?? '')
      : (opts.adminPassword ?? process.env.QORGAN_ADMIN_PASSWORD ?? '');
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new Error(
        `the admin password must have at least ${MIN_PASSWORD_LENGTH} characters (--admin-password or --admin-password-file)`,
      );
    }
    const runtime = await openRuntime({ dataDir: opts.data });
    try {
      const built = buildNewOrganisation({
        name: opts.name,
        slug: opts.slug,
        defaultLocale: opts.locale,
        admin: {
          email: opts.adminEmail,
          displayName: opts.adminName ?? opts.adminEmail,
          password,
          locale: opts.locale,
          kdf: runtime.config.kdf,
        },
      });
      const created = await registerOrganisation({
        deps: runtime.deps,
        organisation: built.body.organisation,
        admin: built.body.admin,
      });
      console.log(
        `Created organisation "${opts.name}" (${opts.slug}), id ${created.organisationId}.`,
      );
      console.log(`Admin ${opts.adminEmail} can sign in now.\n`);
      console.log(formatRecoveryKey(built.recoveryWords));
    } finally {
      await runtime.close();
    }
  });
}
