import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let requester: Client; // siti
let agent: Client; // budi, Service Desk
let lead: Client; // dewi
let bayu: Client; // an agent at Arduo
const user: Record<string, number> = {};
let printing: number; // ticket category HW-PRINT
let service: number; // a business service

beforeAll(async () => {
  t = await createTestApp();
  [requester, agent, lead] = await Promise.all([t.actingAs('requester'), t.actingAs('agent'), t.actingAs('team_lead')]);
  bayu = await t.signIn('bayu@arduo.test');
  for (const r of (await t.ctx.db.execute<{ id: number; email: string }>(sql`SELECT id, email FROM users`)).rows)
    user[r.email] = Number(r.id);
  printing = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM ticket_categories WHERE code = 'HW-PRINT'`)).rows[0]?.id);
  service = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM business_services ORDER BY id LIMIT 1`)).rows[0]?.id);
});
afterAll(() => t.close());

/** An incident of the printing category and the service, being worked by Budi. */
async function incident(title: string, start = true) {
  const ticket = (
    await requester.post('/api/v1/tickets', { title, urgency: 'medium', impact: 'medium', categoryId: printing, serviceId: service })
  ).body;
  if (!start) return ticket;
  return (await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: user['budi@nusantara.test'] }))
    .body;
}

describe('problems', () => {
  it('links incidents, becomes a known error with its workaround published, hints on like incidents, and resolves them together', async () => {
    const first = await incident('Printer lantai 2 macet lagi');
    const second = await incident('Printer lantai 4 macet lagi');
    const waiting = await incident('Printer lantai 6 macet', false);
    const created = await agent.post('/api/v1/problems', {
      title: 'Printer jaringan macet berulang',
      categoryId: printing,
      serviceId: service,
      incidents: [first.number, String(second.id)],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const problem = created.body;
    expect(problem.number).toMatch(/^PRB-\d{4}-\d{5}$/);
    expect(problem.incidents.map((i: { number: string }) => i.number)).toEqual([first.number, second.number]);
    const onTicket = (await agent.get(`/api/v1/tickets/${first.id}/timeline`)).body.items.find(
      (e: { kind: string }) => e.kind === 'problem_linked',
    );
    expect(onTicket.data.problemNumber).toBe(problem.number);

    // The known error needs its root cause and workaround, then publishes the workaround.
    const missing = await agent.post(`/api/v1/problems/${problem.id}/transitions`, {
      version: problem.version,
      action: 'known_error',
      rootCause: 'Firmware lama',
    });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('PROBLEM_FIELD_REQUIRED');
    const known = await agent.post(`/api/v1/problems/${problem.id}/transitions`, {
      version: problem.version,
      action: 'known_error',
      rootCause: 'Firmware printer lama kehabisan memori antrean',
      workaround: 'Matikan printer 30 detik lalu cetak ulang',
    });
    expect(known.status, JSON.stringify(known.body)).toBe(200);
    expect(known.body.problem.status).toBe('known_error');
    const article = (await requester.get(`/api/v1/knowledge/articles/${known.body.problem.article.id}`)).body;
    expect(article).toMatchObject({ status: 'published', title: 'Kesalahan diketahui: Printer jaringan macet berulang' });
    expect(article.body).toContain('Matikan printer 30 detik');
    // Readers find it by another word form ("mencetak" for "cetak").
    const found = (await requester.get('/api/v1/knowledge/articles?q=mencetak%20ulang')).body.items.map((a: { id: number }) => a.id);
    expect(found).toContain(article.id);

    // A like incident gets the hint; an unrelated one does not.
    const hints = (await agent.get(`/api/v1/problems/hints?ticketId=${waiting.id}`)).body.items;
    expect(hints).toEqual([
      expect.objectContaining({ number: problem.number, workaround: 'Matikan printer 30 detik lalu cetak ulang', linked: false }),
    ]);
    const other = (await requester.post('/api/v1/tickets', { title: 'Email lambat', urgency: 'low', impact: 'low' })).body;
    expect((await agent.get(`/api/v1/problems/hints?ticketId=${other.id}`)).body.items).toEqual([]);
    expect((await requester.get(`/api/v1/problems/hints?ticketId=${waiting.id}`)).status).toBe(403);

    // Resolving offers to resolve the linked incidents being worked; the one not started is left, with why.
    const linked = await agent.post(`/api/v1/problems/${problem.id}/incidents`, { ticket: waiting.number });
    const resolved = await agent.post(`/api/v1/problems/${problem.id}/transitions`, {
      version: linked.body.version,
      action: 'resolve',
      permanentFix: 'Firmware diperbarui ke versi 4.2',
      resolveIncidents: true,
      note: 'Firmware printer diperbarui; masalah tidak akan berulang.',
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body.incidents.resolved.sort()).toEqual([first.number, second.number].sort());
    expect(resolved.body.incidents.skipped).toEqual([{ number: waiting.number, code: 'INCIDENT_NOT_IN_WORK' }]);
    const ticket = (await requester.get(`/api/v1/tickets/${first.id}`)).body;
    expect(ticket).toMatchObject({ status: 'resolved', solutionSummary: 'Firmware printer diperbarui; masalah tidak akan berulang.' });
    expect((await requester.get(`/api/v1/tickets/${waiting.id}`)).body.status).toBe('new');
    const kinds = resolved.body.problem.timeline.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual([
      'created',
      'incident_linked',
      'incident_linked',
      'status_changed',
      'incident_linked',
      'status_changed',
      'incidents_resolved',
    ]);
  });

  it('keeps problems from requesters and other companies, and refuses steps out of order', async () => {
    const problem = (await agent.post('/api/v1/problems', { title: 'VPN putus tiap pagi' })).body;
    const byRequester = await requester.get(`/api/v1/problems/${problem.id}`);
    expect(byRequester.status).toBe(403);
    expect(byRequester.body.code).toBe('FORBIDDEN');
    expect((await bayu.get(`/api/v1/problems/${problem.id}`)).status).toBe(404);
    expect((await bayu.get('/api/v1/problems')).body.items.map((p: { id: number }) => p.id)).not.toContain(problem.id);
    expect((await lead.get('/api/v1/problems')).body.items.map((p: { id: number }) => p.id)).toContain(problem.id);
    const early = await agent.post(`/api/v1/problems/${problem.id}/transitions`, { version: problem.version, action: 'close' });
    expect(early.body.code).toBe('PROBLEM_STEP_NOT_ALLOWED');
    const stale = await agent.patch(`/api/v1/problems/${problem.id}`, { version: problem.version + 5, title: 'x' });
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect((await requester.post('/api/v1/problems', { title: 'x' })).body.code).toBe('FORBIDDEN');
  });

  it('shows a reader only the linked incidents they may see, on the list and the timeline', async () => {
    // Andi works tickets of DevOps only: he reads Nusantara's problems, not Siti's ticket from Produk behind one.
    const andi = await t.actingAs('service_provider');
    const ticket = await incident('Printer ruang direksi macet', false);
    expect((await andi.get(`/api/v1/tickets/${ticket.id}`)).status).toBe(404);
    const problem = (await agent.post('/api/v1/problems', { title: 'Printer kantor pusat sering macet', incidents: [ticket.number] })).body;
    expect(problem.incidents.map((i: { number: string }) => i.number)).toEqual([ticket.number]);

    const seen = await andi.get(`/api/v1/problems/${problem.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ incidentCount: 1, incidents: [] });
    expect(JSON.stringify(seen.body)).not.toContain(ticket.number);
    expect(seen.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created']);
  });

  it('names as owner only someone who manages problems of its company (separation of duties)', async () => {
    const count = async () => Number((await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM problems`)).rows[0]?.n);
    const before = await count();
    // Siti may not see problems; Bayu works Arduo's, not Nusantara's.
    for (const email of ['siti@nusantara.test', 'bayu@arduo.test'])
      expectProblem(
        await agent.post('/api/v1/problems', { title: 'Wi-Fi lantai 2 lambat', ownerId: user[email] }),
        400,
        'OWNER_NOT_ELIGIBLE',
      );
    expect(await count()).toBe(before);
    const problem = (await agent.post('/api/v1/problems', { title: 'Wi-Fi lantai 2 lambat', ownerId: user['joko@nusantara.test'] })).body;
    expect(problem.owner).toMatchObject({ id: user['joko@nusantara.test'] });
    const handed = await agent.patch(`/api/v1/problems/${problem.id}`, { version: problem.version, ownerId: user['siti@nusantara.test'] });
    expectProblem(handed, 400, 'OWNER_NOT_ELIGIBLE');
    expect((await agent.get(`/api/v1/problems/${problem.id}`)).body).toMatchObject({
      version: problem.version,
      owner: { id: user['joko@nusantara.test'] },
    });
  });

  it('republishes the known error’s article when its workaround changes', async () => {
    const problem = (await agent.post('/api/v1/problems', { title: 'Aplikasi absensi error 500', categoryId: printing })).body;
    const known = (
      await agent.post(`/api/v1/problems/${problem.id}/transitions`, {
        version: problem.version,
        action: 'known_error',
        rootCause: 'Sertifikat kedaluwarsa',
        workaround: 'Gunakan alamat cadangan',
      })
    ).body.problem;
    const edited = (await agent.patch(`/api/v1/problems/${problem.id}`, { version: known.version, workaround: 'Gunakan aplikasi seluler' }))
      .body;
    expect(edited.article.id).toBe(known.article.id);
    const article = (await lead.get(`/api/v1/knowledge/articles/${known.article.id}`)).body;
    expect(article.revision).toBe(2);
    expect(article.body).toContain('Gunakan aplikasi seluler');
  });
});
