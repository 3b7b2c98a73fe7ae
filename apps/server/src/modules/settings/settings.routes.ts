import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { postgresFileStore } from '../../platform/files/file-store.ts';
import { reencodeImage } from '../../platform/files/images.ts';
import { IMAGE_TYPES, sniffType } from '../../platform/files/sniff.ts';
import { readUpload } from '../../platform/files/upload.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { noContent, timeZone } from '../../platform/http/schemas.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { deliver } from '../../platform/mail/mailer.ts';
import { encryptSecret } from '../../platform/security/tokens.ts';
import { writeModuleSetting } from './module-settings.ts';
import { getSmtpConfig, readSetting } from './settings.store.ts';

const tags = ['settings'];
const version = z.number().int().min(0);

const brandingOut = z.object({
  organisationName: z.string(),
  primaryColor: z.string(),
  logoUrl: z.string().nullable(),
  defaultTimeZone: z.string(),
});
const settingsOut = z.object({
  identity: z.object({ organisationName: z.string(), primaryColor: z.string(), logoUrl: z.string().nullable(), version: z.number().int() }),
  regional: z.object({ defaultTimeZone: z.string(), version: z.number().int() }),
  smtp: z.object({
    host: z.string().nullable(),
    port: z.number().int().nullable(),
    secure: z.boolean(),
    user: z.string().nullable(),
    from: z.string().nullable(),
    /** The password itself is never returned. */
    passwordSet: z.boolean(),
    version: z.number().int(),
  }),
});

const logoUrl = (fileId: number | null) => (fileId ? `/api/v1/settings/logo?v=${fileId}` : null);

async function presentSettings(ctx: AppContext) {
  const [identity, regional, smtp] = await Promise.all([
    readSetting(ctx.db, 'identity'),
    readSetting(ctx.db, 'regional'),
    readSetting(ctx.db, 'smtp'),
  ]);
  const s = smtp.value;
  return {
    identity: {
      organisationName: identity.value.organisationName,
      primaryColor: identity.value.primaryColor,
      logoUrl: logoUrl(identity.value.logoFileId),
      version: identity.version,
    },
    regional: { defaultTimeZone: regional.value.defaultTimeZone, version: regional.version },
    smtp: {
      host: s?.host ?? null,
      port: s?.port ?? null,
      secure: s?.secure ?? false,
      user: s?.user ?? null,
      from: s?.from ?? null,
      passwordSet: !!s?.passwordEncrypted,
      version: smtp.version,
    },
  };
}

