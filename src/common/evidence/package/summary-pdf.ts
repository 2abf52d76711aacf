// summary.pdf of an evidence package: the case, and for each item its files with their
// SHA-256, what a web capture recorded, the trusted timestamps and the chain of custody,
// then how to verify — in ru, kk or en, on the case-file PDF's layout (src/common/pdf/).
// It is drawn from the package manifest itself, so the summary cannot say anything the
// manifest does not. No fs, no DOM: the fonts come in as bytes.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import type { Locale } from '../../api/accounts.ts';
import { intlTag } from '../../i18n/index.ts';
import {
  A4,
  CONTENT_WIDTH,
  INDENT,
  labelledParagraph,
  MARGIN,
  MUTED,
  PageFlow,
  RULE,
  sectionHeading,
  TYPE_SIZE,
  type Span,
} from '../../pdf/layout.ts';
import type { PackageItem, PackageManifest } from './manifest.ts';
import { custodyActionLabel, packageMessage, type PackageMessageKey } from './messages.ts';

export interface RenderSummaryOptions {
  /** The manifest as it will be written, without its list of package files (it names this PDF). */
  manifest: Omit<PackageManifest, 'files'>;
  /** DejaVu Sans regular and bold (TTF bytes): they cover Kazakh and Russian letters. */
  fonts: { regular: Uint8Array; bold: Uint8Array };
  /** The zone times are printed in; UTC unless said otherwise. */
  timeZone?: string;
}

const SIZE = TYPE_SIZE;

interface Render {
  flow: PageFlow;
  locale: Locale;
  timeZone: string;
  t: (key: PackageMessageKey, params?: Record<string, string | number>) => string;
}

/** Renders the summary; resolves to the bytes of the PDF. */
export async function renderPackageSummaryPdf(options: RenderSummaryOptions): Promise<Uint8Array> {
  const { manifest } = options;
  const locale = manifest.language;
  const t = (key: PackageMessageKey, params?: Record<string, string | number>) =>
    packageMessage(locale, key, params);

  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const fonts = {
    regular: await doc.embedFont(options.fonts.regular, { subset: true }),
    bold: await doc.embedFont(options.fonts.bold, { subset: true }),
  };
  // The reference only: the metadata is shown by tools to people who never open the file.
  const createdAt = new Date(manifest.createdAt);
  doc.setTitle(`${t('packageTitle')} ${manifest.case.reference}`, { showInWindowTitleBar: true });
  doc.setProducer('Qorgan');
  doc.setCreator('Qorgan');
  doc.setLanguage(locale);
  doc.setCreationDate(createdAt);
  doc.setModificationDate(createdAt);

  const flow = new PageFlow(doc, fonts);
  const r: Render = { flow, locale, timeZone: options.timeZone ?? 'UTC', t };
  titleBlock(r, manifest);
  sectionHeading(r.flow, t('items'));
  for (const item of manifest.items) itemBlock(r, item, manifest.items.length);
  howToVerify(r);
  footers(r, manifest.case.reference);
  return doc.save();
}

function dateTime(r: Render, iso: string): string {
  return new Intl.DateTimeFormat(intlTag(r.locale), {
    dateStyle: 'long',
    timeStyle: 'long',
    timeZone: r.timeZone,
  }).format(new Date(iso));
}

function bytes(r: Render, n: number): string {
  return r.t('bytes', { n: new Intl.NumberFormat(intlTag(r.locale)).format(n) });
}

function field(
  r: Render,
  key: PackageMessageKey,
  value: string | null | undefined,
  indent = INDENT,
): void {
  labelledParagraph(r.flow, r.t(key), value, indent);
}

function subHeading(r: Render, text: string): void {
  r.flow.gap(4);
  r.flow.ensure(3 * SIZE.body * 1.38);
  r.flow.paragraph([{ text, bold: true, color: MUTED }], SIZE.body, { indent: INDENT });
}

