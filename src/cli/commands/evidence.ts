// `qorgan evidence verify PACKAGE.zip`: re-checks an evidence package offline — every
// file's SHA-256 and size, each item's hash manifest and timestamp tokens, and that
// nothing was added — and prints PASS or FAIL per item. It opens no database and talks to
// no server, so an expert can run it on an air-gapped laptop. It never extracts anything.
// Exit code: 0 all passed, 1 something failed, 2 the input could not be read at all.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadSodium } from '../../common/crypto/sodium.ts';
import { pemCertificatesDer } from '../../common/evidence/package/bytes.ts';
import { colonFingerprint } from '../../common/evidence/package/certificates.ts';
import { openFileSource } from '../../common/evidence/package/node-file-source.ts';
import {
  UnreadablePackageError,
  printableName,
  verifyEvidencePackage,
  type ItemCheck,
  type PackageVerification,
} from '../../common/evidence/package/verify.ts';

const EXIT_FAILED = 1;
const EXIT_UNREADABLE = 2;

class InputError extends Error {}

async function readInput(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? `no such ${what}: ${path}` : `cannot read ${what} ${path} (${code})`,
    );
  }
}

const when = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z');

function describeItem(item: ItemCheck): string {
  const name = item.originalName || item.title || item.kind;
  return `item ${item.label} ${item.id} (${printableName(name, 60)})`;
}

function timestampSummary(item: ItemCheck): string {
  const [first] = item.timestamps;
  if (!first) return 'no timestamp';
  const by = first.tsaSubject ? ` by ${printableName(first.tsaSubject, 100)}` : '';
  const at = first.genTime ? when(first.genTime) : '?';
  return item.timestamps.length === 1
    ? `timestamp ${at}${by}`
    : `${item.timestamps.length} timestamps, first ${at}${by}`;
}

function trustLines(result: PackageVerification, caFile: string | undefined): string[] {
  const stamps = result.items.some((i) => i.timestamps.length > 0);
  if (!stamps) return [];
  const certs = result.trust.certificates
    .map(
      (c) =>
        `  ${printableName(c.subject || '(no subject)', 200)}\n    SHA-256 ${colonFingerprint(c.sha256)}`,
    )
    .join('\n');
  switch (result.trust.source) {
    case 'given':
      return [`Timestamps were checked against the TSA CA certificate(s) in ${caFile}:`, certs];
    case 'package':
      return [
        'Timestamps were checked against the TSA CA certificate(s) INSIDE THE PACKAGE:',
        certs,
        'A certificate that comes with the package shows the tokens are consistent with it,',
        'not who the timestamp authority is. Compare this fingerprint with the one the',
        'authority publishes, or run again with --tsa-ca FILE holding its CA certificate.',
      ];
    case 'none':
      return ['No TSA CA certificate was given or found: the timestamps could not be checked.'];
  }
}

/** The report, one line per check, PASS or FAIL first. */
export function formatReport(
  result: PackageVerification,
  file: string,
  size: number,
  caFile?: string,
): string[] {
  const lines: string[] = [`Checking ${file} (${size} bytes)`];
  const m = result.manifest;
  if (m.ok)
    lines.push(
      `PASS  manifest.json: ${result.items.length} items, case ${printableName(m.caseReference ?? '', 60)}, made ${when(m.createdAt ?? '')} by ${printableName(m.createdBy ?? '', 60)}`,
    );
  else lines.push(`FAIL  manifest.json: ${m.problem ?? 'cannot be used'}`);
  if (m.sha256) lines.push(`      manifest.json SHA-256 ${m.sha256}`);
  for (const f of result.packageFiles)
    lines.push(f.ok ? `PASS  ${f.path}` : `FAIL  ${f.path}: ${f.problem}`);
  for (const item of result.items) {
    if (item.ok) {
      const files = `${item.fileCount} file${item.fileCount === 1 ? '' : 's'}`;
      lines.push(`PASS  ${describeItem(item)}: ${files}, ${timestampSummary(item)}`);
    } else {
      const [first, ...rest] = item.failures;
      lines.push(`FAIL  ${describeItem(item)}: ${first}`);
      for (const failure of rest) lines.push(`      ${failure}`);
    }
  }
  for (const name of result.unexpectedEntries)
    lines.push(`FAIL  unexpected entry "${printableName(name)}": not listed in manifest.json`);
  for (const problem of result.problems) lines.push(`FAIL  package: ${problem}`);
  lines.push(...trustLines(result, caFile));

  const failedItems = result.items.filter((i) => !i.ok).length;
  const other =
    (m.ok ? 0 : 1) +
    result.packageFiles.filter((f) => !f.ok).length +
    result.unexpectedEntries.length +
    result.problems.length;
  if (result.ok) {
    lines.push(
      `Result: PASS — ${result.items.length} item(s): every file, hash manifest and timestamp verified.`,
    );
  } else {
    const parts = [
      ...(result.items.length > 0
        ? [`${failedItems} of ${result.items.length} item(s) failed`]
        : []),
      ...(other > 0 ? [`${other} package problem(s)`] : []),
    ];
    lines.push(`Result: FAIL — ${parts.join(', ')}.`);
  }
  if (m.sha256)
    lines.push(
      `Compare the manifest.json SHA-256 with the export record in the organisation's custody log.`,
    );
  return lines;
}

interface VerifyOptions {
  tsaCa?: string;
  json?: boolean;
}

async function verifyCommand(packagePath: string, opts: VerifyOptions): Promise<number> {
  await loadSodium();
  let trustedCaPem: string[] | undefined;
  if (opts.tsaCa) {
    const pem = await readInput(opts.tsaCa, 'TSA CA file');
    if (pemCertificatesDer(pem).length === 0)
      throw new InputError(`${opts.tsaCa} holds no PEM certificate`);
    trustedCaPem = [pem];
  }
  let source;
  try {
    source = await openFileSource(packagePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT'
        ? `no such package: ${packagePath}`
        : `cannot read ${packagePath} (${code})`,
    );
  }
  try {
    const result = await verifyEvidencePackage(source, trustedCaPem ? { trustedCaPem } : {});
    if (opts.json) console.log(JSON.stringify(result, null, 2));
    else console.log(formatReport(result, packagePath, source.size, opts.tsaCa).join('\n'));
    return result.ok ? 0 : EXIT_FAILED;
  } catch (error) {
    if (error instanceof UnreadablePackageError)
      throw new InputError(`${packagePath} is not an evidence package: ${error.message}`);
    throw error;
  } finally {
    await source.close();
  }
}

export function registerEvidenceCommands(program: Command): void {
  const evidence = program.command('evidence').description('Evidence packages.');
  evidence
    .command('verify')
    .description(
      'Check an evidence package offline: every file hash, hash manifest and timestamp token; PASS or FAIL per item. Exit 1 on any failure, 2 when the file cannot be read.',
    )
    .argument('<package>', 'the evidence package (.zip)')
    .option(
      '--tsa-ca <file>',
      "the timestamp authority's CA certificate(s), PEM (default: the ones inside the package, which prove consistency only)",
    )
    .option('--json', 'print the full result as JSON')
    .action(async (packagePath: string, opts: VerifyOptions) => {
      try {
        process.exitCode = await verifyCommand(packagePath, opts);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        console.error(`qorgan: ${error.message}`);
        process.exitCode = EXIT_UNREADABLE;
      }
    });
}
