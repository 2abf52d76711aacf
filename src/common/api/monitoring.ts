// Request and response schemas of the monitoring API: campaigns, monitored items, comment
// imports, comments with their machine and confirmed labels, the review queue, the
// organisation's own model, counts and CSV exports. docs/monitoring.md tells the workflow.
//
// Routes:
//   POST   /api/monitoring/campaigns                 create              → 201 campaign
//   GET    /api/monitoring/campaigns                 list                → campaignList
//   GET    /api/monitoring/campaigns/:id             get                 → campaign
//   PATCH  /api/monitoring/campaigns/:id             update              → campaign
//   DELETE /api/monitoring/campaigns/:id             delete (no items)   → 204, or 409 campaign_not_empty
//   POST   /api/monitoring/items                     create              → 201 monitoredItem
//   GET    /api/monitoring/items?campaignId=         list                → monitoredItemList
//   GET    /api/monitoring/items/:id                 get                 → monitoredItem
//   PATCH  /api/monitoring/items/:id                 update              → monitoredItem
//   DELETE /api/monitoring/items/:id                 delete, with its comments → 204
//   POST   /api/monitoring/items/:id/imports?format=…  import a file     → 201 importResult
//          Body: the file's bytes, Content-Type application/octet-stream, at most
//          IMPORT_MAX_BYTES (larger files: `qorgan monitor import`). CSV columns in the query.
//   GET    /api/monitoring/items/:id/imports         the item's imports  → importList
//   POST   /api/monitoring/csv-preview               first rows of a CSV → csvPreview
//          Body: the first bytes of the file (application/octet-stream, ≤ PREVIEW_MAX_BYTES).
//   GET    /api/monitoring/comments?itemId=|campaignId=&filters   page  → commentList
//   GET    /api/monitoring/comments/:id              verbatim record, sha256, reviews → commentDetail
//   POST   /api/monitoring/comments/:id/reviews      confirm or correct  → 201 comment
//   GET    /api/monitoring/review-queue?itemId=|campaignId=      most uncertain first → reviewQueue
//   GET    /api/monitoring/counts?itemId=|campaignId=            → counts
//   GET    /api/monitoring/exports/counts.csv?itemId=|campaignId=       text/csv
//   GET    /api/monitoring/exports/comments.csv?itemId=|campaignId=&filters  text/csv
//   GET    /api/monitoring/model                     the model in use    → modelStatus
//   POST   /api/monitoring/model/retrain             train from reviews  → 201 modelStatus
//
// Machine-flagged and human-confirmed figures are always separate: a machine label is a
// suggestion; only a member's review confirms it.
import { z } from 'zod';
import { uuid } from './accounts.ts';
import {
  COMMENT_LANGUAGES,
  HATE_CATEGORIES,
  IMPORT_FORMATS,
  MONITORED_PLATFORMS,
} from '../monitoring/vocabulary.ts';

/** The largest file the web import accepts; larger ones go through the CLI. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** The most of a CSV file's beginning the preview reads. */
export const PREVIEW_MAX_BYTES = 256 * 1024;
/** The most problems an import keeps to show (the count is always exact). */
export const IMPORT_PROBLEMS_KEPT = 500;
/** Reviewed labels needed of each kind (hateful, not hateful) before a retrain starts. */
export const MIN_LABELS_PER_CLASS = 20;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');
const platform = z.enum(MONITORED_PLATFORMS);
const category = z.enum(HATE_CATEGORIES);
const language = z.enum(COMMENT_LANGUAGES);
const format = z.enum(IMPORT_FORMATS);
const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((u) => /^https?:\/\/\S+$/i.test(u), { message: 'enter an http:// or https:// address' });

export const idParams = z.strictObject({ id: uuid });

// ---- campaigns ------------------------------------------------------------------------

const campaignName = z.string().trim().min(1, 'give the campaign a name').max(200);
const campaignDescription = z.string().trim().max(4000);