function titleBlock(r: Render, manifest: Omit<PackageManifest, 'files'>): void {
  const { flow, t } = r;
  flow.paragraph([{ text: t('packageTitle'), bold: true, color: MUTED }], SIZE.body, { after: 2 });
  flow.paragraph([{ text: manifest.case.reference, bold: true }], SIZE.title, { after: 4 });
  if (manifest.case.title.trim() !== '')
    flow.paragraph([{ text: manifest.case.title, bold: true }], SIZE.subtitle, { after: 8 });
  field(r, 'organisation', manifest.organisation.name, 0);
  field(r, 'createdAt', dateTime(r, manifest.createdAt), 0);
  field(r, 'createdBy', manifest.createdBy, 0);
  field(r, 'itemCount', String(manifest.items.length), 0);
  flow.gap(8);
  flow.rule();
  flow.gap(6);
  flow.paragraph([{ text: t('intro'), color: MUTED }], SIZE.small);
}

function itemBlock(r: Render, item: PackageItem, count: number): void {
  const { flow, t } = r;
  const number = String(item.number).padStart(Math.max(2, String(count).length), '0');
  flow.gap(8);
  flow.ensure(4 * SIZE.body * 1.38);
  // The first item sits right under the section's own rule.
  if (item.number > 1) flow.rule(RULE);
  flow.gap(5);
  flow.paragraph(
    [{ text: `${number}. ${item.title.trim() === '' ? t('untitled') : item.title}`, bold: true }],
    SIZE.subtitle - 1,
    { after: 2 },
  );
  field(r, 'itemId', item.id);
  field(r, 'folder', item.directory);
  field(r, 'kind', t(`kind.${item.kind}`));
  field(r, 'originalName', item.originalName);
  const main = item.files.find((f) => f.role === 'original') ?? item.files[0];
  if (main) {
    field(r, 'mediaType', main.mediaType);
    field(r, 'size', bytes(r, main.size));
  }
  if (item.typeMismatch)
    flow.paragraph(
      [{ text: t('typeMismatch', { declared: item.declaredType }), bold: true }],
      SIZE.body,
      {
        indent: INDENT,
      },
    );
  const collected = [
    item.collectedAt ? dateTime(r, item.collectedAt) : '',
    item.collectedBy ?? '',
  ].filter(Boolean);
  field(r, 'collected', collected.join(' — '));
  field(r, 'obtainedAt', item.obtainedAt);
  field(r, 'description', item.description);

  subHeading(r, t('files'));
  for (const file of item.files) {
    flow.ensure(3 * SIZE.small * 1.38);
    flow.paragraph(
      [{ text: `${t(`role.${file.role}`)} — `, bold: true }, { text: file.path }],
      SIZE.small,
      { indent: 2 * INDENT },
    );
    flow.paragraph(
      [{ text: `${file.mediaType}, ${bytes(r, file.size)}`, color: MUTED }],
      SIZE.small,
      { indent: 3 * INDENT },
    );
    flow.paragraph([{ text: `${t('sha256')}: ${file.sha256}` }], SIZE.small, {
      indent: 3 * INDENT,
      after: 2,
    });
  }
  flow.paragraph(
    [{ text: 'hash-manifest.json — ', bold: true }, { text: item.hashManifest.path }],
    SIZE.small,
    { indent: 2 * INDENT },
  );
  flow.paragraph([{ text: `${t('sha256')}: ${item.hashManifest.sha256}` }], SIZE.small, {
    indent: 3 * INDENT,
  });

  if (item.capture) {
    const c = item.capture;
    subHeading(r, t('capture'));
    const indent = 2 * INDENT;
    field(r, 'requestedUrl', c.requestedUrl, indent);
    field(r, 'finalUrl', c.finalUrl, indent);
    field(r, 'httpStatus', String(c.status), indent);
    field(r, 'capturedAt', dateTime(r, c.capturedAt), indent);
    field(r, 'pageTitle', c.title, indent);
    const tls = c.tlsValid === null ? 'tlsNone' : c.tlsValid ? 'tlsValid' : 'tlsInvalid';
    field(r, 'tlsAccepted', t(tls), indent);
  }

  subHeading(r, t('timestamps'));
  if (item.timestamps.length === 0)
    flow.paragraph([{ text: t('noTimestamp'), color: MUTED }], SIZE.body, { indent: 2 * INDENT });
  for (const stamp of item.timestamps) {
    flow.paragraph(
      [
        {
          text: t('timestampLine', {
            time: dateTime(r, stamp.genTime),
            tsa: stamp.tsaUrl,
            serial: stamp.serialNumber ?? '—',
          }),
        },
      ],
      SIZE.body,
      { indent: 2 * INDENT },
    );
    flow.paragraph([{ text: stamp.path, color: MUTED }], SIZE.small, { indent: 3 * INDENT });
  }

  custodyTable(r, item);
}

