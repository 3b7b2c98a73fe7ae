import type { AppContext } from '../../platform/context.ts';
import { readForm } from '../../platform/files/upload.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { ticketRefParams } from '../tickets/index.ts';
import {
  companyParams,
  formSettingsBody,
  formSettingsList,
  formSettingsOut,
  publicFormOut,
  publicReportOut,
  reportCreated,
  slugParams,
} from './intake.schemas.ts';
import { getPublicForm, listFormSettings, MAX_EVIDENCE_FILES, reportOfTicket, saveFormSettings, submitReport } from './intake.service.ts';

export function intakeRoutes(app: App, ctx: AppContext) {
  app.get('/public/:orgSlug/form', {
    config: { access: access.public() },
    schema: {
      tags: ['public'],
      summary: 'The Lapor Gangguan form: public services, fields and a signed single-use token (no sign-in)',
      params: slugParams,
      response: { 200: publicFormOut },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return getPublicForm(ctx, req.params.orgSlug, req.ip);
    },
  });

  app.post('/public/:orgSlug/reports', {
    config: { access: access.public() },
    schema: {
      tags: ['public'],
      summary: 'Report a disruption without signing in',
      description:
        'multipart/form-data with fields `method` (web_form | phone | walk_in | email), `name`, `phone`, `email` (optional), `address`, `kelurahan`, `kecamatan`, `occurredAt` (optional, `2026-11-25T08:30` local time), `serviceId` (optional, one of the form’s services), `description`, `formToken` (from the form), `challenge` (when the form asks for a proof of work) and up to 3 files `evidence`. Answers the ticket number and the secret tracking code.',
      params: slugParams,
      consumes: ['multipart/form-data'],
      response: { 201: reportCreated },
    },
    handler: async (req, reply) => {
      const form = () => readForm(req, { fileField: 'evidence', maxFiles: MAX_EVIDENCE_FILES + 1, maxFields: 20 });
      return reply.status(201).send(await submitReport(ctx, req.params.orgSlug, form, { ip: req.ip, locale: req.locale }));
    },
  });

  app.get('/intake/forms', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags: ['intake'],
      summary: 'The public report form of each company I administer: address, on/off, unit, team, services, abuse protection',
      response: { 200: formSettingsList },
    },
    handler: async (req) => listFormSettings(ctx, actorOf(req)),
  });

  app.put('/intake/forms/:companyId', {
    config: { access: access.permission('settings:manage', 'company') },
    schema: {
      tags: ['intake'],
      summary: 'Set up, tune or switch off a company’s public report form; carries `version` (0 for a new form)',
      params: companyParams,
      body: formSettingsBody,
      response: { 200: formSettingsOut },
    },
    handler: async (req) => saveFormSettings(ctx, actorOf(req), req.params.companyId, req.body, auditSourceOf(req)),
  });

  app.get('/tickets/:id/public-report', {
    config: { access: access.signedIn('ticket') },
    schema: {
      tags: ['intake'],
      summary: 'The Lapor Gangguan report behind a ticket: complaint method, reporter, address, kelurahan, kecamatan, when',
      params: ticketRefParams,
      response: { 200: publicReportOut },
    },
    handler: async (req) => reportOfTicket(ctx, actorOf(req), req.params.id),
  });
}
