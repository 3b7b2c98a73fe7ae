import { accessMatrix, type Cell, unique } from '../../../test/access-matrix.ts';
import { type ArticleState, deskFactories } from '../../../test/factories/desk.ts';

// Knowledge (knowledge.policy.ts): writers (Agents, Team Leads) see every article, drafts included; everyone
// else published articles meant for them — here each cell's article is meant for its place's company, so a
// requester of another company gets 404, while the service desk of every company reads it. Writing needs
// knowledge:write, review steps knowledge:review (a reviewer never approves a revision they wrote),
// sending an article on a ticket ticket:work and a ticket the caller sees.

const desk = (c: Cell) => deskFactories(c.ctx, c.f);
/** A published article for the place's company, shared by the reads of one scope. */
const seen = (c: Cell) => c.shared('article', () => desk(c).article(c.place));
/** A fresh article in a state, for a change. */
const fresh = (c: Cell, state: ArticleState, authorId?: number) => desk(c).article(c.place, { state, authorId });
const step = (action: string, state: ArticleState, body: Record<string, unknown> = {}) => ({
  call: async (c: Cell) => {
    const a = await fresh(c, state);
    return { path: `/knowledge/articles/${a.id}/${action}`, body: { version: a.version, ...body } };
  },
  expect: { anonymous: 401, team_lead: '200', administrator: '200', others: '403' },
});

export const matrix = accessMatrix({
  'GET /knowledge/categories': { call: () => '/knowledge/categories', expect: { anonymous: 401, others: '200' } },
  'POST /knowledge/categories': {
    call: () => ({ path: '/knowledge/categories', body: { code: unique('KAT').toUpperCase(), nameId: 'Jaringan', nameEn: 'Network' } }),
    expect: { anonymous: 401, team_lead: '201', administrator: '201', others: '403' },
  },
  'PATCH /knowledge/categories/{id}': {
    call: async (c) => {
      const { rows } = await c.ctx.pool.query(
        "INSERT INTO knowledge_categories (code, name_id, name_en) VALUES ($1, 'Surel', 'Email') RETURNING id",
        [unique('KAT').toUpperCase()],
      );
      return { path: `/knowledge/categories/${rows[0].id}`, body: { version: 1, nameEn: 'Email and calendar' } };
    },
    expect: { anonymous: 401, team_lead: '200', administrator: '200', others: '403' },
  },
  'GET /knowledge/articles': { call: () => '/knowledge/articles?q=vpn', expect: { anonymous: 401, others: '200' } },
  'POST /knowledge/articles': {
    call: () => ({ path: '/knowledge/articles', body: { titleId: 'Mengganti kata sandi surel' } }),
    expect: { anonymous: 401, agent: '201', team_lead: '201', administrator: '201', others: '403' },
  },
  'GET /knowledge/articles/{id}': {
    call: async (c) => `/knowledge/articles/${(await seen(c)).id}`,
    expect: { anonymous: 401, agent: '200', team_lead: '200', service_provider: '200', administrator: '200', others: '200 200 404' },
  },
  'PATCH /knowledge/articles/{id}': {
    // Editing a published article starts its next revision.
    call: async (c) => {
      const a = await fresh(c, 'published');
      return { path: `/knowledge/articles/${a.id}`, body: { version: a.version, titleId: 'Mengatasi VPN yang sering terputus' } };
    },
    expect: { anonymous: 401, agent: '200', team_lead: '200', administrator: '200', others: '403' },
  },
  'POST /knowledge/articles/{id}/submit': {
    ...step('submit', 'draft'),
    expect: { anonymous: 401, agent: '200', team_lead: '200', administrator: '200', others: '403' },
  },
  'POST /knowledge/articles/{id}/approve': {
    // Separation of duties: in their own scope the reviewer wrote the revision themselves, and may not approve it.
    call: async (c) => {
      const a = await fresh(c, 'in_review', c.scope === 'own' ? c.me?.userId : undefined);
      return { path: `/knowledge/articles/${a.id}/approve`, body: { version: a.version } };
    },
    expect: { anonymous: 401, team_lead: '403 200 200', administrator: '403 200 200', others: '403' },
  },
  'POST /knowledge/articles/{id}/reject': step('reject', 'in_review', { comment: 'Langkah 2 belum jelas' }),
  'POST /knowledge/articles/{id}/retire': step('retire', 'published'),
  'POST /knowledge/articles/{id}/restore': step('restore', 'retired'),
  'POST /knowledge/articles/{id}/tickets': {
    // The article goes to a ticket of the cell's place: the caller must see the ticket (another company's: 404).
    call: async (c) => {
      const ticket = await c.f.ticket(c.place);
      return { path: `/knowledge/articles/${(await seen(c)).id}/tickets`, body: { ticketId: ticket.id } };
    },
    expect: {
      anonymous: 401,
      agent: '200 200 404',
      team_lead: '200 200 404',
      service_provider: '200 404 404',
      administrator: '200',
      others: '403',
    },
  },
  'POST /knowledge/articles/{id}/deflections': {
    call: async (c) => ({ path: `/knowledge/articles/${(await seen(c)).id}/deflections`, body: { query: 'vpn putus' } }),
    expect: { anonymous: 401, agent: '204', team_lead: '204', service_provider: '204', administrator: '204', others: '204 204 404' },
  },
  'GET /knowledge/stats': {
    call: () => '/knowledge/stats',
    expect: { anonymous: 401, team_lead: '200', executive: '200', administrator: '200', others: '403' },
  },
});
