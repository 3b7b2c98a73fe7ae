import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let requester: Client; // siti, Nusantara
let agent: Client; // budi
let lead: Client; // dewi, Team Lead
let arif: Client; // a requester at Arduo
const user: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  [requester, agent, lead] = await Promise.all([t.actingAs('requester'), t.actingAs('agent'), t.actingAs('team_lead')]);
  arif = await t.signIn('arif@arduo.test');
  for (const r of (await t.ctx.db.execute<{ id: number; email: string }>(sql`SELECT id, email FROM users`)).rows)
    user[r.email] = Number(r.id);
});
afterAll(() => t.close());

/** An article written by the agent and published by the lead. */
async function published(body: Record<string, unknown>) {
  const draft = await agent.post('/api/v1/knowledge/articles', body);
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const submitted = await agent.post(`/api/v1/knowledge/articles/${draft.body.id}/submit`, { version: draft.body.version });
  const approved = await lead.post(`/api/v1/knowledge/articles/${draft.body.id}/approve`, { version: submitted.body.version });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  return approved.body;
}
const found = async (client: Client, query: string) =>
  (await client.get(`/api/v1/knowledge/articles?${query}`)).body.items.map((a: { number: string }) => a.number);

describe('search', () => {
  let printer: { id: number; number: string };
  beforeAll(async () => {
    printer = await published({
      titleId: 'Printer tidak bisa cetak dokumen',
      titleEn: 'Printer does not print documents',
      bodyId: '<p>Bersihkan antrean cetak lalu pasang ulang driver.</p>',
      bodyEn: '<p>Clear the print queue, then reinstall the driver.</p>',
      tags: ['printer'],
    });
  });

  it('finds an article by an Indonesian word form other than the one written ("mencetak" for "cetak")', async () => {
    for (const form of ['mencetak', 'dicetak', 'pencetakan', 'cetakan'])
      expect(await found(requester, `q=${form}`), form).toContain(printer.number);
    // Every word must match: an unrelated second word finds nothing.
    expect(await found(requester, 'q=mencetak%20jaringan')).not.toContain(printer.number);
  });

  it('finds it in English through the english stemmer, and a misspelt title through trigrams', async () => {
    expect(await found(requester, 'q=printing')).toContain(printer.number);
    expect(await found(requester, 'q=printerr')).toContain(printer.number);
  });

  it('suggests while typing (the last word as a prefix) and for an agent’s ticket', async () => {
    expect(await found(requester, 'q=printer%20lantai%203%20tidak%20bisa%20ceta&suggest=true')).toContain(printer.number);
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Printer lantai 3 gagal mencetak', urgency: 'low', impact: 'low' }))
      .body;
    expect(await found(agent, `forTicket=${ticket.id}`)).toContain(printer.number);
    // Someone who may not see the ticket gets 404, not its suggestions.
    expect((await arif.get(`/api/v1/knowledge/articles?forTicket=${ticket.id}`)).status).toBe(404);
  });
});

