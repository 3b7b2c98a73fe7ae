import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { readUpload, sendDownload } from '../../platform/files/upload.ts';
import { type Access, access } from '../../platform/http/access.ts';
import { type App, actorOf } from '../../platform/http/app.ts';
import { type Loaded, loadVisible } from './tickets.access.ts';
import { listAssignees } from './tickets.assignees.ts';
import { bulkUpdate } from './tickets.bulk.ts';
import { serviceDeskSettings } from './tickets.config.ts';
import { addAttachment, addComment, deleteAttachment, readAttachment } from './tickets.conversation.ts';
import { renderTicketDocument } from './tickets.documents.ts';
import { escalateTicket } from './tickets.escalation.ts';
import { linkTickets, unlinkTickets } from './tickets.links.ts';
import { canSee } from './tickets.policy.ts';
import { presentTicket, showTicket, showTimeline } from './tickets.presenter.ts';
import { countTickets, exportTickets, listTickets } from './tickets.queries.ts';
import { renderClosedIncidentsReport } from './tickets.report.ts';
import { validateSolution } from './tickets.resolution.ts';
import {
  assigneesResponse,
  attachmentParams,
  attachmentPolicy,
  bulkBody,
  bulkResponse,
  closedReportQuery,
  commentBody,
  countsQuery,
  createTicketBody,
  documentQuery,
  escalationBody,
  exportQuery,
  type ListQuery,
  linkBody,
  linkParams,
  listQuery,
  ticketCounts,
  ticketDetail,
  ticketPage,
  ticketParams,
  ticketRefParams,
  timelineResponse,
  transitionBody,
  updateTicketBody,
  validationBody,
} from './tickets.schemas.ts';
import { createTicket, transitionAndSee, updateTicket } from './tickets.service.ts';

const tags = ['tickets'];
/** Anyone who may see the ticket (requesters reply, confirm, reopen); the ticket policy decides the rest. */
const see = access.signedIn('ticket');
/** The service desk's own actions. */
const work = access.permission('ticket:work', 'ticket');
/** Lists leave as files for the service desk and report readers (rows still follow the ticket policy). */
const exporting = access.permission(['ticket:work', 'report:read']);