const CUSTODY_COLUMNS = [112, 106, 118];

/** One row of a table: each cell wrapped to its column, drawn line by line in step. */
function tableRow(r: Render, cells: Span[][], size: number): void {
  const { flow } = r;
  const left = MARGIN.left + 2 * INDENT;
  const widths = [...CUSTODY_COLUMNS];
  widths.push(CONTENT_WIDTH - 2 * INDENT - widths.reduce((a, b) => a + b, 0));
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const wrapped = cells.map((spans, i) => flow.wrap(spans, size, (widths[i] ?? 0) - 6));
  const rows = Math.max(...wrapped.map((lines) => lines.length));
  const height = size * 1.38;
  flow.ensure(Math.min(rows, 2) * height);
  for (let line = 0; line < rows; line++) {
    flow.ensure(height);
    wrapped.forEach((lines, i) => {
      const sized = lines[line];
      if (sized) flow.drawLine(sized, xs[i] ?? left);
    });
    flow.y -= height;
  }
}

function custodyTable(r: Render, item: PackageItem): void {
  const { flow, t } = r;
  subHeading(r, t('custody'));
  if (item.custody.length === 0) {
    flow.paragraph([{ text: t('custodyNone'), color: MUTED }], SIZE.body, { indent: 2 * INDENT });
    return;
  }
  const header = () =>
    tableRow(
      r,
      [t('custodyTime'), t('custodyAction'), t('custodyBy'), t('custodyFile')].map((text) => [
        { text, bold: true, color: MUTED },
      ]),
      SIZE.small,
    );
  header();
  flow.onNewPage = () => {
    flow.paragraph(
      [{ text: `${t('custody')} — ${item.id}`, bold: true, color: MUTED }],
      SIZE.small,
    );
    header();
  };
  for (const entry of item.custody) {
    const at = entry.at.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
    const file = entry.role
      ? `${t(`role.${entry.role}`)}${entry.ciphertextSha256 ? ` (${entry.ciphertextSha256.slice(0, 16)}…)` : ''}`
      : '—';
    tableRow(
      r,
      [
        [{ text: at }],
        [{ text: custodyActionLabel(r.locale, entry.action) }],
        [{ text: entry.actorName ?? t('system') }],
        [{ text: file }],
      ],
      SIZE.small,
    );
  }
  flow.onNewPage = undefined;
  flow.gap(2);
  flow.paragraph([{ text: t('custodyNote'), color: MUTED }], SIZE.small, { indent: 2 * INDENT });
}

function howToVerify(r: Render): void {
  const { flow, t } = r;
  sectionHeading(r.flow, t('howToVerify'));
  for (const key of ['verifyQorgan', 'verifyTools', 'verifyTrust', 'htmlWarning'] as const)
    flow.paragraph([{ text: t(key) }], SIZE.body, { after: 5 });
  flow.paragraph([{ text: t('proves'), bold: true }], SIZE.body, { after: 5 });
  flow.paragraph([{ text: t('doesNotProve'), bold: true }], SIZE.body);
}

/** "<reference> — Evidence package" and "Page N of M" at the foot of every page. */
function footers(r: Render, reference: string): void {
  const { flow, t } = r;
  const { regular } = flow.fonts;
  const total = flow.pages.length;
  const y = MARGIN.bottom / 2;
  flow.pages.forEach((page, index) => {
    const left = `${reference} — ${t('confidentialShort')}`;
    const right = t('page', { n: index + 1, m: total });
    page.drawText(left, { x: MARGIN.left, y, size: SIZE.small, font: regular, color: MUTED });
    const width = flow.measure.width(right, regular, SIZE.small);
    page.drawText(right, {
      x: A4[0] - MARGIN.right - width,
      y,
      size: SIZE.small,
      font: regular,
      color: MUTED,
    });
  });
}
