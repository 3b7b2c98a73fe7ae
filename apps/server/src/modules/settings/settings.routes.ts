import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { readUpload } from '../../platform/files/upload.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { noContent } from '../../platform/http/schemas.ts';
import { listCompanyBranding, readCompanyLogo, removeCompanyLogo, setCompanyLogo, updateCompanyBranding } from './company-branding.ts';
import {
  brandingOut,
  companyBrandingBody,
  companyBrandingList,
  companyBrandingOut,
  companyParams,
  identityBody,
  regionalBody,
  settingsOut,
  smtpBody,
  smtpTestBody,
} from './settings.schemas.ts';
import {
  branding,
  presentSettings,
  readLogo,
  removeLogo,
  sendTestMail,
  setLogo,
  updateIdentity,
  updateRegional,
  updateSmtp,
} from './settings.service.ts';

const tags = ['settings'];

/** A logo as an image the browser may cache for a day (its URL changes with the file). */
const logoFile = (file: { contentType: string; data: Buffer }, reply: FastifyReply) =>
  reply
    .header('content-type', file.contentType)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'public, max-age=86400')
    .send(file.data);

/** Organisation identity, regional defaults and SMTP; Administrators only, except the public branding. */
export function settingsRoutes(app: App, ctx: AppContext) {
  const by = (req: Parameters<typeof actorOf>[0]) => [actorOf(req).userId, auditSourceOf(req)] as const;

  app.get('/settings/branding', {
    config: { access: access.public() },
    schema: {
      tags,
      summary:
        'Organisation name, colour, logo and time zone for the sign-in page and the shell; a signed-in caller gets their company’s own name, colour and logo where it has them',
      response: { 200: brandingOut },
    },
    handler: async (req) => branding(ctx.db, req.actor?.companyId),
  });
  app.get('/settings', {
    config: { access: access.organisation('settings:manage') },
    schema: { tags, summary: 'All settings with their versions (Administrators)', response: { 200: settingsOut } },
    handler: async () => presentSettings(ctx.db),
  });
  app.put('/settings/identity', {
    config: { access: access.organisation('settings:manage') },
    schema: { tags, summary: 'Organisation name and primary colour', body: identityBody, response: { 200: settingsOut } },
    handler: async (req) => {
      await updateIdentity(ctx, ...by(req), req.body);
      return presentSettings(ctx.db);
    },
  });
  app.put('/settings/regional', {
    config: { access: access.organisation('settings:manage') },
    schema: {
      tags,
      summary: 'The organisation’s own time zone (an IANA name; WIB, WITA or WIT), for what belongs to no company',
      body: regionalBody,
      response: { 200: settingsOut },
    },
    handler: async (req) => {
      await updateRegional(ctx, ...by(req), req.body);
      return presentSettings(ctx.db);
    },
  });
  app.put('/settings/smtp', {
    config: { access: access.organisation('settings:manage') },
    schema: {
      tags,
      summary:
        'Outgoing mail server; the password is stored encrypted (absent = keep while host, port and user stay the same; null = clear)',
      body: smtpBody,
      response: { 200: settingsOut },
    },
    handler: async (req) => {
      await updateSmtp(ctx, ...by(req), req.body);
      return presentSettings(ctx.db);
    },
  });
  app.post('/settings/smtp/test', {
    config: { access: access.organisation('settings:manage') },
    schema: { tags, summary: 'Send a test email now with the saved SMTP settings', body: smtpTestBody, response: { 204: noContent } },
    handler: async (req, reply) => {
      await sendTestMail(ctx, actorOf(req).locale, req.body.to, req.log);
      return reply.status(204).send(null);
    },
  });
  app.post('/settings/logo', {
    config: { access: access.organisation('settings:manage') },
    schema: {
      tags,
      summary: 'Upload the organisation logo (PNG, JPEG or WebP; resized to fit 512×512)',
      consumes: ['multipart/form-data'],
      response: { 200: settingsOut },
    },
    handler: async (req) => {
      await setLogo(ctx, ...by(req), await readUpload(req));
      return presentSettings(ctx.db);
    },
  });
  app.delete('/settings/logo', {
    config: { access: access.organisation('settings:manage') },
    schema: { tags, summary: 'Remove the logo', response: { 204: noContent } },
    handler: async (req, reply) => {
      await removeLogo(ctx, ...by(req));
      return reply.status(204).send(null);
    },
  });
  app.get('/settings/logo', {
    config: { access: access.public() },
    schema: { tags, summary: 'The organisation logo' },
    handler: async (_req, reply) => logoFile(await readLogo(ctx.db), reply),
  });

  companyBrandingRoutes(app, ctx);
}

/** Each company's own name, colour and logo: Administrators of the organisation or of that company. */
function companyBrandingRoutes(app: App, ctx: AppContext) {
  app.get('/settings/company-branding', {
    config: { access: access.permission('settings:manage', 'company') },
    schema: {
      tags,
      summary: 'The companies whose identity the caller manages, with their own name, colour and logo (null: the organisation’s)',
      response: { 200: companyBrandingList },
    },
    handler: async (req) => {
      const organisation = await branding(ctx.db);
      return {
        ...(await listCompanyBranding(ctx.db, actorOf(req))),
        organisation: { name: organisation.organisationName, primaryColor: organisation.primaryColor },
      };
    },
  });
  app.put('/settings/company-branding/:companyId', {
    config: { access: access.permission('settings:manage', 'company') },
    schema: {
      tags,
      summary: 'A company’s own name and primary colour (null: the organisation’s); send the version read, 0 when never saved',
      params: companyParams,
      body: companyBrandingBody,
      response: { 200: companyBrandingOut },
    },
    handler: async (req) => updateCompanyBranding(ctx, actorOf(req), req.params.companyId, req.body, auditSourceOf(req)),
  });
  app.post('/settings/company-branding/:companyId/logo', {
    config: { access: access.permission('settings:manage', 'company') },
    schema: {
      tags,
      summary: 'Upload a company’s own logo (PNG, JPEG or WebP; resized to fit 512×512)',
      consumes: ['multipart/form-data'],
      params: companyParams,
      response: { 200: companyBrandingOut },
    },
    handler: async (req) => setCompanyLogo(ctx, actorOf(req), req.params.companyId, await readUpload(req), auditSourceOf(req)),
  });
  app.delete('/settings/company-branding/:companyId/logo', {
    config: { access: access.permission('settings:manage', 'company') },
    schema: {
      tags,
      summary: 'Remove a company’s own logo (the organisation’s shows again)',
      params: companyParams,
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      await removeCompanyLogo(ctx, actorOf(req), req.params.companyId, auditSourceOf(req));
      return reply.status(204).send(null);
    },
  });
  app.get('/settings/company-branding/:companyId/logo', {
    config: { access: access.public() },
    schema: { tags, summary: 'A company’s own logo', params: companyParams },
    handler: async (req, reply) => logoFile(await readCompanyLogo(ctx.db, req.params.companyId), reply),
  });
}
