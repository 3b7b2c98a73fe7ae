import { accessMatrix, type Cell, unique } from '../../../test/access-matrix.ts';
import { integrationFactories } from '../../../test/factories/integrations.ts';

// Outgoing webhooks (webhook:manage): Administrators manage endpoints of every scope; a Division Admin manages
// those of their own unit only, and an endpoint elsewhere is not theirs to know of (404). Subscribing in a unit
// they do not administer is refused (403): the unit itself is visible to everyone.

const made = (c: Cell) => integrationFactories(c.ctx);
/** An endpoint in the cell's unit, shared by the reads of one scope. */
const endpoint = (c: Cell) => c.shared('endpoint', () => made(c).webhook(c.place));
const manage = { anonymous: 401, administrator: '200', division_admin: '200 404 404', others: '403' };

export const matrix = accessMatrix({
  'GET /webhooks': { call: () => '/webhooks', expect: { anonymous: 401, administrator: '200', division_admin: '200', others: '403' } },
  'POST /webhooks': {
    call: (c) => ({
      path: '/webhooks',
      body: {
        name: unique('Penerima'),
        url: 'https://93.184.215.14/ish',
        events: ['ticket.created'],
        scope: { kind: 'unit', unitId: c.place.unitId },
      },
    }),
    expect: { anonymous: 401, administrator: '201', division_admin: '201 403 403', others: '403' },
  },
  'GET /webhooks/{id}': { call: async (c) => `/webhooks/${(await endpoint(c)).id}`, expect: manage },
  'PATCH /webhooks/{id}': {
    call: async (c) => ({ path: `/webhooks/${(await made(c).webhook(c.place)).id}`, body: { version: 1, active: false } }),
    expect: manage,
  },
  'POST /webhooks/{id}/rotate-secret': {
    call: async (c) => `/webhooks/${(await made(c).webhook(c.place)).id}/rotate-secret`,
    expect: manage,
  },
  'GET /webhooks/{id}/deliveries': {
    call: async (c) => {
      const hook = await c.shared('logged', async () => {
        const row = await made(c).webhook(c.place);
        await made(c).webhookDelivery(row.id, c.place);
        return row;
      });
      return `/webhooks/${hook.id}/deliveries`;
    },
    expect: manage,
  },
  'POST /webhooks/{id}/deliveries/{deliveryId}/redeliver': {
    call: async (c) => {
      const hook = await made(c).webhook(c.place);
      const delivery = await made(c).webhookDelivery(hook.id, c.place);
      return `/webhooks/${hook.id}/deliveries/${delivery.id}/redeliver`;
    },
    expect: { anonymous: 401, administrator: '202', division_admin: '202 404 404', others: '403' },
  },
});
