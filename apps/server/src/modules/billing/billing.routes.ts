import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { readUpload, sendDownload, type Upload } from '../../platform/files/upload.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { MAX_UPLOAD_BYTES } from '../../platform/http/limits.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { getBudget, listBudgets, myBudget, setBudget } from './billing.budgets.ts';
import { billingDashboard, dashboardXlsx } from './billing.dashboard.ts';
import { attachDisputeFile, escalateDispute, openDispute, readDisputeFile, resolveDispute } from './billing.disputes.ts';
import { invoicePdfFor, invoiceXlsxFor, periodXlsxFor } from './billing.documents.ts';
import { issueInvoice } from './billing.invoices.ts';
import { confirmPayment, readProof } from './billing.payments.ts';
import { getInvoice, listInvoices } from './billing.present.ts';
import { listBillingDivisions } from './billing.queries.ts';
import { runByHandWithInvoices } from './billing.run.ts';
import {
  billingDivisionsOut,
  budgetBody,
  budgetOut,
  budgetQuery,
  budgetsOut,
  companyQuery,
  dashboardOut,
  dashboardQuery,
  disputeBody,
  escalationBody,
  invoiceOut,
  invoicesOut,
  invoicesQuery,
  paymentFields,
  periodExportQuery,
  resolutionBody,
  runBody,
  runOut,
  settingsBody,
  settingsOut,
  versionBody,
} from './billing.schemas.ts';
import { getBillingSettings, updateBillingSettings } from './billing.settings.ts';

const tags = ['billing'];
/** Reading invoices: the paying division's charge readers and Approvers, the providing divisions' charge readers. */
const READ = ['charge:read', 'request:approve'] as const;

/** A payment confirmation: multipart (reference, paidOn, optional file `proof`) or plain JSON without a proof. */
async function readPaymentForm(req: FastifyRequest): Promise<{ fields: Record<string, string>; proof: Upload | null }> {
  if (!req.isMultipart()) return { fields: (req.body ?? {}) as Record<string, string>, proof: null };
  const fields: Record<string, string> = {};
  let proof: Upload | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'field') fields[part.fieldname] = String(part.value);
    else if (part.fieldname === 'proof' && !proof) {
      const data = await part.toBuffer();
      if (part.file.truncated) throw new AppError(413, 'PAYLOAD_TOO_LARGE', { maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 });
      if (data.length) proof = { data, filename: part.filename, fields: {} };
    } else await part.toBuffer();
  }
  return { fields, proof };
}

