import { accessMatrix, type Cell, PNG } from '../../../test/access-matrix.ts';
import { channelFactories, ticketReaders } from '../../../test/factories/channels.ts';

// Contacts (contacts.policy.ts) belong to one of our companies; whoever works tickets anywhere in that company
// handles them (a contact of another company is invisible: 404), and a ticket on behalf of a contact goes to a
// unit the agent works in (a visible contact, a unit they do not work in: 403). The public tracking page and the
// email confirmation link need no sign-in: the number and code (or the token) are the key, for anyone.

const ch = (c: Cell) => channelFactories(c.ctx, c.f);
/** A contact of the cell's company, shared by the reads of one scope. */
const seen = (c: Cell) => c.shared('contact', () => ch(c).contact(c.place));
/** A ticket followed by its contact, shared by the reads of one scope. */
const tracked = (c: Cell) => c.shared('tracked', () => ch(c).trackedTicket(c.place));

/** The desk works contacts of its whole company; a Service Provider works tickets of their unit, in its company. */
const desk = { agent: '200 200 404', team_lead: '200 200 404', service_provider: '200 200 404', administrator: '200', others: '403' };

export const matrix = accessMatrix({
  'GET /contacts': {
    call: () => '/contacts',
    expect: { anonymous: 401, agent: '200', team_lead: '200', service_provider: '200', administrator: '200', others: '403' },
  },
  'POST /contacts': {
    call: (c) => ({
      path: '/contacts',
      body: { companyId: c.place.companyId, name: 'Andika Pratama', email: `andika-${Math.random().toString(36).slice(2)}@mitra.test` },
    }),
    expect: {
      anonymous: 401,
      agent: '201 201 403',
      team_lead: '201 201 403',
      service_provider: '201 201 403',
      administrator: '201',
      others: '403',
    },
  },
  'GET /contacts/{id}': { call: async (c) => `/contacts/${(await seen(c)).id}`, expect: { anonymous: 401, ...desk } },
  'PATCH /contacts/{id}': {
    call: async (c) => {
      const contact = await ch(c).contact(c.place);
      return { path: `/contacts/${contact.id}`, body: { version: contact.version, organisation: 'PT Mitra Data' } };
    },
    expect: { anonymous: 401, ...desk },
  },
  'POST /contacts/{id}/verification': {
    call: async (c) => `/contacts/${(await ch(c).contact(c.place)).id}/verification`,
    expect: {
      anonymous: 401,
      agent: '204 204 404',
      team_lead: '204 204 404',
      service_provider: '204 204 404',
      administrator: '204',
      others: '403',
    },
  },
  'POST /contacts/{id}/tickets': {
    // Placed in the cell's unit: a Service Provider sees Big Data's contacts (same company) but works no tickets there.
    call: async (c) => ({
      path: `/contacts/${(await seen(c)).id}/tickets`,
      body: { unitId: c.place.unitId, title: 'Tidak bisa masuk ke portal mitra', description: '<p>Sejak pagi.</p>' },
    }),
    expect: {
      anonymous: 401,
      agent: '201 201 404',
      team_lead: '201 201 404',
      service_provider: '201 403 404',
      administrator: '201',
      others: '403',
    },
  },
  'GET /tickets/{id}/contact': {
    call: async (c) => `/tickets/${(await tracked(c)).ticket.id}/contact`,
    expect: { anonymous: 401, ...ticketReaders },
  },
  'POST /public/contacts/verify': {
    call: async (c) => ({ path: '/public/contacts/verify', body: { token: await ch(c).verificationToken(c.place) } }),
    expect: { anonymous: 200, others: '200' },
  },

  'GET /public/tickets/{number}': {
    call: async (c) => {
      const { ticket, code } = await tracked(c);
      return { path: `/public/tickets/${ticket.number}?code=${code}` };
    },
    expect: { anonymous: 200, others: '200' },
  },
  'POST /public/tickets/{number}/replies': {
    call: async (c) => {
      const { ticket, code } = await ch(c).trackedTicket(c.place);
      // The matrix's app trusts no proxy, so every cell comes from one address: the per-address reply limit is
      // not what the row is about, so each cell starts it afresh.
      await c.ctx.pool.query(`DELETE FROM rate_limit_hits WHERE key LIKE 'track:reply:%'`);
      return {
        path: `/public/tickets/${ticket.number}/replies?code=${code}`,
        upload: { field: 'files', name: 'bukti.png', type: 'image/png', data: PNG },
      };
    },
    expect: { anonymous: 204, others: '204' },
  },
  'POST /public/tickets/{number}/decision': {
    call: async (c) => {
      const { ticket, code } = await ch(c).trackedTicket(c.place, { status: 'resolved', resolvedAt: new Date() });
      return {
        path: `/public/tickets/${ticket.number}/decision?code=${code}`,
        body: { action: 'confirm' },
      };
    },
    expect: { anonymous: 204, others: '204' },
  },
  'GET /public/tickets/{number}/attachments/{attachmentId}': {
    call: async (c) => {
      const { ticket, code } = await tracked(c);
      const file = await c.shared('attachment', () => c.f.ticketAttachment(ticket.id, ticket.requesterId));
      return { path: `/public/tickets/${ticket.number}/attachments/${file.id}?code=${code}` };
    },
    expect: { anonymous: 200, others: '200' },
  },
});
