import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams, noContent, pageOf } from '../../platform/http/schemas.ts';
import { discardQuarantined, getMail, listQuarantine, releaseQuarantined } from './mail-intake.quarantine.ts';
import {
  discardBody,
  mailDetail,
  mailOut,
  mailSettingsBody,
  mailSettingsOut,
  quarantineQuery,
  releaseBody,
  releaseOut,
} from './mail-intake.schemas.ts';
import { readMailSettings, saveMailSettings } from './mail-intake.settings.ts';

/** The service desk's side of email intake: the quarantine. */
const work = access.permission('ticket:work', 'inbound_mail');

export function mailIntakeRoutes(app: App, ctx: AppContext) {
  app.get('/mail/quarantine', {
    config: { access: work },
    schema: {
      tags: ['mail'],
      summary: 'Incoming mail held back for an agent: throttled senders, failed DMARC, replies from non-participants',
      querystring: quarantineQuery,
      response: { 200: pageOf(mailOut) },
    },
    handler: async (req) => listQuarantine(ctx, actorOf(req), req.query),
  });

  app.get('/mail/quarantine/:id', {
    config: { access: work },
    schema: {
      tags: ['mail'],
      summary: 'One held message: its text, files and authentication results',
      params: idParams,
      response: { 200: mailDetail },
    },
    handler: async (req) => getMail(ctx, actorOf(req), req.params.id),
  });

  app.post('/mail/quarantine/:id/release', {
    config: { access: work },
    schema: {
      tags: ['mail'],
      summary: 'Let a held message in: into the ticket it names, or as a new ticket; carries `version`',
      params: idParams,
      body: releaseBody,
      response: { 200: releaseOut },
    },
    handler: async (req) => releaseQuarantined(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req)),
  });

  app.post('/mail/quarantine/:id/discard', {
    config: { access: work },
    schema: {
      tags: ['mail'],
      summary: 'Throw a held message away (it stays on record); carries `version`',
      params: idParams,
      body: discardBody,
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      await discardQuarantined(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req));
      return reply.status(204).send(null);
    },
  });

  app.get('/settings/mail-intake', {
    config: { access: access.organisation('settings:manage') },
    schema: {
      tags: ['settings'],
      summary: 'Email intake: helpdesk address, where unknown senders’ tickets go, sender limit, IMAP mailbox (password never returned)',
      response: { 200: mailSettingsOut },
    },
    handler: async () => readMailSettings(ctx.db),
  });

  app.put('/settings/mail-intake', {
    config: { access: access.organisation('settings:manage') },
    schema: {
      tags: ['settings'],
      summary: 'Change email intake; `imap.password` is write-only (left out: kept, empty: cleared); carries `version`',
      body: mailSettingsBody,
      response: { 200: mailSettingsOut },
    },
    handler: async (req) => saveMailSettings(ctx, actorOf(req).userId, auditSourceOf(req), req.body),
  });
}
