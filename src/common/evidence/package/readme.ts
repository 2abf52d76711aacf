// README.txt of an evidence package: what is in it and how to check it with or without
// Qorgan, in the package's language and, below it, in English (the language an expert
// abroad is most likely to read).
import type { Locale } from '../../api/accounts.ts';
import type { EvidenceFileRole } from '../vocabulary.ts';
import type { PackageManifest } from './manifest.ts';
import { packageMessage, type PackageMessageKey } from './messages.ts';

const WIDTH = 78;

/** Word-wraps `text` to WIDTH columns, every line starting with `indent`. */
function wrapText(text: string, indent = '', firstIndent = indent): string {
  const lines: string[] = [];
  let line = firstIndent;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = indent + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

const ROLES: EvidenceFileRole[] = [
  'original',
  'working',
  'thumbnail',
  'screenshot',
  'html',
  'mhtml',
  'capture_metadata',
];

function section(locale: Locale, manifest: Omit<PackageManifest, 'files'>): string {
  const t = (key: PackageMessageKey, params?: Record<string, string | number>) =>
    packageMessage(locale, key, params);
  const entry = (name: string, key: PackageMessageKey, indent = '  ') =>
    wrapText(`${name} — ${t(key)}`, `${indent}    `, indent);
  const rule = '='.repeat(WIDTH);
  return [
    rule,
    `${t('packageTitle')} — ${manifest.case.reference}`,
    rule,
    wrapText(`${t('caseTitle')}: ${manifest.case.title}`),
    wrapText(`${t('organisation')}: ${manifest.organisation.name}`),
    `${t('createdAt')}: ${manifest.createdAt}`,
    wrapText(`${t('createdBy')}: ${manifest.createdBy}`),
    `${t('itemCount')}: ${manifest.items.length}`,
    '',
    t('contents'),
    '-'.repeat(t('contents').length),
    entry('manifest.json', 'contentsManifest'),
    entry('summary.pdf', 'contentsSummary'),
    entry('SHA256SUMS', 'contentsChecksums'),
    entry('items/NN-ID/', 'contentsItems'),
    ...ROLES.map((role) => wrapText(`${role}.* — ${t(`role.${role}`)}`, '          ', '      ')),
    entry('hash-manifest.json', 'contentsHashManifest', '      '),
    entry('timestamp-K.tsr', 'contentsTimestamp', '      '),
    entry('tsa/ca-K.pem', 'contentsTsa'),
    '',
    wrapText(t('contentsManifestSha')),
    '',
    t('howToVerify'),
    '-'.repeat(t('howToVerify').length),
    wrapText(t('verifyQorgan')),
    '',
    wrapText(t('verifyTools')),
    '',
    wrapText(t('verifyTrust')),
    '',
    wrapText(t('htmlWarning')),
    '',
    wrapText(t('proves')),
    '',
    wrapText(t('doesNotProve')),
    '',
  ].join('\n');
}

/** The README text: the package language first, then English (once, when that is English). */
export function renderReadme(manifest: Omit<PackageManifest, 'files'>): string {
  const locales: Locale[] = manifest.language === 'en' ? ['en'] : [manifest.language, 'en'];
  return locales.map((locale) => section(locale, manifest)).join('\n');
}
