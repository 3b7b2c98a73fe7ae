import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../test/factories.ts';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';
import { DEMO_ACCOUNTS } from '../../seed/demo-accounts.ts';

// The ticket page reads the ticket, who may see it and all it shows in one statement per request:
// these are the facts that statement must still get right.

let t: TestApp;
let requester: Client; // siti, unit PRODUK
let agent: Client; // budi, Service Desk
let lead: Client; // dewi, lead of Service Desk

beforeAll(async () => {
  t = await createTestApp();
  [requester, agent, lead] = await Promise.all([t.actingAs('requester'), t.actingAs('agent'), t.actingAs('team_lead')]);
});
afterAll(() => t.close());

const userId = async (email: string) =>
  Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = ${email}`)).rows[0]?.id);

/** Both halves of the ticket page refuse with 404, by id and by number: the ticket's existence stays hidden. */
async function expectHidden(client: Client, ticket: { id: number; number: string }) {
  for (const ref of [ticket.id, ticket.number]) {
    expectProblem(await client.get(`/api/v1/tickets/${ref}`), 404, 'NOT_FOUND');
    expectProblem(await client.get(`/api/v1/tickets/${ref}/timeline`), 404, 'NOT_FOUND');
  }
}

async function expectShown(client: Client, ticket: { id: number; number: string }) {
  for (const ref of [ticket.id, ticket.number]) {
    const detail = await client.get(`/api/v1/tickets/${ref}`);
    expect(detail.status, JSON.stringify(detail.body)).toBe(200);
    expect(detail.body).toMatchObject({ id: ticket.id, number: ticket.number });
    expect((await client.get(`/api/v1/tickets/${ref}/timeline`)).status).toBe(200);
  }
}

describe('who sees the ticket page', () => {
  it('shows a ticket to someone who only watches it, and hides it again once they stop', async () => {
    const f = factories(t.ctx);
    const ticket = await f.ticket(await f.place('PRODUK'));
    // Teguh sits at Big Data with no role beyond requesting: Produk's tickets are not his.
    const teguhId = await userId('teguh@nusantara.test');
    const teguh = await t.signIn('teguh@nusantara.test');
    await expectHidden(teguh, ticket);

    const watched = await lead.patch(`/api/v1/tickets/${ticket.id}`, { version: 1, watcherIds: [teguhId] });
    expect(watched.status).toBe(200);
    await expectShown(teguh, ticket);
    const seen = await teguh.get(`/api/v1/tickets/${ticket.id}`);
    expect(seen.body.watchers).toEqual([{ id: teguhId, name: 'Teguh Wibowo' }]);
    // A watcher reads along; he works nothing and sees no one's phone.
    expect(seen.body.allowedActions).toEqual([]);
    expect(seen.body.contactPhone).toBeNull();

    expect((await lead.patch(`/api/v1/tickets/${ticket.id}`, { version: 2, watcherIds: [] })).status).toBe(200);
    await expectHidden(teguh, ticket);
  });

  it('shows a team’s ticket to its members wherever the requester sits, and to no one else without scope', async () => {
    const f = factories(t.ctx);
    const ticket = await f.ticket(await f.place('PRODUK'));
    const devops = await f.teamId('DEVOPS-SVC');
    // Andi (DevOps) belongs to Layanan DevOps; Lina provides services at Big Data and belongs to no team.
    const andi = await t.signIn(DEMO_ACCOUNTS.service_provider.email);
    const lina = await t.signIn('lina@nusantara.test');
    await expectHidden(andi, ticket);

    const handed = await lead.patch(`/api/v1/tickets/${ticket.id}`, { version: 1, teamId: devops });
    expect(handed.status, JSON.stringify(handed.body)).toBe(200);
    await expectShown(andi, ticket);
    const seen = await andi.get(`/api/v1/tickets/${ticket.id}`);
    expect(seen.body.team).toEqual({ id: devops, name: 'Layanan DevOps' });
    // As a member he works it (the facts carried his teams), and the timeline names the team it went to.
    expect(seen.body.allowedActions).toEqual(expect.arrayContaining(['take', 'internal_note', 'comment']));
    const timeline = await andi.get(`/api/v1/tickets/${ticket.id}/timeline`);
    const assigned = timeline.body.items.find((e: { kind: string }) => e.kind === 'assigned');
    expect(assigned.data.teamId).toEqual([null, devops]);
    expect(timeline.body.teams).toEqual({ [String(devops)]: 'Layanan DevOps' });
    await expectHidden(lina, ticket);
  });

  it('lets whoever worked a ticket keep noting on it after it moved to another team; a colleague who never did may not', async () => {
    const f = factories(t.ctx);
    const ticket = await f.ticket(await f.place('PRODUK'));
    const ratnaId = await userId('ratna@nusantara.test');
    const ratna = await t.signIn('ratna@nusantara.test');
    const started = await ratna.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: ratnaId });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const escalated = await ratna.post(`/api/v1/tickets/${ticket.id}/escalations`, {
      version: started.body.version,
      kind: 'functional',
      level: 2,
      teamId: await f.teamId('INFRA'),
      reason: 'Perlu tim jaringan',
    });
    expect(escalated.status, JSON.stringify(escalated.body)).toBe(200);
    expect(escalated.body).toMatchObject({ assignee: null, team: { name: 'Infrastruktur' } });

    // Handed on, neither assignee nor member: only her own timeline entries say she worked it.
    const hers = await ratna.get(`/api/v1/tickets/${ticket.id}`);
    expect(hers.body.allowedActions).toContain('internal_note');
    expect(hers.body.allowedActions).not.toContain('take');
    expect((await ratna.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Sudah restart switch', internal: true })).status).toBe(201);
    const budis = await agent.get(`/api/v1/tickets/${ticket.id}`);
    expect(budis.status).toBe(200);
    expect(budis.body.allowedActions).not.toContain('internal_note');
    expectProblem(await agent.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'x', internal: true }), 403, 'FORBIDDEN');
    // Both see the internal note on the timeline (the service desk reads everything in its company).
    const notes = (await agent.get(`/api/v1/tickets/${ticket.id}/timeline`)).body.items.filter(
      (e: { kind: string }) => e.kind === 'internal_note',
    );
    expect(notes).toHaveLength(1);
  });

  it('answers 404 to another company on both halves of the page, and for a ticket that does not exist', async () => {
    const f = factories(t.ctx);
    const ticket = await f.ticket(await f.place('PRODUK'));
    await expectHidden(await t.signIn('arif@arduo.test'), ticket);
    await expectHidden(agent, { id: 987_654_321, number: 'INC-1999-999999' });
    // Changes load the same facts under a row lock: still 404, not 403.
    const outsider = await t.signIn('bayu@arduo.test');
    expectProblem(await outsider.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Halo' }), 404, 'NOT_FOUND');
  });
});

describe('what the ticket page shows', () => {
  it('lists the checklist in order, watchers by name, and internal files to the service desk only', async () => {
    const f = factories(t.ctx);
    const sitiId = await userId(DEMO_ACCOUNTS.requester.email);
    const ticket = await f.ticket(await f.place('PRODUK'), { requesterId: sitiId });
    const [zaki, ani] = [
      await f.user(await f.place('PRODUK'), { name: 'Zaki Produk' }),
      await f.user(await f.place('PRODUK'), { name: 'Ani Produk' }),
    ];
    const edited = await lead.patch(`/api/v1/tickets/${ticket.id}`, {
      version: 1,
      watcherIds: [zaki.id, ani.id],
      checklist: [{ text: 'Cek kabel' }, { text: 'Ganti toner', done: true }, { text: 'Uji cetak' }],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const budiId = await userId(DEMO_ACCOUNTS.agent.email);
    const shared = await f.ticketAttachment(ticket.id, sitiId);
    const internal = await f.ticketAttachment(ticket.id, budiId, { internal: true });

    const desk = (await agent.get(`/api/v1/tickets/${ticket.id}`)).body;
    expect(desk.watchers).toEqual([
      { id: ani.id, name: 'Ani Produk' },
      { id: zaki.id, name: 'Zaki Produk' },
    ]);
    expect(desk.checklist.map((c: { text: string; done: boolean }) => [c.text, c.done])).toEqual([
      ['Cek kabel', false],
      ['Ganti toner', true],
      ['Uji cetak', false],
    ]);
    expect(desk.checklist[1].doneAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    expect(desk.attachments.map((a: { id: number }) => a.id)).toEqual([shared.id, internal.id]);
    expect(desk.attachments[0]).toEqual({
      id: shared.id,
      name: 'bukti.png',
      contentType: 'image/png',
      size: shared.size,
      internal: false,
      commentId: null,
      uploadedBy: { id: sitiId, name: DEMO_ACCOUNTS.requester.name },
      createdAt: shared.createdAt.toISOString(),
      url: `/api/v1/tickets/${ticket.id}/attachments/${shared.id}`,
      canDelete: false,
    });

    const own = (await requester.get(`/api/v1/tickets/${ticket.id}`)).body;
    expect(own.attachments.map((a: { id: number }) => a.id)).toEqual([shared.id]);
    // Her own file, before work starts: hers to remove.
    expect(own.attachments[0].canDelete).toBe(true);
  });
});

describe('the timeline', () => {
  it('runs oldest first (ties in the order recorded) and names only the people and teams of the entries the reader sees', async () => {
    const f = factories(t.ctx);
    const sitiId = await userId(DEMO_ACCOUNTS.requester.email);
    const ticket = await f.ticket(await f.place('PRODUK'), { requesterId: sitiId });
    const [budiId, dewiId, jokoId] = [
      await userId('budi@nusantara.test'),
      await userId('dewi@nusantara.test'),
      await userId('joko@nusantara.test'),
    ];
    const [desk, infra] = [await f.teamId('SD'), await f.teamId('INFRA')];
    const insert = async (at: string, kind: string, data: Record<string, unknown>, isPublic = true) =>
      Number(
        (
          await t.ctx.db.execute<{ id: number }>(sql`INSERT INTO ticket_events (ticket_id, actor_id, kind, data, public, at)
            VALUES (${ticket.id}, ${budiId}, ${kind}, ${JSON.stringify(data)}::jsonb, ${isPublic}, ${at}::timestamptz) RETURNING id`)
        ).rows[0]?.id,
      );
    // Recorded out of time order, two at the same instant.
    const later = await insert('2026-03-02T09:00:00Z', 'assigned', { teamId: [desk, infra], assigneeId: [budiId, null] }, false);
    const first = await insert('2026-03-01T08:00:00Z', 'created', { onBehalfOf: dewiId });
    const tie = await insert('2026-03-01T08:00:00Z', 'assigned', { teamId: [null, desk], assigneeId: [null, budiId] });
    const odd = await insert('2026-03-03T10:00:00Z', 'escalated', { targetUserIds: [jokoId, -1, 'x', 2.5], teamId: 0 }, false);

    const all = (await agent.get(`/api/v1/tickets/${ticket.id}/timeline`)).body;
    expect(all.items.map((e: { id: number }) => e.id)).toEqual([first, tie, later, odd]);
    expect(all.items[0]).toEqual({
      id: first,
      at: '2026-03-01T08:00:00.000Z',
      kind: 'created',
      public: true,
      actor: { id: budiId, name: 'Budi Santoso' },
      data: { onBehalfOf: dewiId },
      bodyHtml: null,
    });
    expect(all.people).toEqual({
      [String(dewiId)]: 'Dewi Lestari',
      [String(budiId)]: 'Budi Santoso',
      [String(jokoId)]: 'Joko Susilo',
    });
    expect(all.teams).toEqual({ [String(desk)]: 'Service Desk', [String(infra)]: 'Infrastruktur' });

    // The requester reads the public entries, and the names they refer to, only.
    const own = (await requester.get(`/api/v1/tickets/${ticket.id}/timeline`)).body;
    expect(own.items.map((e: { id: number }) => e.id)).toEqual([first, tie]);
    expect(own.people).toEqual({ [String(dewiId)]: 'Dewi Lestari', [String(budiId)]: 'Budi Santoso' });
    expect(own.teams).toEqual({ [String(desk)]: 'Service Desk' });
  });
});
