// The case file a lawyer takes to a court or a ministry: an A4 PDF with the case, its
// timeline in date order, and its people, incidents, interventions, tasks and contacts,
// in ru, kk or en. It is rendered from data the member already decrypted, in their browser
// (or by the CLI), and never on the server, which must not see the plaintext. This file
// runs unchanged in both: no fs, no DOM; the fonts are passed in as bytes.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import type { Locale } from '../api/accounts.ts';
import {
  caseFileModelSchema,
  type CaseFileIncident,
  type CaseFileIntervention,
  type CaseFileModel,
  type CaseFileModelInput,
  type CaseFilePerson,
  type CodedLabel,
} from './case-file-model.ts';
import { compareByDate, formatGeneratedAt, formatPartialDate } from './dates.ts';
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
} from './layout.ts';
import { pdfMessage, type PdfMessageKey } from './messages.ts';

export {
  caseFileModelSchema,
  TIMELINE_KINDS,
  DATE_PRECISIONS,
  type CaseFileModel,
  type CaseFileModelInput,
  type TimelineKind,
  type DatePrecision,
} from './case-file-model.ts';

export interface RenderCaseFileOptions {
  /** The decrypted case; validated against `caseFileModelSchema` before anything is drawn. */
  model: CaseFileModelInput;
  /** The language of the PDF's own words and of its dates. */
  locale: Locale;
  /** DejaVu Sans regular and bold (TTF bytes): they cover Kazakh and Russian letters. */
  fonts: { regular: Uint8Array; bold: Uint8Array };
  /** When the file is produced; printed on the first page and set as the PDF's dates. */
  generatedAt: Date;
  /** The time zone the generation time is printed in; the device's when left out. */
  timeZone?: string;
}

const SIZE = { ...TYPE_SIZE, kind: 8 };
const DATE_COLUMN = 112;

/** Renders the case file; resolves to the bytes of the PDF. */
export async function renderCaseFilePdf(options: RenderCaseFileOptions): Promise<Uint8Array> {
  const model = caseFileModelSchema.parse(options.model);
  const { locale } = options;
  const t = (key: PdfMessageKey, params?: Record<string, string | number>) =>
    pdfMessage(locale, key, params);

  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const fonts = {
    regular: await doc.embedFont(options.fonts.regular, { subset: true }),
    bold: await doc.embedFont(options.fonts.bold, { subset: true }),
  };
  // The reference only: file managers, mail clients and indexers show metadata to people
  // who never open the file, so no name or title goes there.
  doc.setTitle(model.case.reference, { showInWindowTitleBar: true });
  doc.setProducer('Qorgan');
  doc.setCreator('Qorgan');
  doc.setLanguage(locale);
  doc.setCreationDate(options.generatedAt);
  doc.setModificationDate(options.generatedAt);

  const flow = new PageFlow(doc, fonts);
  const render = { flow, model, locale, t };
  titleBlock(render, formatGeneratedAt(locale, options.generatedAt, options.timeZone));
  timeline(render);
  people(render);
  incidents(render);
  interventions(render);
  tasks(render);
  contacts(render);
  footers(render);
  return doc.save();
}

interface Render {
  flow: PageFlow;
  model: CaseFileModel;
  locale: Locale;
  t: (key: PdfMessageKey, params?: Record<string, string | number>) => string;
}

const labels = (values: CodedLabel[]) => values.map((v) => v.label).join(', ');

/** "Label: value", wrapped, indented; nothing when the value is empty. */
function field(r: Render, key: PdfMessageKey, value: string | undefined, indent = INDENT): void {
  labelledParagraph(r.flow, r.t(key), value, indent);
}

/** The bold first line of an entry, kept on the page with the line after it. */
function entryHeading(r: Render, spans: Span[]): void {
  r.flow.gap(5);
  r.flow.ensure(2 * SIZE.body * 1.38);
  r.flow.paragraph(
    spans.map((s) => ({ bold: true, ...s })),
    SIZE.body,
  );
}

