// What a case-file PDF is made from: the case as the member's browser (or the CLI) holds
// it after decryption. Every coded field travels with its label already translated into
// the PDF's language by the caller (from the records and cases vocabularies), so the
// renderer depends on no vocabulary and can print exactly what the member saw on screen.
// The model is plain JSON, which is also the CLI's input format.
import { z } from 'zod';

/** A calendar date, 'YYYY-MM-DD', as DATE columns come back from both engines. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((value) => {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'is not a real calendar date');

export const DATE_PRECISIONS = ['day', 'month', 'year', 'unknown'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

/** An uncertain date: with month precision only the year and month of `date` count. */
const partialDate = z.strictObject({
  /** Null when nothing is known of the date. */
  date: isoDate.nullable(),
  precision: z.enum(DATE_PRECISIONS).default('day'),
});

/** A vocabulary code with its label in the PDF's language. */
const coded = z.strictObject({
  code: z.string().min(1).max(100),
  label: z.string().min(1).max(500),
});

/** Sealed free text the member decrypted; long narratives are expected. */
const text = (max: number) => z.string().max(max);
const shortText = text(1_000);
const longText = text(200_000);

/** The kinds of timeline entries; their labels are the PDF's own (messages.ts). */
export const TIMELINE_KINDS = [
  'case',
  'incident',
  'act',
  'intervention',
  'authority_response',
  'task',
  'contact',
  'message',
  'evidence',
  'referral',
  'note',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

const person = z.strictObject({
  /** The pseudonym, e.g. "P-7KQ3". */
  codeName: z.string().min(1).max(40),
  /** Printed only when the model's `namesIncluded` is true. */
  realName: shortText.optional(),
  roles: z.array(coded).max(20).default([]),
  perpetratorType: coded.optional(),
  /** "father of P-7KQ3": the relation's label read from this person's side. */
  relations: z
    .array(z.strictObject({ relation: coded, otherCodeName: z.string().min(1).max(40) }))
    .max(200)
    .default([]),
});

const incident = z.strictObject({
  /** e.g. "I-4F7Q". */
  reference: z.string().min(1).max(40),
  date: partialDate,
  /** Oblast, city, type of place, online platform: whichever are known. */
  places: z.array(coded).max(20).default([]),
  types: z.array(coded).max(50).default([]),
  odihrCategory: coded.optional(),
  violationStatus: coded,
  title: shortText.default(''),
  description: longText.default(''),
  /** One line per act, already written in the PDF's language by the caller. */
  acts: z.array(longText).max(500).default([]),
});

const intervention = z.strictObject({
  type: coded,
  intervener: coded,
  submittedOn: isoDate.nullable().default(null),
  responseOn: isoDate.nullable().default(null),
  authorityResponse: coded,
  status: coded,
  priority: coded.optional(),
  title: shortText.default(''),
  notes: longText.default(''),
});

const task = z.strictObject({
  title: shortText,
  due: isoDate.nullable().default(null),
  status: coded,
});

const contact = z.strictObject({
  date: isoDate,
  channel: coded,
  note: longText.default(''),
});

const timelineItem = z.strictObject({
  date: isoDate.nullable(),
  precision: z.enum(DATE_PRECISIONS).default('day'),
  kind: z.enum(TIMELINE_KINDS),
  title: shortText,
  detail: longText.default(''),
});

export const caseFileModelSchema = z.strictObject({
  case: z.strictObject({
    /** e.g. "C-9XK2"; the only thing written into the PDF's metadata. */
    reference: z.string().min(1).max(40),
    title: shortText,
    goal: longText.default(''),
    status: coded,
    /** Present when the case is closed. */
    outcome: coded.optional(),
    restricted: z.boolean().default(false),
  }),
  /** The display name of the member who decrypted the data, for the confidentiality line. */
  decryptedBy: z.string().min(1).max(200),
  /** The member chose to include real names; without it, `realName` is never printed. */
  namesIncluded: z.boolean().default(false),
  people: z.array(person).max(1_000).default([]),
  incidents: z.array(incident).max(1_000).default([]),
  interventions: z.array(intervention).max(1_000).default([]),
  tasks: z.array(task).max(2_000).default([]),
  contacts: z.array(contact).max(5_000).default([]),
  timeline: z.array(timelineItem).max(10_000).default([]),
});

/** The case file as the caller builds it (defaults may be left out). */
export type CaseFileModelInput = z.input<typeof caseFileModelSchema>;
/** The case file with every default filled in. */
export type CaseFileModel = z.output<typeof caseFileModelSchema>;
export type CaseFilePerson = CaseFileModel['people'][number];
export type CaseFileIncident = CaseFileModel['incidents'][number];
export type CaseFileIntervention = CaseFileModel['interventions'][number];
export type CaseFileTimelineItem = CaseFileModel['timeline'][number];
export type CodedLabel = z.infer<typeof coded>;
export type PartialDate = z.infer<typeof partialDate>;
