// The staff triage API: the inbox, one report, its files, status, assignment, replies to
// the reporter; the member's notifications and notification address.
// Each route reads as: schema → authenticate → use case (which loads and authorises) → present.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import * as api from '../../../../common/api/intake.ts';
import { requireActiveActor } from '../../../http/authenticate.ts';
import { errorResponses, noContent, typed } from '../../../http/route-helpers.ts';
import type { IntakeDeps } from '../intake.deps.ts';
import { assignReport } from './assign-report.ts';
import { changeReportStatus } from './change-report-status.ts';
import { getNotificationEmail } from './get-notification-email.ts';
import { getReport } from './get-report.ts';
import { listNotifications } from './list-notifications.ts';
import { listReports } from './list-reports.ts';
import { markNotificationsRead } from './mark-notifications-read.ts';
import { openReportFile } from './open-report-file.ts';
import { replyToReporter } from './reply-to-reporter.ts';
import { setNotificationEmail } from './set-notification-email.ts';
import {
  presentNotification,
  presentReportDetail,
  presentReportMessage,
  presentReportSummary,
} from './staff.presenter.ts';

/**
 * File bodies are ciphertext bytes, not JSON: declared as binary so the OpenAPI document
 * says so (test/http/schemas.test.ts accepts this one content type besides JSON).
 */
const ciphertextResponse = {
  description: 'The stored ciphertext of the file (a stream envelope), opened in the browser.',
  content: {
    'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) },
  },
};

/** The staff triage API under /api/reports and /api/notifications. */
export function registerStaffIntakeRoutes(instance: FastifyInstance, deps: IntakeDeps): void {
  const app = typed(instance);
  const tags = ['intake'];

  app.get(
    '/api/reports',
    {
      schema: {
        tags,
        querystring: api.reportListQuery,
        response: { 200: api.reportList, ...errorResponses },
      },
    },
    async (request) => {
      const page = await listReports({
        deps,
        actor: requireActiveActor(request),
        query: request.query,
      });
      return {
        reports: page.reports.map(presentReportSummary),
        next: page.next?.toISOString() ?? null,
      };
    },
  );

  app.get(
    '/api/reports/:id',
    {
      schema: {
        tags,
        params: api.reportIdParams,
        response: { 200: api.reportDetail, ...errorResponses },
      },
    },
    async (request) =>
      presentReportDetail(
        await getReport({ deps, actor: requireActiveActor(request), reportId: request.params.id }),
      ),
  );

  // Registered without the zod type provider, whose reply type is the response schema's
  // (a string here), while this route sends a stream; params are still validated by zod.
  instance.get<{ Params: z.output<typeof api.reportFileParams> }>(
    '/api/reports/:id/files/:fileId',
    {
      schema: {
        tags,
        params: api.reportFileParams,
        response: { 200: ciphertextResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await openReportFile({
        deps,
        actor: requireActiveActor(request),
        reportId: request.params.id,
        fileId: request.params.fileId,
        withBody: request.method !== 'HEAD',
      });
      void reply
        .type('application/octet-stream')
        .header('content-length', String(file.bytes))
        .header('content-disposition', `attachment; filename="${request.params.fileId}.bin"`);
      return reply.send(file.body);
    },
  );

  app.post(
    '/api/reports/:id/status',
    {
      schema: {
        tags,
        params: api.reportIdParams,
        body: api.changeReportStatus,
        response: { 200: api.reportSummary, ...errorResponses },
      },
    },
    async (request) =>
      presentReportSummary(
        await changeReportStatus({
          deps,
          actor: requireActiveActor(request),
          reportId: request.params.id,
          change: request.body,
        }),
      ),
  );

  app.post(
    '/api/reports/:id/assignment',
    {
      schema: {
        tags,
        params: api.reportIdParams,
        body: api.assignReport,
        response: { 200: api.reportSummary, ...errorResponses },
      },
    },
    async (request) =>
      presentReportSummary(
        await assignReport({
          deps,
          actor: requireActiveActor(request),
          reportId: request.params.id,
          memberId: request.body.memberId,
        }),
      ),
  );

  app.post(
    '/api/reports/:id/messages',
    {
      schema: {
        tags,
        params: api.reportIdParams,
        body: api.replyToReporter,
        response: { 201: api.reportMessage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const message = await replyToReporter({
        deps,
        actor: requireActiveActor(request),
        reportId: request.params.id,
        reply: request.body,
      });
      return reply.code(201).send(presentReportMessage(message));
    },
  );

  app.get(
    '/api/notifications',
    { schema: { tags, response: { 200: api.notificationList, ...errorResponses } } },
    async (request) => {
      const list = await listNotifications({ deps, actor: requireActiveActor(request) });
      return { notifications: list.notifications.map(presentNotification), unread: list.unread };
    },
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags,
        body: api.markNotificationsRead,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await markNotificationsRead({
        deps,
        actor: requireActiveActor(request),
        ids: request.body.ids,
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me/notification-email',
    { schema: { tags, response: { 200: api.notificationEmail, ...errorResponses } } },
    async (request) => ({
      email: await getNotificationEmail({ deps, actor: requireActiveActor(request) }),
    }),
  );

  app.put(
    '/api/me/notification-email',
    {
      schema: {
        tags,
        body: api.notificationEmail,
        response: { 200: api.notificationEmail, ...errorResponses },
      },
    },
    async (request) => ({
      email: await setNotificationEmail({
        deps,
        actor: requireActiveActor(request),
        email: request.body.email,
      }),
    }),
  );
}
