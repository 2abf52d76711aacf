// The monitoring API as the screens use it: one function per route. Responses are checked
// against the server's own zod schemas (src/common/api/monitoring.ts). Imports and the CSV
// preview send the file's bytes as application/octet-stream, which the JSON client does
// not speak, so they go through `postBytes` here.
import type { z } from 'zod';
import * as m from '../../../common/api/monitoring.ts';
import { ApiError, http } from '../../api/client.ts';
import { queryString } from '../records/api.ts';

export type Campaign = m.CampaignDto;
export type MonitoredItem = m.MonitoredItemDto;
export type Comment = m.CommentDto;
export type Counts = m.CountsDto;
export type ImportResult = m.ImportResultDto;
export type ModelStatus = m.ModelStatusDto;
export type CsvPreview = z.infer<typeof m.csvPreview>;
export type CommentFilters = Omit<m.CommentFilter, 'itemId' | 'campaignId'>;
/** An item or a campaign: what counts, lists and the review queue are about. */
export type Scope = { itemId: string } | { campaignId: string };

const id = (value: string) => encodeURIComponent(value);

/** The CSV columns of an import, as the import route's query names them. */
export interface CsvColumns {
  textColumn: string;
  authorColumn?: string;
  postedAtColumn?: string;
  urlColumn?: string;
  sourceIdColumn?: string;
  header: 'true' | 'false';
  delimiter?: string;
}

async function postBytes<S extends z.ZodType>(
  path: string,
  body: Blob,
  schema: S,
): Promise<z.infer<S>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/octet-stream' },
      body,
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    throw new ApiError(
      response.status,
      typeof error?.code === 'string' ? error.code : `http_${response.status}`,
      typeof error?.message === 'string' ? error.message : response.statusText,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'bad_response',
      'The server sent an answer this page does not understand.',
    );
  }
  return parsed.data as z.infer<S>;
}

export const monitoringApi = {
  campaigns: () => http.get('/api/monitoring/campaigns', m.campaignList),
  campaign: (campaignId: string) =>
    http.get(`/api/monitoring/campaigns/${id(campaignId)}`, m.campaign),
  createCampaign: (body: z.input<typeof m.createCampaign>) =>
    http.post('/api/monitoring/campaigns', body, m.campaign),

  items: (campaignId?: string) =>
    http.get(`/api/monitoring/items${queryString({ campaignId })}`, m.monitoredItemList),
  item: (itemId: string) => http.get(`/api/monitoring/items/${id(itemId)}`, m.monitoredItem),
  createItem: (body: z.input<typeof m.createItem>) =>
    http.post('/api/monitoring/items', body, m.monitoredItem),

  importFile: (itemId: string, format: string, file: Blob, columns?: CsvColumns) =>
    postBytes(
      `/api/monitoring/items/${id(itemId)}/imports${queryString({ format, ...columns })}`,
      file,
      m.importResult,
    ),
  previewCsv: (head: Blob, wholeFile: boolean) =>
    postBytes(`/api/monitoring/csv-preview?wholeFile=${String(wholeFile)}`, head, m.csvPreview),

  comments: (scope: Scope, filters: CommentFilters, cursor?: string) =>
    http.get(
      `/api/monitoring/comments${queryString({ ...scope, ...filters, cursor })}`,
      m.commentList,
    ),
  review: (commentId: string, body: z.input<typeof m.submitReview>) =>
    http.post(`/api/monitoring/comments/${id(commentId)}/reviews`, body, m.comment),
  reviewQueue: (scope: Scope) =>
    http.get(`/api/monitoring/review-queue${queryString({ ...scope, limit: 20 })}`, m.reviewQueue),

  counts: (scope: Scope) => http.get(`/api/monitoring/counts${queryString(scope)}`, m.counts),
  model: () => http.get('/api/monitoring/model', m.modelStatus),
  retrain: () => http.post('/api/monitoring/model/retrain', {}, m.modelStatus),
};

/** Where the CSV exports of a scope download from (plain links: the browser saves them). */
export function exportLinks(scope: Scope, filters: CommentFilters = {}) {
  return {
    counts: `/api/monitoring/exports/counts.csv${queryString(scope)}`,
    comments: `/api/monitoring/exports/comments.csv${queryString({ ...scope, ...filters })}`,
  };
}
