// `qorgan case-pdf`: the offline way to a case-file PDF. It reads a case the member
// exported from their browser as decrypted JSON and writes the PDF next to it; it opens
// no database and talks to no server, so it can run on an air-gapped laptop.
import { readFile, writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { locale as localeSchema, type Locale } from '../../common/api/accounts.ts';
import {
  caseFileModelSchema,
  renderCaseFilePdf,
  type CaseFileModel,
} from '../../common/pdf/case-file.ts';

interface CasePdfOptions {
  input: string;
  output: string;
  locale: Locale;
  timeZone?: string;
}

function parseLocale(value: string): Locale {
  const result = localeSchema.safeParse(value);
  if (!result.success) throw new InvalidArgumentError('the language is one of ru, kk, en');
  return result.data;
}

function parseTimeZone(value: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    throw new InvalidArgumentError('not a time zone name such as Asia/Almaty');
  }
}

async function loadFont(file: string): Promise<Uint8Array> {
  return new Uint8Array(
    await readFile(new URL(import.meta.resolve(`dejavu-fonts-ttf/ttf/${file}`))),
  );
}

/** Where a problem in the JSON is, as a reader of the file would look for it. */
function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/** Reads and validates the case JSON; throws one message listing every problem. */
export async function readCaseFileModel(inputPath: string): Promise<CaseFileModel> {
  let text: string;
  try {
    text = await readFile(inputPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT' ? `no such file: ${inputPath}` : `cannot read ${inputPath} (${code})`,
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${inputPath} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const result = caseFileModelSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues
      .slice(0, 20)
      .map((issue) => `  ${pathOf(issue.path) || '(the whole file)'}: ${issue.message}`);
    const more = result.error.issues.length - problems.length;
    throw new Error(
      [
        `${inputPath} is not a case file this version can print:`,
        ...problems,
        ...(more > 0 ? [`  … and ${more} more`] : []),
      ].join('\n'),
    );
  }
  return result.data;
}

export function registerCasePdfCommand(program: Command): void {
  program
    .command('case-pdf')
    .description(
      'Print a case file as a PDF timeline from a decrypted case JSON exported by the staff app (offline: no server, no database).',
    )
    .requiredOption('--input <file>', 'the decrypted case, as JSON (see docs/case-export.md)')
    .requiredOption('--output <file>', 'where to write the PDF')
    .option('--locale <ru|kk|en>', 'the language of the PDF', parseLocale, 'ru' as Locale)
    .option(
      '--time-zone <zone>',
      "the time zone the generation time is printed in (default: this computer's)",
      parseTimeZone,
    )
    .action(async (opts: CasePdfOptions) => {
      const model = await readCaseFileModel(opts.input);
      const [regular, bold] = await Promise.all([
        loadFont('DejaVuSans.ttf'),
        loadFont('DejaVuSans-Bold.ttf'),
      ]);
      const pdf = await renderCaseFilePdf({
        model,
        locale: opts.locale,
        fonts: { regular, bold },
        generatedAt: new Date(),
        ...(opts.timeZone ? { timeZone: opts.timeZone } : {}),
      });
      // 0600: the file holds decrypted data; other accounts on the machine must not read it.
      await writeFile(opts.output, pdf, { mode: 0o600 });
      console.log(
        `Wrote ${opts.output} (${pdf.length} bytes). It contains decrypted data: handle it like the paper file.`,
      );
    });
}