export function billingRoutes(app: App, ctx: AppContext) {
  app.get('/billing/settings', {
    config: { access: access.permission('billing:admin', 'company') },
    schema: {
      tags,
      summary: 'A company’s billing settings (billing administration): invoice day, payment term, number pattern, signatory, review',
      querystring: companyQuery,
      response: { 200: settingsOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      return getBillingSettings(ctx.db, actor, req.query.company ?? actor.companyId);
    },
  });
  app.put('/billing/settings', {
    config: { access: access.permission('billing:admin', 'company') },
    schema: {
      tags,
      summary: 'Change a company’s billing settings (send the version read; 0 when never saved)',
      querystring: companyQuery,
      body: settingsBody,
      response: { 200: settingsOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      return updateBillingSettings(ctx, actor, req.query.company ?? actor.companyId, req.body, auditSourceOf(req));
    },
  });

  app.post('/billing/runs', {
    config: { access: access.permission('billing:admin', 'company') },
    schema: {
      tags,
      summary: 'Invoice a finished month by hand: one invoice per division with uninvoiced charges; re-running creates nothing twice',
      body: runBody,
      response: { 200: runOut },
    },
    handler: async (req) => runByHandWithInvoices(ctx, actorOf(req), req.body, auditSourceOf(req)),
  });

  app.get('/invoices', {
    config: { access: access.permission(READ, 'invoice') },
    schema: {
      tags,
      summary: 'Invoices I may see, newest period first; a providing division sees its own lines’ total',
      querystring: invoicesQuery,
      response: { 200: invoicesOut },
    },
    handler: async (req) => listInvoices(ctx.db, actorOf(req), req.query),
  });
  app.get('/invoices/divisions', {
    config: { access: access.permission(READ) },
    schema: {
      tags,
      summary: 'The divisions whose invoices I read in full, and which of them I read the earnings of (the billing pickers)',
      response: { 200: billingDivisionsOut },
    },
    handler: async (req) => listBillingDivisions(ctx.db, actorOf(req), ctx.clock.now()),
  });
  app.get('/invoices/export', {
    config: { access: access.permission(READ, 'invoice') },
    schema: {
      tags,
      summary: 'Every invoice line of a period I may see, as XLSX',
      querystring: periodExportQuery,
    },
    handler: async (req, reply) => sendDownload(reply, await periodXlsxFor(ctx, actorOf(req), req.query.period, req.query.company)),
  });
  app.get('/invoices/:id', {
    config: { access: access.permission(READ, 'invoice') },
    schema: {
      tags,
      summary: 'An invoice with its lines by provider, disputes, payment, timeline and my actions',
      params: idParams,
      response: { 200: invoiceOut },
    },
    handler: async (req) => getInvoice(ctx, actorOf(req), req.params.id),
  });
  app.get('/invoices/:id/document', {
    config: { access: access.permission(READ, 'invoice') },
    schema: { tags, summary: 'The invoice as PDF in my language (a provider: its own lines)', params: idParams },
    handler: async (req, reply) => {
      const { filename, pdf } = await invoicePdfFor(ctx, actorOf(req), req.params.id);
      return sendDownload(reply, { name: filename, contentType: 'application/pdf', data: pdf }, true);
    },
  });
  app.get('/invoices/:id/spreadsheet', {
    config: { access: access.permission(READ, 'invoice') },
    schema: { tags, summary: 'The invoice’s lines as XLSX', params: idParams },
    handler: async (req, reply) => sendDownload(reply, await invoiceXlsxFor(ctx, actorOf(req), req.params.id)),
  });
  app.post('/invoices/:id/issue', {
    config: { access: access.permission('invoice:manage', 'invoice') },
    schema: {
      tags,
      summary: 'Issue a reviewed draft: numbered, due after the payment term, sent with its PDF',
      params: idParams,
      body: versionBody,
      response: { 200: invoiceOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      await issueInvoice(ctx, actor, req.params.id, req.body.version, auditSourceOf(req));
      return getInvoice(ctx, actor, req.params.id);
    },
  });
  app.post('/invoices/:id/payments', {
    config: { access: access.permission('invoice:manage', 'invoice'), idempotent: true },
    schema: {
      tags,
      summary: 'Confirm payment (multipart: reference, paidOn YYYY-MM-DD, optional file `proof`, PDF or image; or JSON without a proof)',
      consumes: ['multipart/form-data', 'application/json'],
      params: idParams,
      response: { 201: invoiceOut },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const form = await readPaymentForm(req);
      const parsed = paymentFields.safeParse(form.fields);
      if (!parsed.success)
        throw new AppError(
          400,
          'VALIDATION_FAILED',
          {},
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      await confirmPayment(ctx, actor, req.params.id, parsed.data, form.proof, auditSourceOf(req));
      return reply.status(201).send(await getInvoice(ctx, actor, req.params.id));
    },
  });
  app.get('/invoices/:id/payment/proof', {
    config: { access: access.permission(READ, 'invoice') },
    schema: { tags, summary: 'Download the payment proof (the providing divisions too)', params: idParams },
    handler: async (req, reply) => sendDownload(reply, await readProof(ctx, actorOf(req), req.params.id)),
  });
  app.post('/invoices/:id/disputes', {
    config: { access: access.permission('invoice:manage', 'invoice') },
    schema: {
      tags,
      summary: 'Dispute charges on the invoice (all of one providing division) with a reason; attach a file with /disputes/{id}/file',
      params: idParams,
      body: disputeBody,
      response: { 201: invoiceOut },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      await openDispute(ctx, actor, req.params.id, req.body, auditSourceOf(req));
      return reply.status(201).send(await getInvoice(ctx, actor, req.params.id));
    },
  });

  app.post('/disputes/:id/resolution', {
    config: { access: access.permission(['invoice:manage', 'billing:decide'], 'dispute') },
    schema: {
      tags,
      summary:
        'Answer a dispute (the providing division) or decide an escalated one (Administrator, Executive; final): accept all or `amount`, or reject',
      params: idParams,
      body: resolutionBody,
      response: { 200: invoiceOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      return getInvoice(ctx, actor, await resolveDispute(ctx, actor, req.params.id, req.body, auditSourceOf(req)));
    },
  });
  app.post('/disputes/:id/escalation', {
    config: { access: access.permission('invoice:manage', 'dispute') },
    schema: {
      tags,
      summary: 'Escalate a rejected dispute to an Administrator or Executive, with a reason',
      params: idParams,
      body: escalationBody,
      response: { 200: invoiceOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      return getInvoice(ctx, actor, await escalateDispute(ctx, actor, req.params.id, req.body.reason, auditSourceOf(req)));
    },
  });
  app.post('/disputes/:id/file', {
    config: { access: access.permission('invoice:manage', 'dispute') },
    schema: {
      tags,
      summary: 'Attach a supporting file to my open dispute (multipart field `file`, checked under the attachment policy)',
      consumes: ['multipart/form-data'],
      params: idParams,
      response: { 201: invoiceOut },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const invoiceId = await attachDisputeFile(ctx, actor, req.params.id, await readUpload(req));
      return reply.status(201).send(await getInvoice(ctx, actor, invoiceId));
    },
  });
  app.get('/disputes/:id/file', {
    config: { access: access.permission(READ, 'dispute') },
    schema: { tags, summary: 'Download a dispute’s file', params: idParams },
    handler: async (req, reply) => sendDownload(reply, await readDisputeFile(ctx, actorOf(req), req.params.id)),
  });

  app.get('/billing/dashboard', {
    config: { access: access.permission('charge:read') },
    schema: {
      tags,
      summary: 'Spend, revenue, most-used services, monthly trend, outstanding and budgets for the divisions I read',
      querystring: dashboardQuery,
      response: { 200: dashboardOut },
    },
    handler: async (req) => billingDashboard(ctx, actorOf(req), req.query),
  });
  app.get('/billing/dashboard/export', {
    config: { access: access.permission('charge:read') },
    schema: { tags, summary: 'The dashboard’s tables as XLSX', querystring: dashboardQuery },
    handler: async (req, reply) => sendDownload(reply, await dashboardXlsx(ctx, actorOf(req), req.query)),
  });

  app.get('/billing/budgets', {
    config: { access: access.permission('charge:read', 'unit') },
    schema: {
      tags,
      summary: 'The divisions of a company whose charges I read, each with its monthly budget and this month’s spend',
      querystring: companyQuery,
      response: { 200: budgetsOut },
    },
    handler: async (req) => listBudgets(ctx, actorOf(req), req.query.company),
  });
  app.get('/billing/budgets/mine', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'My division’s budget this month: what is spent and what remains (the order page shows it)',
      response: { 200: budgetOut },
    },
    handler: async (req) => myBudget(ctx, actorOf(req)),
  });
  app.get('/billing/budgets/:id', {
    config: { access: access.permission('charge:read', 'unit') },
    schema: {
      tags,
      summary: 'A division’s monthly budget and a month’s spend',
      params: idParams,
      querystring: budgetQuery,
      response: { 200: budgetOut },
    },
    handler: async (req) => getBudget(ctx, actorOf(req), req.params.id, req.query.period),
  });
  app.put('/billing/budgets/:id', {
    config: { access: access.permission(['invoice:manage', 'billing:admin'], 'unit') },
    schema: {
      tags,
      summary: 'Set a division’s monthly budget (null removes it); its Billing Coordinator or billing administration',
      params: idParams,
      body: budgetBody,
      response: { 200: budgetOut },
    },
    handler: async (req) => setBudget(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req)),
  });
}