/** Organisation identity, regional defaults and SMTP; Administrators only, except the public branding. */
export function settingsRoutes(app: App, ctx: AppContext) {
  app.get('/settings/branding', {
    config: { access: access.public() },
    schema: {
      tags,
      summary: 'Organisation name, colour, logo and time zone for the sign-in page and the shell',
      response: { 200: brandingOut },
    },
    handler: async () => {
      const [identity, regional] = await Promise.all([readSetting(ctx.db, 'identity'), readSetting(ctx.db, 'regional')]);
      return { ...identity.value, logoUrl: logoUrl(identity.value.logoFileId), defaultTimeZone: regional.value.defaultTimeZone };
    },
  });

  app.get('/settings', {
    config: { access: access.permission('settings:manage') },
    schema: { tags, summary: 'All settings with their versions (Administrators)', response: { 200: settingsOut } },
    handler: async (_req) => {
      return presentSettings(ctx);
    },
  });

  app.put('/settings/identity', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Organisation name and primary colour',
      body: z.strictObject({
        version,
        organisationName: z.string().trim().min(1).max(120),
        primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/),
      }),
      response: { 200: settingsOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const { version: expected, ...value } = req.body;
      const current = (await readSetting(ctx.db, 'identity')).value;
      await writeModuleSetting(ctx, actor.userId, auditSourceOf(req), 'identity', { ...current, ...value }, expected);
      return presentSettings(ctx);
    },
  });

  app.put('/settings/regional', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Default time zone (Asia/Jakarta WIB, Asia/Makassar WITA, Asia/Jayapura WIT, …)',
      body: z.strictObject({ version, defaultTimeZone: timeZone }),
      response: { 200: settingsOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      await writeModuleSetting(
        ctx,
        actor.userId,
        auditSourceOf(req),
        'regional',
        { defaultTimeZone: req.body.defaultTimeZone },
        req.body.version,
      );
      return presentSettings(ctx);
    },
  });

  app.put('/settings/smtp', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary:
        'Outgoing mail server; the password is stored encrypted (absent = keep while host, port and user stay the same; null = clear)',
      body: z.strictObject({
        version,
        host: z.string().trim().min(1).max(255),
        port: z.number().int().min(1).max(65535),
        secure: z.boolean(),
        user: z.string().max(255).nullable(),
        password: z.string().max(500).nullable().optional(),
        from: z.string().trim().min(3).max(255),
      }),
      response: { 200: settingsOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const { version: expected, password, ...value } = req.body;
      const current = (await readSetting(ctx.db, 'smtp')).value;
      // The stored password belongs to one server and account: another host, port or user never receives it.
      const sameAccount = !!current && current.host === value.host && current.port === value.port && current.user === value.user;
      const passwordEncrypted =
        password === undefined
          ? sameAccount
            ? (current?.passwordEncrypted ?? null)
            : null
          : password === null || password === ''
            ? null
            : encryptSecret(password, ctx.env.APP_SECRET);
      await writeModuleSetting(ctx, actor.userId, auditSourceOf(req), 'smtp', { ...value, passwordEncrypted }, expected);
      return presentSettings(ctx);
    },
  });

  app.post('/settings/smtp/test', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Send a test email now with the saved SMTP settings',
      body: z.strictObject({ to: z.email() }),
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const smtp = await getSmtpConfig(ctx.db, ctx.env);
      if (!smtp) throw new AppError(409, 'SMTP_NOT_CONFIGURED');
      const organisation = (await readSetting(ctx.db, 'identity')).value.organisationName;
      try {
        await deliver(smtp, {
          to: req.body.to,
          subject: t(actor.locale, 'settings.test.subject', { organisation }),
          text: t(actor.locale, 'settings.test.body', { organisation }),
        });
      } catch (error) {
        // The raw error would tell which hosts and ports answer (a port scanner): log it, answer generically.
        req.log.warn({ err: error }, 'SMTP test failed');
        throw new AppError(502, 'SMTP_TEST_FAILED');
      }
      return reply.status(204).send(null);
    },
  });

  app.post('/settings/logo', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Upload the organisation logo (PNG, JPEG or WebP; resized to fit 512×512)',
      consumes: ['multipart/form-data'],
      response: { 200: settingsOut },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const upload = await readUpload(req);
      await sniffType(upload.data, IMAGE_TYPES);
      const png = await reencodeImage(upload.data, (image) => image.resize(512, 512, { fit: 'inside', withoutEnlargement: true }).png());
      const current = await readSetting(ctx.db, 'identity');
      const logoFileId = await postgresFileStore.put(ctx.db, {
        purpose: 'logo',
        contentType: 'image/png',
        data: png,
        createdBy: actor.userId,
      });
      await writeModuleSetting(ctx, actor.userId, auditSourceOf(req), 'identity', { ...current.value, logoFileId }, current.version);
      return presentSettings(ctx);
    },
  });

  app.delete('/settings/logo', {
    config: { access: access.permission('settings:manage') },
    schema: { tags, summary: 'Remove the logo', response: { 204: noContent } },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const current = await readSetting(ctx.db, 'identity');
      await writeModuleSetting(ctx, actor.userId, auditSourceOf(req), 'identity', { ...current.value, logoFileId: null }, current.version);
      return reply.status(204).send(null);
    },
  });

  app.get('/settings/logo', {
    config: { access: access.public() },
    schema: { tags, summary: 'The organisation logo' },
    handler: async (_req, reply) => {
      const { logoFileId } = (await readSetting(ctx.db, 'identity')).value;
      const file = logoFileId ? await postgresFileStore.get(ctx.db, logoFileId) : null;
      if (!file) throw notFound();
      return reply
        .header('content-type', file.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'public, max-age=86400')
        .send(file.data);
    },
  });
}
