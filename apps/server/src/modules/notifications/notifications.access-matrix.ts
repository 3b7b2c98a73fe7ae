import { accessMatrix, settingVersion } from '../../../test/access-matrix.ts';

// Notifications: everyone signed in reads and marks their own; templates, the delivery log and the SMS gateway
// are Administrators' (settings:manage).

export const matrix = accessMatrix({
  'GET /notifications': { call: () => '/notifications', expect: { anonymous: 401, others: '200' } },
  'POST /notifications/read': {
    call: () => ({ path: '/notifications/read', body: { all: true } }),
    expect: { anonymous: 401, others: '204' },
  },
  'GET /notifications/stream': { call: () => ({ path: '/notifications/stream', stream: true }), expect: { anonymous: 401, others: '200' } },
  'GET /me/notification-preferences': { call: () => '/me/notification-preferences', expect: { anonymous: 401, others: '200' } },
  'PUT /me/notification-preferences': {
    call: () => ({ path: '/me/notification-preferences', body: { items: [{ event: 'ticket_created', channel: 'sms', enabled: false }] } }),
    expect: { anonymous: 401, others: '204' },
  },
  'GET /notification-templates': { call: () => '/notification-templates', expect: { anonymous: 401, administrator: '200', others: '403' } },
  'PUT /notification-templates': {
    call: async (c) => {
      const { rows } = await c.ctx.pool.query(
        "SELECT version FROM notification_templates WHERE event = 'ticket_created' AND locale = 'en' AND channel = 'sms'",
      );
      return {
        path: '/notification-templates',
        body: {
          event: 'ticket_created',
          locale: 'en',
          channel: 'sms',
          subject: '',
          body: 'Ticket {number} logged',
          version: Number(rows[0]?.version ?? 0),
        },
      };
    },
    expect: { anonymous: 401, administrator: '204', others: '403' },
  },
  'POST /notification-templates/preview': {
    call: () => ({ path: '/notification-templates/preview', body: { event: 'ticket_created', locale: 'id', channel: 'email' } }),
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'GET /notification-deliveries': {
    call: () => '/notification-deliveries',
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'GET /settings/sms-gateway': { call: () => '/settings/sms-gateway', expect: { anonymous: 401, administrator: '200', others: '403' } },
  'PUT /settings/sms-gateway': {
    call: async (c) => ({
      path: '/settings/sms-gateway',
      body: {
        enabled: false,
        url: '',
        method: 'POST',
        headers: {},
        bodyTemplate: '{"to":"{phone}","text":"{message}"}',
        version: await settingVersion(c.ctx, 'sms_gateway'),
      },
    }),
    expect: { anonymous: 401, administrator: '204', others: '403' },
  },
});