function none(r: Render): void {
  r.flow.paragraph([{ text: r.t('none'), color: MUTED }], SIZE.body);
}

function titleBlock(r: Render, generatedOn: string): void {
  const { flow, model, t } = r;
  flow.paragraph([{ text: t('caseFile'), bold: true, color: MUTED }], SIZE.body, { after: 2 });
  flow.paragraph([{ text: model.case.reference, bold: true }], SIZE.title, { after: 4 });
  flow.paragraph([{ text: model.case.title, bold: true }], SIZE.subtitle, { after: 8 });
  field(r, 'status', model.case.status.label, 0);
  field(r, 'outcome', model.case.outcome?.label, 0);
  field(r, 'goal', model.case.goal, 0);
  if (model.case.restricted) flow.paragraph([{ text: t('restricted') }], SIZE.body);
  field(r, 'generatedOn', generatedOn, 0);
  flow.gap(10);
  flow.rule();
  flow.gap(6);
  flow.paragraph(
    [{ text: t('confidential', { member: model.decryptedBy }), bold: true }],
    SIZE.body,
  );
  flow.paragraph([{ text: t('handling'), color: MUTED }], SIZE.small, { after: 2 });
  flow.paragraph(
    [{ text: t(model.namesIncluded ? 'namesIncluded' : 'namesExcluded'), color: MUTED }],
    SIZE.small,
  );
}

function timeline(r: Render): void {
  const { flow, model, t, locale } = r;
  const rightX = MARGIN.left + DATE_COLUMN;
  const rightWidth = CONTENT_WIDTH - DATE_COLUMN;
  const columnHeader = () => {
    flow.columns(
      flow.wrap([{ text: t('date'), bold: true, color: MUTED }], SIZE.small, DATE_COLUMN - 8),
      flow.wrap([{ text: t('event'), bold: true, color: MUTED }], SIZE.small, rightWidth),
      rightX,
    );
    flow.gap(2);
  };
  sectionHeading(r.flow, t('timeline'));
  if (model.timeline.length === 0) return none(r);
  columnHeader();
  flow.onNewPage = () => {
    flow.paragraph([{ text: `${t('timeline')} ${t('continued')}`, bold: true }], SIZE.body);
    flow.gap(4);
    columnHeader();
  };
  // Array.prototype.sort is stable: entries of one day keep the caller's order.
  const items = [...model.timeline].sort(compareByDate);
  for (const item of items) {
    flow.ensure(4 + 3 * SIZE.body * 1.38);
    flow.rule(RULE);
    flow.gap(4);
    const left = flow.wrap(
      [{ text: formatPartialDate(locale, item.date, item.precision), bold: true }],
      SIZE.body,
      DATE_COLUMN - 8,
    );
    const right = [
      ...flow.wrap(
        [{ text: t(`kind.${item.kind}`), bold: true, color: MUTED }],
        SIZE.kind,
        rightWidth,
      ),
      ...flow.wrap([{ text: item.title, bold: true }], SIZE.body, rightWidth),
      ...(item.detail.trim() === ''
        ? []
        : flow.wrap([{ text: item.detail }], SIZE.body, rightWidth)),
    ];
    flow.columns(left, right, rightX);
    flow.gap(3);
  }
  flow.onNewPage = undefined;
}

function personHeading(r: Render, person: CaseFilePerson): Span[] {
  // A real name is printed only when the member chose to include names.
  const name = r.model.namesIncluded && person.realName ? person.realName.trim() : '';
  return name ? [{ text: `${person.codeName} — ${name}` }] : [{ text: person.codeName }];
}

function people(r: Render): void {
  sectionHeading(r.flow, r.t('people'));
  if (r.model.people.length === 0) return none(r);
  for (const person of r.model.people) {
    entryHeading(r, personHeading(r, person));
    field(r, 'roles', labels(person.roles));
    field(r, 'perpetratorType', person.perpetratorType?.label);
    field(
      r,
      'relations',
      person.relations.map((rel) => `${rel.relation.label} ${rel.otherCodeName}`).join('; '),
    );
  }
}

