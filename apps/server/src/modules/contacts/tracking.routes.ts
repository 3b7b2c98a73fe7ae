import type { AppContext } from '../../platform/context.ts';
import { readForm, sendDownload } from '../../platform/files/upload.ts';
import { access } from '../../platform/http/access.ts';
import type { App } from '../../platform/http/app.ts';
import { noContent } from '../../platform/http/schemas.ts';
import { decideTracked, downloadTracked, replyTracked, viewTracked } from './contacts.tracking.ts';
import { attachmentParams, codeQuery, decisionBody, numberParams, trackedTicket } from './tracking.schemas.ts';

const tags = ['public'];

/** Public tracking (004 Figure 12): number + code, no session; a wrong code reads exactly like an unknown number. */
export function trackingRoutes(app: App, ctx: AppContext) {
  app.get('/public/tickets/:number', {
    config: { access: access.public() },
    schema: {
      tags,
      summary: 'Follow a report: status and public timeline (no internal notes, staff by first name)',
      params: numberParams,
      querystring: codeQuery,
      response: { 200: trackedTicket },
    },
    handler: async (req) => viewTracked(ctx, req.params.number, req.query.code, req.ip, req.locale),
  });

  app.post('/public/tickets/:number/replies', {
    config: { access: access.public() },
    schema: {
      tags,
      summary: 'Add a reply (field `body`) and/or files (fields `files`, at most 3) to a report',
      params: numberParams,
      querystring: codeQuery,
      consumes: ['multipart/form-data'],
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      const read = async () => {
        const form = await readForm(req, { fileField: 'files', maxFiles: 3, maxFields: 5 });
        return { body: form.fields.body ?? '', files: form.files };
      };
      await replyTracked(ctx, req.params.number, req.query.code, req.ip, read);
      return reply.status(204).send(null);
    },
  });

  app.post('/public/tickets/:number/decision', {
    config: { access: access.public() },
    schema: {
      tags,
      summary: 'Confirm the resolution (the ticket closes) or reopen it with a reason',
      params: numberParams,
      querystring: codeQuery,
      body: decisionBody,
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      await decideTracked(ctx, req.params.number, req.query.code, req.ip, req.body, req.locale);
      return reply.status(204).send(null);
    },
  });

  app.get('/public/tickets/:number/attachments/:attachmentId', {
    config: { access: access.public() },
    schema: {
      tags,
      summary: 'Download a file of the report (never an internal one)',
      params: attachmentParams,
      querystring: codeQuery,
    },
    handler: async (req, reply) =>
      sendDownload(reply, await downloadTracked(ctx, req.params.number, req.query.code, req.ip, req.params.attachmentId)),
  });
}
