import { accessMatrix, type Cell } from '../../../test/access-matrix.ts';
import { channelFactories, ticketReaders } from '../../../test/factories/channels.ts';

// Satisfaction surveys: the link (a signed token) and the tracking number + code are the key for the public
// pages, the same for everyone; a ticket's survey is read by those who see the ticket.

const ch = (c: Cell) => channelFactories(c.ctx, c.f);
/** A ticket followed by its contact, with its open survey; shared by the reads of one scope. */
const surveyed = (c: Cell) =>
  c.shared('surveyed', async () => {
    const tracked = await ch(c).trackedTicket(c.place, { status: 'resolved', resolvedAt: new Date() });
    return { ...tracked, survey: await ch(c).survey(tracked.ticket) };
  });

export const matrix = accessMatrix({
  'GET /public/surveys/{token}': {
    call: async (c) => ({ path: `/public/surveys/${(await surveyed(c)).survey.token}` }),
    expect: { anonymous: 200, others: '200' },
  },
  'POST /public/surveys/{token}': {
    call: async (c) => {
      const survey = await ch(c).survey(await c.f.ticket(c.place, { status: 'closed', closedAt: new Date() }));
      return { path: `/public/surveys/${survey.token}`, body: { answers: [5, 4, 5] } };
    },
    expect: { anonymous: 204, others: '204' },
  },
  'GET /public/tickets/{number}/survey': {
    call: async (c) => {
      const { ticket, code } = await surveyed(c);
      return { path: `/public/tickets/${ticket.number}/survey?code=${code}` };
    },
    expect: { anonymous: 200, others: '200' },
  },
  'GET /tickets/{id}/survey': {
    call: async (c) => `/tickets/${(await surveyed(c)).ticket.id}/survey`,
    expect: { anonymous: 401, ...ticketReaders },
  },
});
