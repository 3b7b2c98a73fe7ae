import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { noContent } from '../../platform/http/schemas.ts';
import { readGatewaySettings, saveGatewaySettings } from './notifications.delivery.ts';
import {
  listDeliveries,
  listInbox,
  listPreferences,
  listTemplates,
  markRead,
  previewTemplate,
  savePreferences,
  saveTemplate,
} from './notifications.queries.ts';
import type { RealtimeHub } from './notifications.realtime.ts';
import {
  deliveriesQuery,
  deliveryPage,
  gatewayBody,
  gatewayOut,
  inboxPage,
  inboxQuery,
  markReadBody,
  preferencesBody,
  preferencesOut,
  previewBody,
  previewOut,
  templateBody,
  templateList,
} from './notifications.schemas.ts';

const tags = ['notifications'];

export function notificationRoutes(app: App, ctx: AppContext, hub: RealtimeHub) {
  app.get('/notifications', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'My in-app notifications, newest first, with the unread count',
      querystring: inboxQuery,
      response: { 200: inboxPage },
    },
    handler: async (req) => listInbox(ctx.db, actorOf(req), req.query),
  });

  app.post('/notifications/read', {
    config: { access: access.signedIn() },
    schema: { tags, summary: 'Mark some (ids) or all of my notifications read', body: markReadBody, response: { 204: noContent } },
    handler: async (req, reply) => {
      await markRead(ctx, actorOf(req), req.body);
      return reply.status(204).send(null);
    },
  });

  app.get('/notifications/stream', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'Server-sent events: `notification` whenever I get a new in-app notification (works across server processes)',
    },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      // A resync (the server was away from the database) is announced the same way: the client reloads its inbox.
      const unsubscribe = hub.subscribe(actor.userId, (_user, reason) => {
        if (reason === 'closing') reply.raw.end();
        else reply.raw.write(`event: notification\ndata: ${JSON.stringify({ reason })}\n\n`);
      });
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      reply.raw.write('retry: 5000\n\n');
      const ping = setInterval(() => reply.raw.write(': ping\n\n'), 25_000);
      req.raw.on('close', () => {
        clearInterval(ping);
        unsubscribe();
      });
    },
  });

  app.get('/me/notification-preferences', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'My choice of channel per event (defaults: in-app and email on, SMS off)',
      response: { 200: preferencesOut },
    },
    handler: async (req) => ({ items: await listPreferences(ctx.db, actorOf(req)) }),
  });
  app.put('/me/notification-preferences', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary: 'Set my channel choices',
      body: preferencesBody,
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      await savePreferences(ctx, actorOf(req), req.body.items);
      return reply.status(204).send(null);
    },
  });

  app.get('/notification-templates', {
    config: { access: access.organisation('settings:manage') },
    schema: {
      tags,
      summary: 'Every event’s email and SMS text per language (Administrators)',
      response: { 200: templateList },
    },
    handler: async () => listTemplates(ctx.db),
  });
  app.put('/notification-templates', {
    config: { access: access.organisation('settings:manage') },
    schema: { tags, summary: 'Replace one template (empty body = back to the default)', body: templateBody, response: { 204: noContent } },
    handler: async (req, reply) => {
      await saveTemplate(ctx, actorOf(req), req.body, auditSourceOf(req));
      return reply.status(204).send(null);
    },
  });
  app.post('/notification-templates/preview', {
    config: { access: access.organisation('settings:manage') },
    schema: {
      tags,
      summary: 'Render a template with sample values: the text being edited when given, else the saved or default one',
      body: previewBody,
      response: { 200: previewOut },
    },
    handler: async (req) => previewTemplate(ctx.db, req.body),
  });

  app.get('/notification-deliveries', {
    config: { access: access.organisation('settings:manage') },
    schema: {
      tags,
      summary: 'Delivery log: every email and SMS with its status (Administrators)',
      querystring: deliveriesQuery,
      response: { 200: deliveryPage },
    },
    handler: async (req) => listDeliveries(ctx.db, req.query),
  });

  app.get('/settings/sms-gateway', {
    config: { access: access.organisation('settings:manage') },
    schema: {
      tags,
      summary: 'The SMS/WhatsApp HTTP gateway (Administrators)',
      response: { 200: gatewayOut },
    },
    handler: async () => readGatewaySettings(ctx.db),
  });
  app.put('/settings/sms-gateway', {
    config: { access: access.organisation('settings:manage') },
    schema: {
      tags,
      summary: 'Configure the SMS/WhatsApp HTTP gateway',
      body: gatewayBody,
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      await saveGatewaySettings(ctx, actorOf(req).userId, auditSourceOf(req), req.body);
      return reply.status(204).send(null);
    },
  });
}
