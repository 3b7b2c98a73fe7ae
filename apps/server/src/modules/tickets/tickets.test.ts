import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../test/factories.ts';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let requester: Client; // siti, unit PRODUK
let agent: Client; // budi, Service Desk (L1)
let lead: Client; // dewi, lead of Service Desk
let executive: Client;

beforeAll(async () => {
  t = await createTestApp();
  [requester, agent, lead, executive] = await Promise.all([
    t.actingAs('requester'),
    t.actingAs('agent'),
    t.actingAs('team_lead'),
    t.actingAs('executive'),
  ]);
});
afterAll(() => t.close());

const idOf = async (table: string, code: string) =>
  Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM ${sql.identifier(table)} WHERE code = ${code}`)).rows[0]?.id);
const userId = async (email: string) =>
  Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = ${email}`)).rows[0]?.id);

async function file(client: Client, body: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/tickets', {
    title: 'Printer lantai 5 macet',
    description: '<p>Kertas tersangkut.</p>',
    urgency: 'medium',
    impact: 'low',
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('filing', () => {
  it('numbers tickets INC-yyyy-NNNNNN and computes priority from the matrix', async () => {
    const ticket = await file(requester);
    expect(ticket.number).toMatch(new RegExp(`^INC-${new Date().getFullYear()}-\\d{6}$`));
    expect(ticket.priority).toBe('P4');
    expect(ticket.stars).toBe(2);
    expect(ticket.status).toBe('new');
    expect(ticket.statusLabel).toBe('Baru');
    expect(ticket.unit.name).toBe('Produk');
    expect(ticket.allowedActions).toEqual(expect.arrayContaining(['cancel', 'comment', 'attach']));
    expect(ticket.allowedActions).not.toContain('start');
  });

  it('maps all nine urgency × impact pairs as 004 Table 5', async () => {
    const expected: Record<string, string> = {
      'high/high': 'P1',
      'high/medium': 'P2',
      'high/low': 'P3',
      'medium/high': 'P2',
      'medium/medium': 'P3',
      'medium/low': 'P4',
      'low/high': 'P3',
      'low/medium': 'P4',
      'low/low': 'P5',
    };
    for (const [pair, priority] of Object.entries(expected)) {
      const [urgency, impact] = pair.split('/');
      expect((await file(requester, { urgency, impact })).priority, pair).toBe(priority);
    }
  });

  it('gives 100 concurrent creates 100 distinct, gapless numbers', async () => {
    const before = await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM tickets`);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        requester.post('/api/v1/tickets', { title: `Tiket serentak ${i}`, urgency: 'low', impact: 'low' }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const seqs = results.map((r) => Number(String(r.body.number).split('-')[2])).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(100);
    const first = Number(before.rows[0]?.n) + 1;
    expect(seqs[0]).toBe(first);
    expect(seqs[99]).toBe(first + 99);
  });

  // Issue 19 point 4: the number is drawn last, just before commit, after the creation's other work.
  it('numbers last: a creation refused after its insert takes no number; the creation entry opens the timeline with it', async () => {
    const seq = (number: string) => Number(number.split('-')[2]);
    const a = await file(requester);
    // An unknown watcher is refused after the ticket row exists: the whole creation rolls back.
    const refused = await requester.post('/api/v1/tickets', { title: 'Tiket gagal', urgency: 'low', impact: 'low', watcherIds: [999_999] });
    expectProblem(refused, 400, 'UNKNOWN_REFERENCE');
    // A security ticket is escalated (and saved again) while it is being created, before it has its number.
    const b = await file(requester, { categoryId: await idOf('ticket_categories', 'SEC-VIRUS'), title: 'Email phishing' });
    expect(seq(b.number)).toBe(seq(a.number) + 1);
    const rows = await t.ctx.db.execute<{ number: string }>(sql`SELECT number FROM tickets WHERE id = ${b.id}`);
    expect(rows.rows[0]?.number).toBe(b.number);
    const timeline = (await agent.get(`/api/v1/tickets/${b.id}/timeline`)).body.items as { kind: string; data: Record<string, unknown> }[];
    expect(timeline.map((e) => e.kind)).toEqual(['created', 'escalated']);
    expect(timeline[0]?.data.number).toBe(b.number);
    expect(await t.ctx.db.execute(sql`SELECT 1 FROM tickets WHERE number LIKE '~%'`).then((r) => r.rows)).toEqual([]);
  });

  it('neutralises script in descriptions and replies', async () => {
    const ticket = await file(requester, {
      description: '<p>Halo</p><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">x</a>',
    });
    expect(ticket.descriptionHtml).toContain('<p>Halo</p>');
    expect(ticket.descriptionHtml).not.toMatch(/script|onerror|javascript:/i);
    const replied = await requester.post(`/api/v1/tickets/${ticket.id}/comments`, {
      body: '<b>ok</b><script>steal()</script><iframe src="//evil"></iframe>',
    });
    expect(replied.status).toBe(201);
    const timeline = await requester.get(`/api/v1/tickets/${ticket.id}/timeline`);
    const reply = timeline.body.items.find((e: { kind: string }) => e.kind === 'comment');
    expect(reply.bodyHtml).toBe('<b>ok</b>');
  });

  it('refuses unknown fields and privileged fields with 400', async () => {
    const res = await requester.post('/api/v1/tickets', { title: 'x', urgency: 'low', impact: 'low', status: 'closed' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(res.body.errors)).toMatch(/status/);
  });

  it('lets an agent log a ticket on behalf of a caller, not a requester', async () => {
    const caller = await userId('teguh@nusantara.test');
    const res = await agent.post('/api/v1/tickets', {
      title: 'Telepon: VPN putus',
      urgency: 'high',
      impact: 'medium',
      requesterId: caller,
      channel: 'phone',
    });
    expect(res.status).toBe(201);
    expect(res.body.requester.id).toBe(caller);
    expect(res.body.channel).toBe('phone');
    expectProblem(
      await requester.post('/api/v1/tickets', { title: 'x', urgency: 'low', impact: 'low', requesterId: caller }),
      403,
      'FORBIDDEN',
    );
  });
});

describe('a write answers with the ticket as a fresh read shows it', () => {
  // Replies and transitions answer from what they wrote instead of reading the ticket again: the body must not differ.
  const same = async (client: Client, res: { status: number; body: any }, status: number) => {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    expect(res.body).toEqual((await client.get(`/api/v1/tickets/${res.body.id}`)).body);
  };

  it('for creating, replying, noting and each step of the lifecycle, as requester, agent and lead', async () => {
    const budi = await userId('budi@nusantara.test');
    const created = await requester.post('/api/v1/tickets', {
      title: 'Monitor berkedip',
      description: '<p>x</p>',
      urgency: 'high',
      impact: 'low',
    });
    await same(requester, created, 201);
    const id = created.body.id;
    await same(requester, await requester.post(`/api/v1/tickets/${id}/comments`, { body: '<p>Masih berkedip</p>' }), 201);
    await same(lead, await lead.post(`/api/v1/tickets/${id}/transitions`, { to: 'in_progress', assigneeId: budi }), 200);
    await same(agent, await agent.post(`/api/v1/tickets/${id}/comments`, { body: '<p>Sedang dicek</p>' }), 201);
    await same(agent, await agent.post(`/api/v1/tickets/${id}/comments`, { body: '<p>Catatan internal</p>', internal: true }), 201);
    await same(agent, await agent.post(`/api/v1/tickets/${id}/transitions`, { to: 'pending', pendingReason: 'vendor' }), 200);
    await same(agent, await agent.post(`/api/v1/tickets/${id}/transitions`, { to: 'in_progress' }), 200);
    await same(agent, await agent.post(`/api/v1/tickets/${id}/transitions`, { to: 'resolved', solutionSummary: 'Kabel diganti' }), 200);
    await same(requester, await requester.post(`/api/v1/tickets/${id}/transitions`, { to: 'in_progress', reason: 'Masih berkedip' }), 200);
    await same(agent, await agent.post(`/api/v1/tickets/${id}/transitions`, { to: 'resolved', solutionSummary: 'Monitor diganti' }), 200);
    await same(requester, await requester.post(`/api/v1/tickets/${id}/transitions`, { to: 'closed' }), 200);
  });
});

describe('who sees what', () => {
  it('answers 404 to a requester of another unit, shows the unit’s tickets to its members', async () => {
    const ticket = await file(requester);
    const bigData = await t.signIn('teguh@nusantara.test');
    expectProblem(await bigData.get(`/api/v1/tickets/${ticket.id}`), 404, 'NOT_FOUND');
    expectProblem(await bigData.get(`/api/v1/tickets/${ticket.number}`), 404, 'NOT_FOUND');
    expectProblem(await bigData.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'hai' }), 404, 'NOT_FOUND');
    const colleague = await t.actingAs('approver'); // Hendra, also in Produk
    expect((await colleague.get(`/api/v1/tickets/${ticket.number}`)).status).toBe(200);
    const list = await bigData.get('/api/v1/tickets?pageSize=200');
    expect(list.body.items.map((i: { id: number }) => i.id)).not.toContain(ticket.id);
  });

  it('lets an executive read everything and change nothing', async () => {
    const ticket = await file(requester);
    expect((await executive.get(`/api/v1/tickets/${ticket.id}`)).status).toBe(200);
    expectProblem(await executive.patch(`/api/v1/tickets/${ticket.id}`, { version: ticket.version, title: 'diubah' }), 403, 'FORBIDDEN');
    expectProblem(await executive.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'cancelled', reason: 'x' }), 403, 'FORBIDDEN');
    expectProblem(await executive.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'x' }), 403, 'FORBIDDEN');
  });
});

describe('lifecycle', () => {
  it('walks new → in_progress → pending → resolved → closed and locks', async () => {
    const ticket = await file(requester);
    const noAssignee = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress' });
    expectProblem(noAssignee, 400, 'ASSIGNEE_REQUIRED');
    expect(noAssignee.body.code).toBe('ASSIGNEE_REQUIRED');

    const me = await userId('budi@nusantara.test');
    const taken = await agent.patch(`/api/v1/tickets/${ticket.id}`, {
      version: ticket.version,
      assigneeId: me,
      teamId: await idOf('teams', 'SD'),
    });
    expect(taken.status).toBe(200);
    expect(taken.body.status).toBe('assigned');
    const started = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress' });
    expect(started.body.status).toBe('in_progress');
    expect(started.body.firstResponseAt).not.toBeNull();

    expect((await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'pending' })).body.code).toBe('PENDING_REASON_REQUIRED');
    expect((await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'pending', pendingReason: 'vendor' })).body.status).toBe(
      'pending',
    );
    const noSummary = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'resolved' });
    expectProblem(noSummary, 400, 'SOLUTION_REQUIRED');
    expect(noSummary.body.code).toBe('SOLUTION_REQUIRED');
    const resolved = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, {
      to: 'resolved',
      solutionSummary: 'Roller printer dibersihkan.',
    });
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.resolvedAt).not.toBeNull();

    expectProblem(await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'closed' }), 403, 'FORBIDDEN');
    const closed = await requester.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'closed' });
    expect(closed.status).toBe(200);
    expect(closed.body.locked).toBe(true);
    expect(closed.body.allowedActions).toEqual([]);

    const v = closed.body.version;
    const writes = await Promise.all([
      agent.patch(`/api/v1/tickets/${ticket.id}`, { version: v, title: 'lagi' }),
      requester.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', reason: 'belum' }),
      requester.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'masih rusak' }),
      requester.upload(`/api/v1/tickets/${ticket.id}/attachments`, {
        name: 'a.pdf',
        type: 'application/pdf',
        data: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'),
      }),
      agent.post(`/api/v1/tickets/${ticket.id}/escalations`, {
        kind: 'functional',
        level: 2,
        teamId: await idOf('teams', 'INFRA'),
        reason: 'x',
      }),
      agent.post(`/api/v1/tickets/${ticket.id}/links`, { other: String(ticket.id - 1), kind: 'related' }),
    ]);
    for (const res of writes) {
      expectProblem(res, 409, 'TICKET_LOCKED');
      expect(res.body.code).toBe('TICKET_LOCKED');
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  it('lets the requester reopen a resolved ticket with a reason', async () => {
    const ticket = await file(requester);
    const me = await userId('budi@nusantara.test');
    await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: me });
    await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, {
      to: 'resolved',
      solutionSummary: 'Sementara: restart.',
      fulfilment: 'temporary',
    });
    expect((await requester.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress' })).body.code).toBe('REASON_REQUIRED');
    const reopened = await requester.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', reason: 'Masih terjadi.' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('in_progress');
  });

  it('explains a refused transition with the statuses filled in, under a general title', async () => {
    const ticket = await file(requester);
    const res = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'closed' });
    expectProblem(res, 409, 'TRANSITION_NOT_ALLOWED');
    expect(res.body).toMatchObject({
      code: 'TRANSITION_NOT_ALLOWED',
      title: 'Data bertentangan dengan data yang sudah ada.',
      detail: 'Perubahan status dari Baru ke Ditutup tidak diizinkan.',
    });
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const ticket = await file(requester);
    const me = await userId('budi@nusantara.test');
    expect((await agent.patch(`/api/v1/tickets/${ticket.id}`, { version: ticket.version, assigneeId: me })).status).toBe(200);
    const stale = await agent.patch(`/api/v1/tickets/${ticket.id}`, { version: ticket.version, title: 'Judul basi' });
    expectProblem(stale, 409, 'VERSION_CONFLICT');
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect((await agent.get(`/api/v1/tickets/${ticket.id}`)).body.title).toBe(ticket.title);
  });

  it('lets an agent change only their own or their team’s tickets; a lead reassigns across teams', async () => {
    const ticket = await file(requester);
    const infra = await idOf('teams', 'INFRA');
    const joko = await userId('joko@nusantara.test');
    // Budi (Service Desk) may not push a ticket to another team; Dewi (lead) may.
    expect((await agent.patch(`/api/v1/tickets/${ticket.id}`, { version: ticket.version, teamId: infra })).body.code).toBe(
      'TEAM_NOT_YOURS',
    );
    const moved = await lead.patch(`/api/v1/tickets/${ticket.id}`, { version: ticket.version, teamId: infra, assigneeId: joko });
    expect(moved.status).toBe(200);
    expect(moved.body.team.id).toBe(infra);
    // Now it belongs to Infrastruktur: Budi can no longer edit it.
    expectProblem(await agent.patch(`/api/v1/tickets/${ticket.id}`, { version: moved.body.version, title: 'x' }), 403, 'FORBIDDEN');
  });

  it('overrides priority only with a reason, as a timeline entry', async () => {
    const ticket = await file(requester);
    const me = await userId('budi@nusantara.test');
    const mine = await agent.patch(`/api/v1/tickets/${ticket.id}`, { version: ticket.version, assigneeId: me });
    expect((await agent.patch(`/api/v1/tickets/${ticket.id}`, { version: mine.body.version, priority: 'P1' })).body.code).toBe(
      'PRIORITY_REASON_REQUIRED',
    );
    const raised = await agent.patch(`/api/v1/tickets/${ticket.id}`, {
      version: mine.body.version,
      priority: 'P1',
      priorityReason: 'Direksi terdampak',
    });
    expect(raised.body.priority).toBe('P1');
    expect(raised.body.priorityOverridden).toBe(true);
    const timeline = await agent.get(`/api/v1/tickets/${ticket.id}/timeline`);
    expect(
      timeline.body.items.some(
        (e: { kind: string; data: { reason?: string } }) => e.kind === 'priority_overridden' && e.data.reason === 'Direksi terdampak',
      ),
    ).toBe(true);
  });
});

describe('escalation, conversation and files', () => {
  it('escalates L1 → L2 team → L3 vendor with a reference, each on the timeline', async () => {
    const ticket = await file(requester);
    const infra = await idOf('teams', 'INFRA');
    const me = await userId('budi@nusantara.test');
    await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: me });
    const l2 = await agent.post(`/api/v1/tickets/${ticket.id}/escalations`, {
      kind: 'functional',
      level: 2,
      teamId: infra,
      reason: 'Perlu tim jaringan',
    });
    expect(l2.status).toBe(200);
    expect(l2.body.escalationLevel).toBe(2);
    expect(l2.body.team.id).toBe(infra);
    // Work in progress needs an assignee: handed to a new team, it waits as assigned until someone takes it.
    expect(l2.body).toMatchObject({ status: 'assigned', assignee: null });
    const infraAgent = await t.signIn('joko@nusantara.test');
    const vendorId = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM vendors ORDER BY id LIMIT 1`)).rows[0]?.id);
    const noRef = await infraAgent.post(`/api/v1/tickets/${ticket.id}/escalations`, {
      kind: 'functional',
      level: 3,
      vendorId,
      reason: 'Perangkat vendor',
    });
    expectProblem(noRef, 400, 'ESCALATION_INVALID');
    const l3 = await infraAgent.post(`/api/v1/tickets/${ticket.id}/escalations`, {
      kind: 'functional',
      level: 3,
      vendorId,
      vendorRef: 'MJA-7781',
      reason: 'Perangkat vendor',
    });
    expect(l3.body.escalationLevel).toBe(3);
    expect(l3.body.vendorRef).toBe('MJA-7781');
    const timeline = await infraAgent.get(`/api/v1/tickets/${ticket.id}/timeline`);
    expect(timeline.body.items.filter((e: { kind: string }) => e.kind === 'escalated')).toHaveLength(2);
  });

  it('escalates a security ticket to the head of IT on creation', async () => {
    const sec = await idOf('ticket_categories', 'SEC-VIRUS');
    const ticket = await file(requester, { categoryId: sec, title: 'Laptop terkena ransomware' });
    expect(ticket.hierarchicalLevel).toBe(2);
    const timeline = await agent.get(`/api/v1/tickets/${ticket.id}/timeline`);
    expect(
      timeline.body.items.some(
        (e: { kind: string; data: { reason?: string } }) => e.kind === 'escalated' && e.data.reason === 'security_category',
      ),
    ).toBe(true);
  });

  it('keeps internal notes from requesters', async () => {
    const ticket = await file(requester);
    const me = await userId('budi@nusantara.test');
    await agent.patch(`/api/v1/tickets/${ticket.id}`, { version: ticket.version, assigneeId: me });
    await agent.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Catatan internal: cek switch', internal: true });
    await agent.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Sedang kami periksa.' });
    expectProblem(await requester.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'x', internal: true }), 403, 'FORBIDDEN');
    const seen = await requester.get(`/api/v1/tickets/${ticket.id}/timeline`);
    const bodies = seen.body.items.map((e: { bodyHtml: string | null }) => e.bodyHtml).filter(Boolean);
    expect(bodies).toContain('Sedang kami periksa.');
    expect(JSON.stringify(seen.body)).not.toMatch(/cek switch/);
    const agentView = await agent.get(`/api/v1/tickets/${ticket.id}/timeline`);
    expect(JSON.stringify(agentView.body)).toMatch(/cek switch/);
  });

  it('accepts a real PNG and refuses an .exe renamed .png, an HTML file and an SVG with script', async () => {
    const ticket = await file(requester);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const ok = await requester.upload(`/api/v1/tickets/${ticket.id}/attachments`, {
      name: 'bukti error.png',
      type: 'image/png',
      data: png,
    });
    expect(ok.status).toBe(201);
    const attachment = ok.body.attachments[0];
    expect(attachment.name).toBe('bukti error.png');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    for (const [name, data] of [
      ['foto.png', exe],
      ['halaman.html', html],
      ['gambar.svg', svg],
    ] as const) {
      const res = await requester.upload(`/api/v1/tickets/${ticket.id}/attachments`, { name, type: 'image/png', data });
      expect(res.status, name).toBe(415);
      expect(res.body.code).toBe('ATTACHMENT_TYPE');
    }
    const download = await requester.get(attachment.url);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    const outsider = await t.signIn('teguh@nusantara.test');
    expectProblem(await outsider.get(attachment.url), 404, 'NOT_FOUND');
  });
});