export const createCampaign = z.strictObject({
  name: campaignName,
  description: campaignDescription.default(''),
});
export const updateCampaign = z.strictObject({
  name: campaignName.optional(),
  description: campaignDescription.optional(),
});

export const campaign = z.strictObject({
  id: uuid,
  name: z.string(),
  description: z.string(),
  itemCount: z.number().int().nonnegative(),
  createdBy: uuid.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CampaignDto = z.infer<typeof campaign>;
export const campaignList = z.strictObject({ campaigns: z.array(campaign) });

// ---- monitored items ------------------------------------------------------------------

const itemFields = {
  campaignId: uuid.nullable(),
  platform,
  /** The post, video or article the comments are under. */
  url: httpUrl,
  /** Who published it (a handle or a name, as on the platform). */
  author: z.string().trim().max(300).nullable(),
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
  title: z.string().trim().max(500),
  notes: z.string().trim().max(4000),
};

export const createItem = z.strictObject({
  ...itemFields,
  campaignId: itemFields.campaignId.default(null),
  author: itemFields.author.default(null),
  publishedAt: itemFields.publishedAt.default(null),
  title: itemFields.title.default(''),
  notes: itemFields.notes.default(''),
});
export const updateItem = z.strictObject({
  campaignId: itemFields.campaignId.optional(),
  platform: platform.optional(),
  url: httpUrl.optional(),
  author: itemFields.author.optional(),
  publishedAt: itemFields.publishedAt.optional(),
  title: itemFields.title.optional(),
  notes: itemFields.notes.optional(),
});

/** How many comments, and of them: machine-flagged, reviewed, confirmed hateful. */
export const labelTally = z.strictObject({
  comments: z.number().int().nonnegative(),
  machineFlagged: z.number().int().nonnegative(),
  reviewed: z.number().int().nonnegative(),
  confirmedHateful: z.number().int().nonnegative(),
});
export type LabelTally = z.infer<typeof labelTally>;

export const monitoredItem = z.strictObject({
  id: uuid,
  campaignId: uuid.nullable(),
  platform,
  url: z.string(),
  author: z.string().nullable(),
  publishedAt: z.iso.datetime().nullable(),
  title: z.string(),
  notes: z.string(),
  tally: labelTally,
  createdBy: uuid.nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type MonitoredItemDto = z.infer<typeof monitoredItem>;

export const itemListQuery = z.strictObject({ campaignId: uuid.optional() });
export const monitoredItemList = z.strictObject({ items: z.array(monitoredItem) });

// ---- imports --------------------------------------------------------------------------

const column = z.string().trim().min(1).max(200);

/**
 * The query of an import: the format and, for CSV, which columns hold what (column names,
 * or 1-based numbers when the file has no header row).
 */
export const importQuery = z
  .strictObject({
    format,
    textColumn: column.optional(),
    authorColumn: column.optional(),
    postedAtColumn: column.optional(),
    urlColumn: column.optional(),
    sourceIdColumn: column.optional(),
    /** 'false' when the first row is already a comment. */
    header: z.enum(['true', 'false']).default('true'),
    /** One character; detected when absent. */
    delimiter: z.string().length(1).optional(),
  })
  .refine((q) => q.format !== 'csv' || q.textColumn !== undefined, {
    message: 'name the column that holds the comment text (textColumn)',
    path: ['textColumn'],
  });
export type ImportQuery = z.output<typeof importQuery>;

export const importProblem = z.strictObject({
  line: z.number().int(),
  code: z.string(),
  message: z.string(),
});

export const importResult = z.strictObject({
  id: uuid,
  itemId: uuid,
  format,
  via: z.enum(['web', 'cli', 'demo']),
  status: z.enum(['running', 'done', 'failed']),
  importedBy: uuid.nullable(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  /** New comments stored. */
  imported: z.number().int().nonnegative(),
  /** Comments already stored for this item (same verbatim record), not stored again. */
  duplicates: z.number().int().nonnegative(),
  /** Lines that could not be imported; `problems` lists the first IMPORT_PROBLEMS_KEPT. */
  problemCount: z.number().int().nonnegative(),
  problems: z.array(importProblem),
});
export type ImportResultDto = z.infer<typeof importResult>;
export const importList = z.strictObject({ imports: z.array(importResult) });

export const previewQuery = z.strictObject({
  /** 'true' when the bytes sent are the whole file (else a last unfinished row is left out). */
  wholeFile: z.enum(['true', 'false']).default('false'),
});

export const csvPreview = z.strictObject({
  encoding: z.string(),
  delimiter: z.string(),
  header: z.array(z.string()),
  rows: z.array(z.array(z.string())),
});

// ---- comments -------------------------------------------------------------------------

/** Exactly one of itemId and campaignId. */
const scopeFields = { itemId: uuid.optional(), campaignId: uuid.optional() };
const oneScope = (q: { itemId?: string | undefined; campaignId?: string | undefined }) =>
  (q.itemId === undefined) !== (q.campaignId === undefined);
const oneScopeMessage = { message: 'name exactly one of itemId and campaignId' };

export const scopeQuery = z.strictObject(scopeFields).refine(oneScope, oneScopeMessage);

const commentFilterFields = {
  ...scopeFields,
  /** The machine label. */
  machine: z.enum(['hateful', 'not_hateful']).optional(),
  /** The confirmed label, or whether there is one. */
  confirmed: z.enum(['hateful', 'not_hateful', 'reviewed', 'unreviewed']).optional(),
  /** A category of the machine label. */
  machineCategory: category.optional(),
  /** A category of the confirmed label. */
  confirmedCategory: category.optional(),
  language: language.optional(),
};

export const commentFilterQuery = z
  .strictObject(commentFilterFields)
  .refine(oneScope, oneScopeMessage);
export type CommentFilter = z.output<typeof commentFilterQuery>;

export const commentListQuery = z
  .strictObject({
    ...commentFilterFields,
    limit: z.coerce.number<number | string>().int().min(1).max(500).default(50),
    /** The `next` of the previous page. */
    cursor: z.string().max(200).optional(),
  })
  .refine(oneScope, oneScopeMessage);

export const ruleMatch = z.strictObject({
  rule: z.string(),
  signal: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});
export const featureContribution = z.strictObject({ feature: z.string(), weight: z.number() });

export const comment = z.strictObject({
  id: uuid,
  itemId: uuid,
  importId: uuid.nullable(),
  /** Line (row, message index) in the imported file. */
  line: z.number().int().nullable(),
  /** Verbatim, exactly as imported. */
  text: z.string(),
  author: z.string().nullable(),
  postedAt: z.iso.datetime().nullable(),
  url: z.string().nullable(),
  sourceId: z.string().nullable(),
  /** SHA-256 of the verbatim record, hex. */
  sha256: hex64,
  importedAt: z.iso.datetime(),
  language,
  machine: z.strictObject({
    hateful: z.boolean(),
    score: z.number().min(0).max(1),
    categories: z.array(category),
    evidence: z.strictObject({
      rules: z.array(ruleMatch),
      features: z.array(featureContribution),
    }),
    classifierVersion: z.string(),
    classifiedAt: z.iso.datetime(),
  }),
  /** The latest review; null until a member reviews the comment. */
  confirmed: z
    .strictObject({
      hateful: z.boolean(),
      categories: z.array(category),
      reviewedBy: uuid.nullable(),
      reviewedAt: z.iso.datetime(),
    })
    .nullable(),
});
export type CommentDto = z.infer<typeof comment>;

export const commentList = z.strictObject({
  comments: z.array(comment),
  /** Pass as `cursor` for the next page; null on the last page. */
  next: z.string().nullable(),
});

export const review = z.strictObject({
  id: uuid,
  reviewerId: uuid.nullable(),
  hateful: z.boolean(),
  categories: z.array(category),
  /** Whether the reviewer kept the machine label (confirm) or changed it (correct). */
  agreed: z.boolean(),
  reviewedAt: z.iso.datetime(),
});

export const commentDetail = z.strictObject({
  comment,
  /**
   * The verbatim record whose SHA-256 is `comment.sha256`: canonical JSON (keys sorted, no
   * spaces) of { author, postedAt, sourceId, text, url }. The browser seals this as
   * evidence; anyone can recompute the hash from it.
   */
  verbatimRecord: z.string(),
  /** Every review, oldest first. */
  reviews: z.array(review),
});
export type CommentDetailDto = z.infer<typeof commentDetail>;

export const submitReview = z
  .strictObject({
    hateful: z.boolean(),
    /** The categories of a hateful comment; none for one that is not. */
    categories: z.array(category).max(HATE_CATEGORIES.length).default([]),
  })
  .refine((r) => r.hateful || r.categories.length === 0, {
    message: 'a comment that is not hateful has no categories',
    path: ['categories'],
  })
  .refine((r) => new Set(r.categories).size === r.categories.length, {
    message: 'each category at most once',
    path: ['categories'],
  });

export const reviewQueueQuery = z
  .strictObject({
    ...scopeFields,
    limit: z.coerce.number<number | string>().int().min(1).max(200).default(20),
  })
  .refine(oneScope, oneScopeMessage);

export const reviewQueue = z.strictObject({
  /** Unreviewed comments, the most uncertain machine label (score nearest 0.5) first. */
  comments: z.array(comment),
  /** Unreviewed comments left in this scope, these included. */
  remaining: z.number().int().nonnegative(),
});

// ---- counts ---------------------------------------------------------------------------

export const counts = z.strictObject({
  itemId: uuid.nullable(),
  campaignId: uuid.nullable(),
  totals: labelTally,
  /** Every category, in HATE_CATEGORIES order: machine label and confirmed label apart. */
  byCategory: z.array(
    z.strictObject({
      category,
      machineFlagged: z.number().int().nonnegative(),
      confirmed: z.number().int().nonnegative(),
    }),
  ),
  byLanguage: z.array(labelTally.extend({ language })),
  /** By the day the comment was posted (UTC); `day` null for comments without a date. */
  byDay: z.array(labelTally.extend({ day: z.iso.date().nullable() })),
  /** For a campaign, per item; for an item, that item alone. */
  byItem: z.array(labelTally.extend({ itemId: uuid })),
});
export type CountsDto = z.infer<typeof counts>;

// ---- the organisation's model ---------------------------------------------------------

const quality = z.strictObject({
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
});

export const modelStatus = z.strictObject({
  /** The classifier version that labels new comments now. */
  activeVersion: z.string(),
  /** The shipped model's version. */
  shippedVersion: z.string(),
  /** Reviewed comments the organisation has (what a retrain learns from). */
  reviewedLabels: z.number().int().nonnegative(),
  /** Reviewed labels needed, of each kind (hateful and not), before a retrain can start. */
  minimumPerClass: z.number().int().positive(),
  organisationModel: z
    .strictObject({
      version: z.string(),
      trainedAt: z.iso.datetime(),
      trainedBy: uuid.nullable(),
      examples: z.number().int().nonnegative(),
      /** It labels new comments: it did at least as well as the shipped model on held-out labels. */
      inUse: z.boolean(),
      heldOut: z.number().int().nonnegative(),
      organisationQuality: quality,
      shippedQuality: quality,
      trainingSeconds: z.number(),
      /**
       * Unreviewed comments labelled again by the model in use after this retrain: a
       * background job does it, so 0 until the job has run.
       */
      relabelled: z.number().int().nonnegative(),
    })
    .nullable(),
});
export type ModelStatusDto = z.infer<typeof modelStatus>;

export const retrainRequest = z.strictObject({});