describe('visibility', () => {
  it('keeps drafts, agents-only and another company’s articles from requesters', async () => {
    const draft = (await agent.post('/api/v1/knowledge/articles', { titleId: 'Konfigurasi VPN kantor (draf)' })).body;
    const internal = await published({ titleId: 'Reset router inti via konsol', visibility: 'agents' });
    const arduo = (await arif.get('/api/v1/me')).body.company.id;
    const forArduo = await published({ titleId: 'Akses VPN Arduo', visibility: 'company', companyId: arduo });
    for (const article of [draft, internal, forArduo]) {
      const res = await requester.get(`/api/v1/knowledge/articles/${article.id}`);
      expect(res.status, article.number).toBe(404);
    }
    expect((await arif.get(`/api/v1/knowledge/articles/${forArduo.id}`)).status).toBe(200);
    expect(await found(requester, 'q=vpn')).toEqual([]);
    expect(await found(arif, 'q=vpn')).toEqual([forArduo.number]);
    expect(await found(agent, 'q=router')).toContain(internal.number);
  });

  it('refuses a company article without a company, and unknown fields', async () => {
    const res = await agent.post('/api/v1/knowledge/articles', { titleId: 'x', visibility: 'company' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ARTICLE_COMPANY_REQUIRED');
    expect((await agent.post('/api/v1/knowledge/articles', { titleId: 'x', status: 'published' })).status).toBe(400);
    expect((await requester.post('/api/v1/knowledge/articles', { titleId: 'x' })).body.code).toBe('FORBIDDEN');
  });
});

describe('review and versions', () => {
  it('publishes only what a Team Lead approved, never their own revision, and keeps every revision', async () => {
    const draft = (await agent.post('/api/v1/knowledge/articles', { titleId: 'Mengganti toner printer' })).body;
    expect(draft).toMatchObject({ status: 'draft', revision: 0, working: { revision: 1, status: 'draft' } });
    const submitted = (await agent.post(`/api/v1/knowledge/articles/${draft.id}/submit`, { version: draft.version })).body;
    expect(submitted.status).toBe('in_review');
    const byAgent = await agent.post(`/api/v1/knowledge/articles/${draft.id}/approve`, { version: submitted.version });
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.code).toBe('FORBIDDEN');
    const noComment = await lead.post(`/api/v1/knowledge/articles/${draft.id}/reject`, { version: submitted.version });
    expect(noComment.body.code).toBe('REASON_REQUIRED');
    const approved = (await lead.post(`/api/v1/knowledge/articles/${draft.id}/approve`, { version: submitted.version })).body;
    expect(approved).toMatchObject({ status: 'published', revision: 1, reviewer: { id: user['dewi@nusantara.test'] } });

    // Editing starts revision 2; readers keep revision 1 until it is approved.
    const edited = (
      await agent.patch(`/api/v1/knowledge/articles/${draft.id}`, { version: approved.version, titleId: 'Mengganti toner printer laser' })
    ).body;
    expect(edited).toMatchObject({ title: 'Mengganti toner printer', working: { revision: 2, titleId: 'Mengganti toner printer laser' } });
    expect((await requester.get(`/api/v1/knowledge/articles/${draft.id}`)).body.title).toBe('Mengganti toner printer');
    const resent = (await agent.post(`/api/v1/knowledge/articles/${draft.id}/submit`, { version: edited.version })).body;
    const stale = await lead.post(`/api/v1/knowledge/articles/${draft.id}/approve`, { version: edited.version });
    expect(stale.body.code).toBe('VERSION_CONFLICT');

    // A lead's own revision waits for another lead.
    const mine = (await lead.patch(`/api/v1/knowledge/articles/${draft.id}`, { version: resent.version, bodyId: '<p>x</p>' })).body;
    expect(mine.code).toBe('ARTICLE_IN_REVIEW');
    const republished = (await lead.post(`/api/v1/knowledge/articles/${draft.id}/approve`, { version: resent.version })).body;
    expect(republished).toMatchObject({ title: 'Mengganti toner printer laser', revision: 2 });
    expect(republished.history.map((h: { revision: number; status: string }) => [h.revision, h.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    const own = (await lead.post('/api/v1/knowledge/articles', { titleId: 'Artikel ketua tim' })).body;
    const ownSubmitted = (await lead.post(`/api/v1/knowledge/articles/${own.id}/submit`, { version: own.version })).body;
    expect(ownSubmitted.allowedActions).not.toContain('approve');
    const refused = await lead.post(`/api/v1/knowledge/articles/${own.id}/approve`, { version: ownSubmitted.version });
    expect(refused.body.code).toBe('REVIEW_OWN_ARTICLE');
  });

  it('drafts from a resolved ticket’s solution in one click, and not from an open one', async () => {
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Email dinas tidak terkirim', urgency: 'low', impact: 'low' })).body;
    expect((await agent.post('/api/v1/knowledge/articles', { fromTicketId: ticket.id })).body.code).toBe('TICKET_NOT_RESOLVED');
    const started = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, {
      to: 'in_progress',
      assigneeId: user['budi@nusantara.test'],
    });
    await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, {
      to: 'resolved',
      version: started.body.version,
      solutionSummary: 'Kuota kotak surat penuh; arsip lama dipindahkan.',
    });
    const draft = await agent.post('/api/v1/knowledge/articles', { fromTicketId: ticket.id });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', title: 'Email dinas tidak terkirim', sourceTicket: { id: ticket.id } });
    expect(draft.body.bodyId).toContain('Kuota kotak surat penuh');
    expect(draft.body.bodyId).toContain('<h3>Penyelesaian</h3>');
  });
});

describe('on tickets', () => {
  it('sends an article to the requester as a public reply, once, and only one they may read', async () => {
    const article = await published({ titleId: 'Membersihkan cache peramban' });
    const internal = await published({ titleId: 'Prosedur internal cache proxy', visibility: 'agents' });
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Website lambat', urgency: 'low', impact: 'low' })).body;
    const sent = await agent.post(`/api/v1/knowledge/articles/${article.id}/tickets`, { ticketId: ticket.id });
    expect(sent.status).toBe(200);
    const reply = (await requester.get(`/api/v1/tickets/${ticket.id}/timeline`)).body.items.find(
      (e: { kind: string }) => e.kind === 'comment',
    );
    expect(reply.bodyHtml).toContain(`/knowledge/${article.id}`);
    expect(reply.bodyHtml).toContain('Membersihkan cache peramban');
    expect(await found(requester, `ticketId=${ticket.id}`)).toEqual([article.number]);
    expect((await agent.post(`/api/v1/knowledge/articles/${article.id}/tickets`, { ticketId: ticket.id })).body.code).toBe(
      'ARTICLE_ALREADY_SENT',
    );
    expect((await agent.post(`/api/v1/knowledge/articles/${internal.id}/tickets`, { ticketId: ticket.id })).body.code).toBe(
      'ARTICLE_NOT_FOR_REQUESTER',
    );
    expect((await requester.post(`/api/v1/knowledge/articles/${article.id}/tickets`, { ticketId: ticket.id })).status).toBe(403);
  });

  it('counts "this solved my problem" as a deflected ticket for reports', async () => {
    const article = await published({ titleId: 'Mengatur tanda tangan email' });
    const before = (await lead.get('/api/v1/knowledge/stats')).body.deflections;
    const res = await requester.post(`/api/v1/knowledge/articles/${article.id}/deflections`, { query: 'tanda tangan email' });
    expect(res.status).toBe(204);
    const stats = (await lead.get('/api/v1/knowledge/stats')).body;
    expect(stats.deflections).toBe(before + 1);
    expect(stats.articles.find((a: { id: number }) => a.id === article.id)).toMatchObject({ deflections: 1 });
    const refused = await requester.get('/api/v1/knowledge/stats');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
  });
});
