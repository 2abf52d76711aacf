// Monitoring routes for the route table (../route-table.ts). Each build makes fresh
// campaigns, items and comments in the organisation as its admin.
import {
  createTestCampaign,
  createTestItem,
  ensureReviewedLabels,
  itemWithComment,
} from '../../helpers/monitoring.ts';
import { plain, type RouteCase } from '../route-case.ts';

const FILE = { 'content-type': 'application/octet-stream' };
const bytes = (text: string) => Buffer.from(new TextEncoder().encode(text));

export const MONITORING_ROUTES: RouteCase[] = [
  {
    method: 'POST',
    route: '/api/monitoring/campaigns',
    need: 'monitoring.write',
    ok: 201,
    build: plain('/api/monitoring/campaigns', { name: 'Route table campaign' }),
  },
  {
    method: 'GET',
    route: '/api/monitoring/campaigns',
    need: 'monitoring.read',
    ok: 200,
    build: plain('/api/monitoring/campaigns'),
  },
  {
    method: 'GET',
    route: '/api/monitoring/campaigns/:id',
    need: 'monitoring.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/monitoring/campaigns/${(await createTestCampaign(t, org)).id}`,
    }),
  },
  {
    method: 'PATCH',
    route: '/api/monitoring/campaigns/:id',
    need: 'monitoring.write',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/monitoring/campaigns/${(await createTestCampaign(t, org)).id}`,
      payload: { name: 'Renamed' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/monitoring/campaigns/:id',
    need: 'monitoring.write',
    ok: 204,
    build: async (t, org) => ({
      url: `/api/monitoring/campaigns/${(await createTestCampaign(t, org)).id}`,
    }),
  },
  {
    method: 'POST',
    route: '/api/monitoring/items',
    need: 'monitoring.write',
    ok: 201,
    build: plain('/api/monitoring/items', {
      platform: 'youtube',
      url: 'https://example.invalid/watch?v=route-table',
    }),
  },
  {
    method: 'GET',
    route: '/api/monitoring/items',
    need: 'monitoring.read',
    ok: 200,
    build: plain('/api/monitoring/items'),
  },
  {
    method: 'GET',
    route: '/api/monitoring/items/:id',
    need: 'monitoring.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/monitoring/items/${(await createTestItem(t, org)).id}`,
    }),
  },
  {
    method: 'PATCH',
    route: '/api/monitoring/items/:id',
    need: 'monitoring.write',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/monitoring/items/${(await createTestItem(t, org)).id}`,
      payload: { title: 'Renamed' },
    }),
  },
  {
    method: 'DELETE',
    route: '/api/monitoring/items/:id',
    need: 'monitoring.write',
    ok: 204,
    build: async (t, org) => ({
      url: `/api/monitoring/items/${(await createTestItem(t, org)).id}`,
    }),
  },
  {
    method: 'POST',
    route: '/api/monitoring/items/:id/imports',
    need: 'monitoring.write',
    ok: 201,
    build: async (t, org) => ({
      url: `/api/monitoring/items/${(await createTestItem(t, org)).id}/imports?format=text`,
      headers: FILE,
      payload: bytes('an invented comment\nanother one\n'),
    }),
  },
  {
    method: 'GET',
    route: '/api/monitoring/items/:id/imports',
    need: 'monitoring.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/monitoring/items/${(await itemWithComment(t, org)).item.id}/imports`,
    }),
  },
  {
    method: 'POST',
    route: '/api/monitoring/csv-preview',
    need: 'monitoring.write',
    ok: 200,
    build: async () => ({
      url: '/api/monitoring/csv-preview?wholeFile=true',
      headers: FILE,
      payload: bytes('author,text\nsomeone,an invented comment\n'),
    }),
  },
  {
    method: 'GET',
    route: '/api/monitoring/comments',
    need: 'monitoring.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/monitoring/comments?itemId=${(await itemWithComment(t, org)).item.id}`,
    }),
  },
  {
    method: 'GET',
    route: '/api/monitoring/comments/:id',
    need: 'monitoring.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/monitoring/comments/${(await itemWithComment(t, org)).comment.id}`,
    }),
  },
  {
    method: 'POST',
    route: '/api/monitoring/comments/:id/reviews',
    need: 'monitoring.review',
    ok: 201,
    build: async (t, org) => ({
      url: `/api/monitoring/comments/${(await itemWithComment(t, org)).comment.id}/reviews`,
      payload: { hateful: true, categories: ['insult'] },
    }),
  },
  {
    method: 'GET',
    route: '/api/monitoring/review-queue',
    need: 'monitoring.review',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/monitoring/review-queue?itemId=${(await itemWithComment(t, org)).item.id}`,
    }),
  },
  {
    method: 'GET',
    route: '/api/monitoring/counts',
    need: 'monitoring.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/monitoring/counts?itemId=${(await itemWithComment(t, org)).item.id}`,
    }),
  },
  {
    method: 'GET',
    route: '/api/monitoring/exports/counts.csv',
    need: 'monitoring.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/monitoring/exports/counts.csv?campaignId=${(await createTestCampaign(t, org)).id}`,
    }),
  },
  {
    method: 'GET',
    route: '/api/monitoring/exports/comments.csv',
    need: 'monitoring.read',
    ok: 200,
    build: async (t, org) => ({
      url: `/api/monitoring/exports/comments.csv?itemId=${(await itemWithComment(t, org)).item.id}`,
    }),
  },
  {
    method: 'GET',
    route: '/api/monitoring/model',
    need: 'monitoring.read',
    ok: 200,
    build: plain('/api/monitoring/model'),
  },
  {
    method: 'POST',
    route: '/api/monitoring/model/retrain',
    need: 'monitoring.review',
    ok: 201,
    build: async (t, org) => {
      await ensureReviewedLabels(t, org);
      return { url: '/api/monitoring/model/retrain', payload: {} };
    },
  },
];