describe('queues and search', () => {
  it('finds tickets by a word of the title or a reply, and by a partial number', async () => {
    const ticket = await file(requester, { title: 'Jaringan kantor cabang Bukittinggi lambat' });
    await requester.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Terjadi sejak pemadaman listrik' });
    const byWord = await agent.get(`/api/v1/tickets?q=${encodeURIComponent('jaringan bukittinggi')}`);
    expect(byWord.body.items.map((i: { id: number }) => i.id)).toContain(ticket.id);
    const byReply = await agent.get('/api/v1/tickets?q=pemadaman');
    expect(byReply.body.items.map((i: { id: number }) => i.id)).toContain(ticket.id);
    const partial = ticket.number.slice(-4);
    const byNumber = await agent.get(`/api/v1/tickets?q=${partial}`);
    expect(byNumber.body.items.map((i: { number: string }) => i.number)).toContain(ticket.number);
  });

  it('pages a search without counting it: one more ticket says another page follows', async () => {
    for (const n of [1, 2, 3]) await file(requester, { title: `Proyektor merek Zyxwvu ${n} mati` });
    const first = await agent.get('/api/v1/tickets?q=zyxwvu&pageSize=2');
    expect(first.body).toMatchObject({ total: 3, totalCapped: true });
    expect(first.body.items).toHaveLength(2);
    const last = await agent.get('/api/v1/tickets?q=zyxwvu&pageSize=2&page=2');
    expect(last.body).toMatchObject({ total: 3, totalCapped: false });
    expect(last.body.items).toHaveLength(1);
    // A list (no search) counts exactly.
    expect((await agent.get('/api/v1/tickets?pageSize=2')).body.totalCapped).toBe(false);
  });

  it('exports the filtered list as CSV with translated headers and neutralised formulas', async () => {
    const ticket = await file(requester, { title: '=HYPERLINK("http://evil","klik")' });
    const res = await agent.get(`/api/v1/tickets/export.csv?q=${encodeURIComponent(ticket.number)}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const [header, row] = res.text.replace(/^\uFEFF/, '').split('\n');
    expect(header).toMatch(/^Nomor,Judul,Jenis,Status/);
    expect(row).toContain(ticket.number);
    expect(row).toContain(`"'=HYPERLINK(""http://evil"",""klik"")"`);
  });

  it('paginates and filters the agent queue', async () => {
    const page = await agent.get('/api/v1/tickets?queue=open&status=new&priority=P4,P5&sort=priority&pageSize=5');
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeLessThanOrEqual(5);
    expect(page.body.total).toBeGreaterThan(5);
    for (const item of page.body.items) {
      expect(item.status).toBe('new');
      expect(['P4', 'P5']).toContain(item.priority);
    }
    expectProblem(await agent.get('/api/v1/tickets?status=bogus'), 400, 'VALIDATION_FAILED');
  });

  it('counts this month’s visible tickets by status and unit for dashboards', async () => {
    const before = await executive.get('/api/v1/tickets/counts');
    expect(before.status).toBe(200);
    const filed = await file(requester);
    const after = await executive.get('/api/v1/tickets/counts');
    expect(after.body.total).toBe(before.body.total + 1);
    const newCount = (body: { byStatus: { status: string; count: number }[] }) => body.byStatus.find((s) => s.status === 'new')?.count ?? 0;
    expect(newCount(after.body)).toBe(newCount(before.body) + 1);
    expect(after.body.byStatus.find((s: { status: string }) => s.status === 'new').label).toBe('Baru');
    expect(after.body.byUnit.reduce((sum: number, u: { count: number }) => sum + u.count, 0)).toBe(after.body.total);
    expect(after.body.from <= filed.createdAt.slice(0, 10) && filed.createdAt.slice(0, 10) <= after.body.to).toBe(true);

    // A requester counts their own unit only.
    const own = await requester.get('/api/v1/tickets/counts');
    expect(own.body.byUnit.map((u: { unit: { id: number } }) => u.unit.id)).toEqual([filed.unit.id]);

    const reversed = await executive.get('/api/v1/tickets/counts?from=2026-02-01&to=2026-01-01');
    expectProblem(reversed, 400, 'PERIOD_REVERSED');
    expect(reversed.body.detail).toMatch(/periode/);
    expectProblem(await executive.get('/api/v1/tickets/counts?month=1'), 400, 'VALIDATION_FAILED');
  });
});

describe('workspace tools', () => {
  it('applies a bulk change per ticket, refusing what the caller may not do', async () => {
    const mineA = await file(requester);
    const mineB = await file(requester);
    const infra = await idOf('teams', 'INFRA');
    const joko = await userId('joko@nusantara.test');
    const elsewhere = await file(requester);
    await lead.patch(`/api/v1/tickets/${elsewhere.id}`, { version: elsewhere.version, teamId: infra, assigneeId: joko });
    const me = await userId('budi@nusantara.test');
    const res = await agent.post('/api/v1/tickets/bulk', { ids: [mineA.id, mineB.id, elsewhere.id, 99999999], assigneeId: me });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.results.map((r: { id: number }) => [r.id, r]));
    expect(byId[mineA.id].ok).toBe(true);
    expect(byId[mineB.id].ok).toBe(true);
    expect(byId[elsewhere.id]).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(byId[99999999]).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await agent.get(`/api/v1/tickets/${mineA.id}`)).body.assignee.id).toBe(me);
    const started = await agent.post('/api/v1/tickets/bulk', { ids: [mineA.id, mineB.id], status: 'in_progress' });
    expect(started.body.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
  });

  it('keeps saved views per user', async () => {
    const saved = await agent.post('/api/v1/saved-views', { name: 'P1 terbuka', filters: { queue: 'open', priority: 'P1' } });
    expect(saved.status).toBe(201);
    expectProblem(await agent.post('/api/v1/saved-views', { name: 'Rusak', filters: { priority: 'P9' } }), 400, 'VALIDATION_FAILED');
    expect((await agent.get('/api/v1/saved-views')).body.items.map((v: { name: string }) => v.name)).toContain('P1 terbuka');
    expect((await lead.get('/api/v1/saved-views')).body.items).toEqual([]);
    expectProblem(await lead.delete(`/api/v1/saved-views/${saved.body.id}`), 404, 'NOT_FOUND');
    expect((await agent.delete(`/api/v1/saved-views/${saved.body.id}`)).status).toBe(204);
  });

  it('links a duplicate and points its requester to the original when it is closed', async () => {
    const original = await file(requester, { title: 'Email dinas tidak bisa kirim' });
    const duplicate = await file(requester, { title: 'Email tidak terkirim' });
    const me = await userId('budi@nusantara.test');
    await agent.patch(`/api/v1/tickets/${duplicate.id}`, { version: duplicate.version, assigneeId: me });
    const linked = await agent.post(`/api/v1/tickets/${duplicate.id}/links`, { other: original.number, kind: 'duplicate_of' });
    expect(linked.status).toBe(200);
    expect(linked.body.links[0]).toMatchObject({ kind: 'duplicate_of', ticket: { number: original.number } });
    expect((await agent.get(`/api/v1/tickets/${original.id}`)).body.links[0].kind).toBe('duplicated_by');
    await agent.post(`/api/v1/tickets/${duplicate.id}/transitions`, { to: 'cancelled', reason: 'Duplikat' });
    const timeline = await requester.get(`/api/v1/tickets/${duplicate.id}/timeline`);
    const closing = timeline.body.items.find((e: { kind: string }) => e.kind === 'status_changed');
    expect(closing.data.duplicateOf.number).toBe(original.number);
  });

  it('removes a link from either side, on both timelines; others get 404', async () => {
    const a = await file(requester, { title: 'Wi-Fi lantai 2 putus' });
    const b = await file(requester, { title: 'Wi-Fi lantai 3 putus' });
    const me = await userId('budi@nusantara.test');
    await agent.patch(`/api/v1/tickets/${a.id}`, { version: a.version, assigneeId: me });
    const linked = await agent.post(`/api/v1/tickets/${a.id}/links`, { other: b.number, kind: 'related' });
    const linkId = linked.body.links[0].id;
    expectProblem(await requester.delete(`/api/v1/tickets/${a.id}/links/${linkId}`), 403, 'FORBIDDEN');
    expectProblem(await agent.delete(`/api/v1/tickets/${a.id}/links/999999`), 404, 'NOT_FOUND');
    const unlinked = await agent.delete(`/api/v1/tickets/${b.id}/links/${linkId}`);
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.links).toEqual([]);
    expect((await agent.get(`/api/v1/tickets/${a.id}`)).body.links).toEqual([]);
    const entry = (await agent.get(`/api/v1/tickets/${a.id}/timeline`)).body.items.find((e: { kind: string }) => e.kind === 'unlinked');
    expect(entry.data).toMatchObject({ kind: 'related', otherNumber: b.number });
  });

  it('lets the service desk find people to log for, within its scope only', async () => {
    const found = await agent.get('/api/v1/people?q=siti');
    expect(found.status).toBe(200);
    expect(found.body.items).toContainEqual(
      expect.objectContaining({ email: 'siti@nusantara.test', unit: expect.objectContaining({ name: 'Produk' }) }),
    );
    // Budi works tickets of PT Nusantara only: Kominfo's staff are not his to log for.
    expect((await agent.get('/api/v1/people?q=nurul')).body.items).toEqual([]);
    expectProblem(await requester.get('/api/v1/people?q=budi'), 403, 'FORBIDDEN');
    expectProblem(await agent.get('/api/v1/people?q=s'), 400, 'VALIDATION_FAILED');
  });
});

describe('who may be named on a ticket (rule probes)', () => {
  it('refuses an assignee who may not work it and a watcher from another company; a colleague may watch', async () => {
    const f = factories(t.ctx);
    const produk = await f.place('PRODUK');
    const ticket = await f.ticket(produk);
    // Yoga works tickets at Kominfo only: handing him a Nusantara ticket would show it to another company.
    const outsider = await lead.patch(`/api/v1/tickets/${ticket.id}`, { version: 1, assigneeId: await userId('yoga@bukittinggi.test') });
    expectProblem(outsider, 400, 'ASSIGNEE_NOT_ELIGIBLE');
    expect(outsider.body.code).toBe('ASSIGNEE_NOT_ELIGIBLE');
    // Arif sits at Arduo: as a watcher he would read the ticket.
    const watcher = await lead.patch(`/api/v1/tickets/${ticket.id}`, { version: 1, watcherIds: [await userId('arif@arduo.test')] });
    expectProblem(watcher, 400, 'WATCHER_NOT_ELIGIBLE');
    expect(watcher.body.code).toBe('WATCHER_NOT_ELIGIBLE');
    const unchanged = await lead.get(`/api/v1/tickets/${ticket.id}`);
    expect(unchanged.body).toMatchObject({ version: 1, assignee: null, watchers: [] });

    const colleague = await f.user(await f.place('BIGDATA'));
    const watched = await lead.patch(`/api/v1/tickets/${ticket.id}`, { version: 1, watcherIds: [colleague.id] });
    expect(watched.status).toBe(200);
    expect(watched.body.watchers).toEqual([{ id: colleague.id, name: colleague.name }]);
    const assigned = await lead.patch(`/api/v1/tickets/${ticket.id}`, { version: 2, assigneeId: await userId('budi@nusantara.test') });
    expect(assigned.status).toBe(200);
  });

  it('shows a linked ticket’s title only to readers who may open it', async () => {
    const f = factories(t.ctx);
    const mine = await f.ticket(await f.place('PRODUK'), { requesterId: await userId('siti@nusantara.test') });
    const elsewhere = await f.ticket(await f.place('BIGDATA'), { title: 'Server analitik rahasia mati' });
    const linked = await agent.post(`/api/v1/tickets/${mine.id}/links`, { other: elsewhere.number, kind: 'related' });
    expect(linked.status).toBe(200);
    expect(linked.body.links[0].ticket).toMatchObject({ number: elsewhere.number, title: 'Server analitik rahasia mati', visible: true });

    const seen = await requester.get(`/api/v1/tickets/${mine.id}`);
    expect(seen.body.links).toEqual([
      {
        id: linked.body.links[0].id,
        kind: 'related',
        ticket: { id: elsewhere.id, number: elsewhere.number, title: null, status: null, visible: false },
      },
    ]);
    expect(JSON.stringify(seen.body)).not.toContain('rahasia');
    expectProblem(await requester.get(`/api/v1/tickets/${elsewhere.id}`), 404, 'NOT_FOUND');
  });
});