export function ticketRoutes(app: App, ctx: AppContext) {
  /** Every write answers with the ticket as the caller now sees it. */
  const detail = async (req: Parameters<typeof actorOf>[0], id: number | string) => {
    return showTicket(ctx.db, actorOf(req), String(id));
  };

  /**
   * A change that says how the ticket looks to its actor afterwards (`seen`) is answered from that
   * and one statement for the names and lists; the same body as `detail`. When the ticket changed
   * again since (its version moved) or the actor may no longer see it, it is read afresh.
   */
  const answer = async (req: Parameters<typeof actorOf>[0], id: number, result: unknown) => {
    const seen = (result as { seen?: Loaded } | null)?.seen;
    const actor = actorOf(req);
    if (seen && canSee(actor, seen.facts, seen.me)) {
      const body = await presentTicket(ctx.db, actor, seen);
      if (body.version === seen.ticket.version) return body;
    }
    return detail(req, id);
  };

  /** A change to one ticket: run the use case, then answer with the ticket as the caller now sees it. */
  const change = <B extends z.ZodType>(
    method: 'POST' | 'PATCH',
    url: string,
    declared: Access,
    summary: string,
    body: B,
    act: (actor: Actor, id: number, input: z.infer<B>) => Promise<unknown>,
    status: 200 | 201 = 200,
  ) =>
    app.route({
      method,
      url,
      // What a 201 answers is a new record (a reply): a retry with its Idempotency-Key must not add a second.
      config: { access: declared, idempotent: status === 201 },
      schema: { tags, summary, params: ticketParams, body, response: { [status]: ticketDetail } },
      handler: async (req, reply) => {
        const result = await act(actorOf(req), req.params.id, req.body as z.infer<B>);
        return reply.status(status).send(await answer(req, req.params.id, result));
      },
    });

  app.get('/tickets', {
    config: { access: see },
    schema: {
      tags,
      summary: 'Tickets the caller may see: queues, filters, full-text search, sorting, pages',
      querystring: listQuery,
      response: { 200: ticketPage },
    },
    handler: async (req) => listTickets(ctx.db, actorOf(req), req.query),
  });

  app.get('/tickets/counts', {
    config: { access: see },
    schema: {
      tags,
      summary: 'Dashboard counts of visible tickets created in a period (default this month), by status and by unit',
      querystring: countsQuery,
      response: { 200: ticketCounts },
    },
    handler: async (req) => countTickets(ctx.db, actorOf(req), req.query, ctx.clock.now()),
  });

  const CONTENT_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
  const sendExport = async (req: Parameters<typeof actorOf>[0], reply: FastifyReply, query: ListQuery, format: 'csv' | 'xlsx') => {
    const file = await exportTickets(ctx.db, actorOf(req), query, format);
    return reply
      .header('content-type', CONTENT_TYPES[format])
      .header('content-disposition', `attachment; filename="tickets-${ctx.clock.now().toISOString().slice(0, 10)}.${format}"`)
      .send(file);
  };

  app.get('/tickets/export', {
    config: { access: exporting },
    schema: {
      tags,
      summary: 'The filtered list (the list’s own filters) as CSV or XLSX: at most 10 000 rows, formula cells neutralised',
      querystring: exportQuery,
    },
    handler: async (req, reply) => {
      const { format, ...filters } = req.query;
      return sendExport(req, reply, { ...filters, page: 1, pageSize: 200 }, format);
    },
  });

  app.get('/tickets/export.csv', {
    config: { access: exporting },
    schema: { tags, summary: 'The filtered list as CSV (kept for existing clients: /tickets/export?format=csv)', querystring: listQuery },
    handler: async (req, reply) => sendExport(req, reply, req.query, 'csv'),
  });

  app.get('/tickets/reports/closed', {
    config: { access: access.permission(['ticket:work', 'report:read']) },
    schema: {
      tags,
      summary: 'Printable report (PDF) of the incidents closed in a period that the caller may see, in their language',
      querystring: closedReportQuery,
    },
    handler: async (req, reply) => {
      const { filename, pdf } = await renderClosedIncidentsReport(ctx, actorOf(req), req.query);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  });

  app.get('/tickets/attachment-policy', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'The attachment policy: allowed file types (checked on the bytes) and the size limit, for checking files before upload',
      response: { 200: attachmentPolicy },
    },
    handler: async () => {
      const settings = await serviceDeskSettings(ctx.db);
      return { types: settings.attachmentTypes, maxMb: settings.attachmentMaxMb };
    },
  });

  app.post('/tickets', {
    config: { access: access.permission('ticket:create'), idempotent: true },
    schema: {
      tags,
      summary: 'Log a ticket (for yourself, or as an agent on behalf of a caller)',
      body: createTicketBody,
      response: { 201: ticketDetail },
    },
    handler: async (req, reply) => {
      const ticket = await createTicket(ctx, actorOf(req), req.body);
      return reply.status(201).send(await detail(req, ticket.id));
    },
  });

  app.post('/tickets/bulk', {
    config: { access: work },
    schema: {
      tags,
      summary: 'Assign, change status (pend and resolve included, with their input) or priority of many tickets; a result per ticket',
      body: bulkBody,
      response: { 200: bulkResponse },
    },
    handler: async (req) => ({ results: await bulkUpdate(ctx, actorOf(req), req.body) }),
  });

  app.get('/tickets/:id', {
    config: { access: see },
    schema: { tags, summary: 'One ticket by id or number', params: ticketRefParams, response: { 200: ticketDetail } },
    handler: async (req) => detail(req, req.params.id),
  });

  change(
    'PATCH',
    '/tickets/:id',
    work,
    'Edit fields, assignment, priority, checklist; carries `version`',
    updateTicketBody,
    (actor, id, body) => updateTicket(ctx, actor, id, body),
  );

  change(
    'POST',
    '/tickets/:id/transitions',
    see,
    'Change status: {"to": "in_progress" | "pending" | "resolved" | "closed" | …}',
    transitionBody,
    (actor, id, body) => transitionAndSee(ctx, actor, id, body),
  );

  change(
    'POST',
    '/tickets/:id/comments',
    see,
    'Public reply or internal note',
    commentBody,
    (actor, id, body) => addComment(ctx, actor, id, body),
    201,
  );

  app.post('/tickets/:id/attachments', {
    config: { access: see },
    schema: {
      tags,
      summary: 'Attach a file (multipart field `file`; optional fields `internal`, `commentId`)',
      params: ticketParams,
      consumes: ['multipart/form-data'],
      response: { 201: ticketDetail },
    },
    handler: async (req, reply) => {
      await addAttachment(ctx, actorOf(req), req.params.id, await readUpload(req));
      return reply.status(201).send(await detail(req, req.params.id));
    },
  });

  app.get('/tickets/:id/attachments/:attachmentId', {
    config: { access: see },
    schema: {
      tags,
      summary: 'Download an attachment',
      params: attachmentParams,
    },
    handler: async (req, reply) => {
      const file = await readAttachment(ctx, actorOf(req), req.params.id, req.params.attachmentId);
      return sendDownload(reply, file);
    },
  });

  app.delete('/tickets/:id/attachments/:attachmentId', {
    config: { access: see },
    schema: {
      tags,
      summary: 'Remove an attachment (its uploader before work starts, a lead afterwards); recorded on the timeline',
      params: attachmentParams,
      response: { 200: ticketDetail },
    },
    handler: async (req) => {
      await deleteAttachment(ctx, actorOf(req), req.params.id, req.params.attachmentId);
      return detail(req, req.params.id);
    },
  });

  change(
    'POST',
    '/tickets/:id/validation',
    access.permission('ticket:lead', 'ticket'),
    'A team lead validates a resolved solution (the requester is then asked to confirm) or sends it back with a reason',
    validationBody,
    (actor, id, body) => validateSolution(ctx, actor, id, body),
  );

  app.get('/tickets/:id/assignees', {
    config: { access: work },
    schema: {
      tags,
      summary: 'Teams (with their members) the caller may hand this ticket to: a lead any team of its company, an agent their own',
      params: ticketParams,
      response: { 200: assigneesResponse },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      return listAssignees(ctx.db, actor, await loadVisible(ctx.db, actor, String(req.params.id)));
    },
  });

  app.get('/tickets/:id/timeline', {
    config: { access: see },
    schema: {
      tags,
      summary: 'Timeline: public entries for requesters, everything for the service desk',
      params: ticketRefParams,
      response: { 200: timelineResponse },
    },
    handler: async (req) => {
      return showTimeline(ctx.db, actorOf(req), req.params.id);
    },
  });

  change(
    'POST',
    '/tickets/:id/escalations',
    work,
    'Escalate functionally (L2 team, L3 vendor) or hierarchically (lead, head of IT, director)',
    escalationBody,
    (actor, id, body) => escalateTicket(ctx, actor, id, body),
  );

  app.get('/tickets/:id/document', {
    config: { access: see },
    schema: {
      tags,
      summary: 'Printable ticket form or Berita Acara as PDF, in my language',
      params: ticketRefParams,
      querystring: documentQuery,
    },
    handler: async (req, reply) => {
      const { filename, pdf } = await renderTicketDocument(ctx, actorOf(req), req.params.id, req.query.kind);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  });

  change(
    'POST',
    '/tickets/:id/links',
    work,
    'Link to another ticket: related, duplicate_of, parent_of, child_of',
    linkBody,
    (actor, id, body) => linkTickets(ctx, actor, id, body),
  );

  app.delete('/tickets/:id/links/:linkId', {
    config: { access: work },
    schema: {
      tags,
      summary: 'Remove a link to another ticket (either side may remove it)',
      params: linkParams,
      response: { 200: ticketDetail },
    },
    handler: async (req) => {
      await unlinkTickets(ctx, actorOf(req), req.params.id, req.params.linkId);
      return detail(req, req.params.id);
    },
  });
}