function incidentHeading(r: Render, incident: CaseFileIncident): Span[] {
  const date = formatPartialDate(r.locale, incident.date.date, incident.date.precision);
  const title = incident.title.trim();
  return [{ text: [incident.reference, date, title].filter(Boolean).join(' — ') }];
}

function incidents(r: Render): void {
  sectionHeading(r.flow, r.t('incidents'));
  if (r.model.incidents.length === 0) return none(r);
  const sorted = [...r.model.incidents].sort((a, b) => compareByDate(a.date, b.date));
  for (const incident of sorted) {
    entryHeading(r, incidentHeading(r, incident));
    field(r, 'place', labels(incident.places));
    field(r, 'incidentTypes', labels(incident.types));
    field(r, 'odihrCategory', incident.odihrCategory?.label);
    field(r, 'violationStatus', incident.violationStatus.label);
    field(r, 'description', incident.description);
    if (incident.acts.length > 0) {
      r.flow.paragraph([{ text: `${r.t('acts')}:`, bold: true, color: MUTED }], SIZE.body, {
        indent: INDENT,
      });
      for (const act of incident.acts)
        r.flow.paragraph([{ text: `• ${act}` }], SIZE.body, { indent: 2 * INDENT });
    }
  }
}

function interventionHeading(r: Render, intervention: CaseFileIntervention): Span[] {
  const title = intervention.title.trim();
  return [{ text: title ? `${intervention.type.label} — ${title}` : intervention.type.label }];
}

function interventions(r: Render): void {
  const { locale } = r;
  sectionHeading(r.flow, r.t('interventions'));
  if (r.model.interventions.length === 0) return none(r);
  const sorted = [...r.model.interventions].sort((a, b) =>
    compareByDate(
      { date: a.submittedOn, precision: 'day' },
      { date: b.submittedOn, precision: 'day' },
    ),
  );
  for (const item of sorted) {
    entryHeading(r, interventionHeading(r, item));
    field(r, 'intervener', item.intervener.label);
    if (item.submittedOn) field(r, 'submittedOn', formatPartialDate(locale, item.submittedOn));
    if (item.responseOn) field(r, 'responseOn', formatPartialDate(locale, item.responseOn));
    field(r, 'authorityResponse', item.authorityResponse.label);
    field(r, 'status', item.status.label);
    field(r, 'priority', item.priority?.label);
    field(r, 'notes', item.notes);
  }
}

function tasks(r: Render): void {
  const { locale, t } = r;
  sectionHeading(r.flow, t('tasks'));
  if (r.model.tasks.length === 0) return none(r);
  for (const task of r.model.tasks) {
    const due = task.due ? formatPartialDate(locale, task.due) : t('noDueDate');
    r.flow.paragraph(
      [
        { text: `${task.title} `, bold: true },
        { text: `— ${t('due')}: ${due}; ${t('status')}: ${task.status.label}` },
      ],
      SIZE.body,
      { after: 3 },
    );
  }
}

function contacts(r: Render): void {
  const { locale, t } = r;
  sectionHeading(r.flow, t('contacts'));
  if (r.model.contacts.length === 0) return none(r);
  const sorted = [...r.model.contacts].sort((a, b) =>
    compareByDate({ date: a.date, precision: 'day' }, { date: b.date, precision: 'day' }),
  );
  for (const contact of sorted) {
    const note = contact.note.trim();
    r.flow.paragraph(
      [
        {
          text: `${formatPartialDate(locale, contact.date)} — ${contact.channel.label}`,
          bold: true,
        },
        ...(note ? [{ text: `: ${note}` }] : []),
      ],
      SIZE.body,
      { after: 3 },
    );
  }
}

/** "C-9XK2 — Confidential" and "Page N of M" at the foot of every page. */
function footers(r: Render): void {
  const { flow, model, t } = r;
  const { regular } = flow.fonts;
  const total = flow.pages.length;
  const y = MARGIN.bottom / 2;
  flow.pages.forEach((page, index) => {
    const left = `${model.case.reference} — ${t('confidentialShort')}`;
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
