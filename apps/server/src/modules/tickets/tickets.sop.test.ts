import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';

// Issue 16: what the SOPs (001–004) still asked for, and the rules behind the defects users hit.

let t: TestApp;
let requester: Client; // siti, Produk
let colleague: Client; // hendra, also in Produk (Approver)
let agent: Client; // budi, Service Desk
let lead: Client; // dewi, Team Lead (company), lead and member of Service Desk, not a member of Infrastruktur
let admin: Client;
const user: Record<string, number> = {};
const team: Record<string, number> = {};
const dir = mkdtempSync(join(tmpdir(), 'ish-sop-'));

beforeAll(async () => {
  t = await createTestApp();
  [requester, agent, lead, admin] = await Promise.all([
    t.actingAs('requester'),
    t.actingAs('agent'),
    t.actingAs('team_lead'),
    t.actingAs('administrator'),
  ]);
  colleague = await t.actingAs('approver');
  for (const r of (await t.ctx.db.execute<{ id: number; email: string }>(sql`SELECT id, email FROM users`)).rows)
    user[r.email] = Number(r.id);
  for (const r of (await t.ctx.db.execute<{ id: number; code: string }>(sql`SELECT id, code FROM teams`)).rows) team[r.code] = Number(r.id);
});
afterAll(() => t.close());

async function file(client: Client, body: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/tickets', { title: 'Printer lantai 5 macet', urgency: 'medium', impact: 'low', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
const timeline = async (client: Client, id: number) => (await client.get(`/api/v1/tickets/${id}/timeline`)).body;
const notices = async (email: string, ticketId: number) =>
  (
    await t.ctx.db.execute<{ event: string }>(
      sql`SELECT event FROM notifications WHERE user_id = ${user[email]} AND ticket_id = ${ticketId} ORDER BY id`,
    )
  ).rows.map((r) => r.event);
const categoryId = async (code: string) =>
  Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM ticket_categories WHERE code = ${code}`)).rows[0]?.id);

describe('point 3: only what will succeed is offered', () => {
  it('offers a lead neither Take nor Start on a ticket of a team they lead but do not belong to, and both would fail', async () => {
    const ticket = await file(requester);
    // Dewi (company-wide Team Lead) hands it to Infrastruktur, where she is not a member.
    const handed = await lead.patch(`/api/v1/tickets/${ticket.id}`, { version: ticket.version, teamId: team.INFRA });
    expect(handed.status).toBe(200);
    expect(handed.body.allowedActions).not.toContain('take');
    expect(handed.body.allowedActions).not.toContain('start');
    expect(handed.body.allowedActions).toContain('reassign');
    // What the UI would have sent for them: refused by the guards.
    const take = await lead.patch(`/api/v1/tickets/${ticket.id}`, {
      version: handed.body.version,
      assigneeId: user['dewi@nusantara.test'],
    });
    expect(take.body.code).toBe('ASSIGNEE_NOT_IN_TEAM');
    // Named to Joko (a member), the lead may start it, and starting succeeds.
    const named = await lead.patch(`/api/v1/tickets/${ticket.id}`, {
      version: handed.body.version,
      assigneeId: user['joko@nusantara.test'],
    });
    expect(named.body.allowedActions).toContain('start');
    const started = await lead.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', version: named.body.version });
    expect(started.status).toBe(200);
  });

  it('never offers an action whose request is then refused', async () => {
    for (const actor of [agent, lead]) {
      const ticket = await file(requester);
      const seen = (await actor.get(`/api/v1/tickets/${ticket.id}`)).body;
      const me = (await actor.get('/api/v1/me')).body.user.id;
      if (seen.allowedActions.includes('take')) {
        const res = await actor.patch(`/api/v1/tickets/${ticket.id}`, { version: seen.version, assigneeId: me });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
      const now = (await actor.get(`/api/v1/tickets/${ticket.id}`)).body;
      expect(now.allowedActions).toContain('start');
      const started = await actor.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', version: now.version });
      expect(started.status, JSON.stringify(started.body)).toBe(200);
    }
  });

  it('lists the teams and people a lead may hand a ticket to, and an agent only their own team', async () => {
    const ticket = await file(requester);
    const forLead = (await lead.get(`/api/v1/tickets/${ticket.id}/assignees`)).body;
    expect(forLead.teams.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['Service Desk', 'Infrastruktur']));
    const infra = forLead.teams.find((x: { name: string }) => x.name === 'Infrastruktur');
    expect(infra.members.map((m: { name: string }) => m.name)).toContain('Joko Susilo');
    const forAgent = (await agent.get(`/api/v1/tickets/${ticket.id}/assignees`)).body;
    expect(forAgent.teams.map((x: { name: string }) => x.name)).toEqual(['Service Desk']);
    const refused = await requester.get(`/api/v1/tickets/${ticket.id}/assignees`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
  });
});

describe('point 5: escalation keeps its context', () => {
  it('names level, team and reason on the timeline, and the L1 agent keeps writing internal notes', async () => {
    const ticket = await file(requester);
    const started = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, {
      to: 'in_progress',
      assigneeId: user['budi@nusantara.test'],
    });
    const escalated = await agent.post(`/api/v1/tickets/${ticket.id}/escalations`, {
      version: started.body.version,
      kind: 'functional',
      level: 2,
      teamId: team.INFRA,
      reason: 'Perlu pengecekan server',
    });
    expect(escalated.status).toBe(200);
    expect(escalated.body.allowedActions).toContain('internal_note');
    const entries = await timeline(agent, ticket.id);
    const entry = entries.items.find((e: { kind: string }) => e.kind === 'escalated');
    expect(entry.data).toMatchObject({ kind: 'functional', level: [1, 2], teamId: [null, team.INFRA], reason: 'Perlu pengecekan server' });
    expect(entries.teams[String(team.INFRA)]).toBe('Infrastruktur');
    const note = await agent.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Catatan: sudah restart sekali', internal: true });
    expect(note.status).toBe(201);
    // An agent who never worked it still may not.
    const ratna = await t.signIn('ratna@nusantara.test');
    expect((await ratna.get(`/api/v1/tickets/${ticket.id}`)).body.allowedActions).not.toContain('internal_note');
    const refused = await ratna.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'x', internal: true });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
  });
});

describe('point 10 (002 §4.h): security requests reach the head of IT and the IT director', () => {
  it('escalates on creation to both, each notified, one timeline entry naming both', async () => {
    const ticket = await file(requester, { title: 'Email phishing meminta kata sandi', categoryId: await categoryId('SEC-BREACH') });
    const entry = (await timeline(agent, ticket.id)).items.find((e: { kind: string }) => e.kind === 'escalated');
    expect(entry.data.targetUserIds).toEqual([user['surya@nusantara.test'], user['bambang@nusantara.test']]);
    expect(await notices('surya@nusantara.test', ticket.id)).toContain('ticket_escalated');
    expect(await notices('bambang@nusantara.test', ticket.id)).toContain('ticket_escalated');
  });
});

describe('point 11 (002 §4.k): the requester hears when the person or team in charge changes', () => {
  it('tells the requester on assignment, reassignment and escalation to another team, not on a status change alone', async () => {
    const ticket = await file(requester);
    const assigned = await agent.patch(`/api/v1/tickets/${ticket.id}`, {
      version: ticket.version,
      assigneeId: user['budi@nusantara.test'],
    });
    expect(await notices('siti@nusantara.test', ticket.id)).toEqual(['ticket_created', 'handler_changed']);
    const reassigned = await agent.patch(`/api/v1/tickets/${ticket.id}`, {
      version: assigned.body.version,
      teamId: team.SD,
      assigneeId: user['ratna@nusantara.test'],
    });
    const started = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', version: reassigned.body.version });
    expect(started.status).toBe(200);
    await agent.post(`/api/v1/tickets/${ticket.id}/escalations`, {
      version: started.body.version,
      kind: 'functional',
      level: 2,
      teamId: team.INFRA,
      reason: 'Butuh tim jaringan',
    });
    expect((await notices('siti@nusantara.test', ticket.id)).filter((e) => e === 'handler_changed')).toHaveLength(3);
    const mail = await t.ctx.db.execute<{ variables: Record<string, string> }>(
      sql`SELECT variables FROM notification_deliveries WHERE event = 'handler_changed' AND ticket_id = ${ticket.id} AND channel = 'email' ORDER BY id DESC LIMIT 1`,
    );
    expect(mail.rows[0]?.variables.team).toBe('Infrastruktur');
  });
});

describe('point 12 (002 §6.f): a temporary fix leaves a follow-up until the permanent one', () => {
  it('opens a linked follow-up for the team, lists the ticket as permanent-pending, and records the permanent solution', async () => {
    const ticket = await file(requester);
    const started = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, {
      to: 'in_progress',
      assigneeId: user['budi@nusantara.test'],
      teamId: team.SD,
    });
    const resolved = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, {
      to: 'resolved',
      version: started.body.version,
      solutionSummary: 'Printer dipindah ke jalur cadangan',
      fulfilment: 'temporary',
    });
    expect(resolved.body.fulfilment).toBe('temporary');
    const link = resolved.body.links.find((l: { kind: string }) => l.kind === 'follow_up');
    expect(link).toBeDefined();
    const followUp = (await agent.get(`/api/v1/tickets/${link.ticket.id}`)).body;
    expect(followUp).toMatchObject({ status: 'assigned', team: { id: team.SD }, assignee: { id: user['budi@nusantara.test'] } });
    expect(followUp.title).toContain('Printer lantai 5 macet');
    expect(followUp.links[0]).toMatchObject({ kind: 'follow_up_of', ticket: { id: ticket.id } });

    const pending = async () =>
      (await agent.get('/api/v1/tickets?permanentPending=true&pageSize=100')).body.items.map((x: { id: number }) => x.id);
    expect(await pending()).toContain(ticket.id);
    expect(await pending()).not.toContain(followUp.id);

    const fstart = await agent.post(`/api/v1/tickets/${followUp.id}/transitions`, { to: 'in_progress', version: followUp.version });
    await agent.post(`/api/v1/tickets/${followUp.id}/transitions`, {
      to: 'resolved',
      version: fstart.body.version,
      solutionSummary: 'Mainboard printer diganti',
      fulfilment: 'permanent',
    });
    expect(await pending()).not.toContain(ticket.id);
    const entry = (await timeline(requester, ticket.id)).items.find((e: { kind: string }) => e.kind === 'permanent_solution');
    expect(entry.data).toMatchObject({ otherNumber: followUp.number, solutionSummary: 'Mainboard printer diganti' });
  });
});

describe('point 13 (003 §6): the team lead validates before the requester confirms', () => {
  it('holds a resolved solution for the lead when the team requires it, then asks the requester', async () => {
    const sd = (await admin.get(`/api/v1/teams?q=Service%20Desk`)).body.items[0];
    const saved = await admin.patch(`/api/v1/teams/${sd.id}`, { version: sd.version, validatesSolutions: true });
    expect(saved.body.validatesSolutions).toBe(true);
    try {
      const ticket = await file(requester);
      const started = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, {
        to: 'in_progress',
        assigneeId: user['budi@nusantara.test'],
        teamId: team.SD,
      });
      const resolved = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, {
        to: 'resolved',
        version: started.body.version,
        solutionSummary: 'Driver diperbarui',
      });
      expect(resolved.body.awaitingValidation).toBe(true);
      expect(await notices('siti@nusantara.test', ticket.id)).not.toContain('ticket_resolved');
      expect(await notices('dewi@nusantara.test', ticket.id)).toContain('validation_requested');
      const bySiti = (await requester.get(`/api/v1/tickets/${ticket.id}`)).body;
      expect(bySiti.allowedActions).not.toContain('confirm');
      const early = await requester.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'closed' });
      expect(early.status).toBe(403);

      // An agent may not validate; the lead must give a reason to send it back.
      const byAgent = await agent.post(`/api/v1/tickets/${ticket.id}/validation`, { approve: true });
      expect(byAgent.status).toBe(403);
      expect(byAgent.body.code).toBe('FORBIDDEN');
      const noReason = await lead.post(`/api/v1/tickets/${ticket.id}/validation`, { approve: false });
      expect(noReason.body.code).toBe('REASON_REQUIRED');

      const validated = await lead.post(`/api/v1/tickets/${ticket.id}/validation`, { approve: true, version: resolved.body.version });
      expect(validated.status).toBe(200);
      expect(validated.body.awaitingValidation).toBe(false);
      expect(await notices('siti@nusantara.test', ticket.id)).toContain('ticket_resolved');
      expect((await requester.get(`/api/v1/tickets/${ticket.id}`)).body.allowedActions).toContain('confirm');
      const kinds = (await timeline(agent, ticket.id)).items.map((e: { kind: string }) => e.kind);
      expect(kinds).toContain('solution_validated');

      // Sent back: work resumes, on the timeline with the reason.
      const other = await file(requester);
      const s2 = await agent.post(`/api/v1/tickets/${other.id}/transitions`, {
        to: 'in_progress',
        assigneeId: user['budi@nusantara.test'],
        teamId: team.SD,
      });
      await agent.post(`/api/v1/tickets/${other.id}/transitions`, {
        to: 'resolved',
        version: s2.body.version,
        solutionSummary: 'Coba lagi',
      });
      const back = await lead.post(`/api/v1/tickets/${other.id}/validation`, { approve: false, reason: 'Belum diuji dengan pemohon' });
      expect(back.body).toMatchObject({ status: 'in_progress', awaitingValidation: false });
      const rejected = (await timeline(agent, other.id)).items.find((e: { kind: string }) => e.kind === 'solution_rejected');
      expect(rejected.data.reason).toBe('Belum diuji dengan pemohon');
    } finally {
      const now = (await admin.get(`/api/v1/teams?q=Service%20Desk`)).body.items[0];
      await admin.patch(`/api/v1/teams/${sd.id}`, { version: now.version, validatesSolutions: false });
    }
  });

  it('lets a team without the setting go straight to the requester', async () => {
    const ticket = await file(requester);
    const started = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, {
      to: 'in_progress',
      assigneeId: user['budi@nusantara.test'],
    });
    const resolved = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, {
      to: 'resolved',
      version: started.body.version,
      solutionSummary: 'OK',
    });
    expect(resolved.body.awaitingValidation).toBe(false);
    expect(await notices('siti@nusantara.test', ticket.id)).toContain('ticket_resolved');
  });
});

describe('point 14 (001 §3.7): starting with an assignee leaves an assignment entry', () => {
  it('records who was assigned next to the status change', async () => {
    const ticket = await file(requester);
    await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: user['budi@nusantara.test'] });
    const items = (await timeline(agent, ticket.id)).items;
    const assigned = items.find((e: { kind: string }) => e.kind === 'assigned');
    expect(assigned.data.assigneeId).toEqual([null, user['budi@nusantara.test']]);
    expect(items.some((e: { kind: string }) => e.kind === 'status_changed')).toBe(true);
  });
});

describe('point 15 (003 §7): helpdesk team, operating unit and company, services, editable fields', () => {
  it('sends a company’s new tickets to its helpdesk team (Customer Care for Arduo)', async () => {
    const arif = await t.signIn('arif@arduo.test');
    const ticket = await file(arif);
    expect(ticket).toMatchObject({ team: { name: 'Customer Care' }, status: 'assigned', company: { name: 'PT Arduo Kreasi Indonesia' } });
    // Nusantara has no default team: its tickets wait for the desk as before.
    expect((await file(requester)).team).toBeNull();
  });

  it('lets an agent choose the operating unit (and so the company) and the helpdesk team within their scope', async () => {
    const bayu = await t.signIn('bayu@arduo.test');
    const surabaya = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM units WHERE code = 'OU-SBY'`)).rows[0]?.id);
    const ticket = await file(bayu, { requesterId: user['arif@arduo.test'], unitId: surabaya, teamId: team.CC, channel: 'phone' });
    expect(ticket).toMatchObject({ unit: { name: 'OU Surabaya' }, company: { name: 'PT Arduo Kreasi Indonesia' }, team: { id: team.CC } });
    // Outside the agent's scope, and a team of another company: refused, nothing created.
    const before = Number((await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM tickets`)).rows[0]?.n);
    const produk = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM units WHERE code = 'PRODUK'`)).rows[0]?.id);
    const outside = await bayu.post('/api/v1/tickets', { title: 'x', requesterId: user['arif@arduo.test'], unitId: produk });
    expect(outside.status).toBe(403);
    expect(outside.body.code).toBe('FORBIDDEN');
    const wrongTeam = await bayu.post('/api/v1/tickets', { title: 'x', requesterId: user['arif@arduo.test'], teamId: team.SD });
    expect(wrongTeam.body.code).toBe('UNKNOWN_REFERENCE');
    // A requester chooses neither.
    const self = await requester.post('/api/v1/tickets', { title: 'x', unitId: produk });
    expect(self.status).toBe(403);
    expect(Number((await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM tickets`)).rows[0]?.n)).toBe(before);
  });

  it('takes a business service on the form and lets agents edit category, type, title, description and service, each on the timeline', async () => {
    const service = (await agent.get('/api/v1/business-services?pageSize=5&active=true')).body.items[0];
    const ticket = await file(requester, { serviceId: service.id });
    expect(ticket.service).toMatchObject({ id: service.id });
    const edited = await agent.patch(`/api/v1/tickets/${ticket.id}`, {
      version: ticket.version,
      title: 'Printer lantai 5 rusak',
      type: 'request',
      description: '<p>Roller aus</p>',
      categoryId: await categoryId('HW-PRINT'),
      serviceId: null,
    });
    expect(edited.status).toBe(200);
    const changed = (await timeline(agent, ticket.id)).items.find((e: { kind: string }) => e.kind === 'fields_changed');
    expect(Object.keys(changed.data)).toEqual(expect.arrayContaining(['title', 'type', 'descriptionHtml', 'categoryId', 'serviceId']));
    expect((await requester.patch(`/api/v1/tickets/${ticket.id}`, { version: edited.body.version, title: 'x' })).status).toBe(403);
  });
});

describe('point 16 (004 Tables 3 and 4): urgent positions', () => {
  it('raises urgency to high for a reporter holding a configured position, and says why on the timeline', async () => {
    const nurul = await t.signIn('nurul@bukittinggi.test'); // Kepala Bidang
    const ticket = await file(nurul, { urgency: 'low', impact: 'low' });
    expect(ticket).toMatchObject({ urgency: 'high', priority: 'P3' });
    const created = (await timeline(nurul, ticket.id)).items.find((e: { kind: string }) => e.kind === 'created');
    expect(created.data.urgentPosition).toBe('Kepala Bidang');
    // Anyone else keeps the urgency they chose.
    expect((await file(requester, { urgency: 'low', impact: 'low' })).urgency).toBe('low');
  });

  it('lets an Administrator set people’s positions and the urgent ones', async () => {
    const user14 = (await admin.get(`/api/v1/users/${user['siti@nusantara.test']}`)).body;
    const saved = await admin.patch(`/api/v1/users/${user14.id}`, { version: user14.version, position: 'Kepala Pos' });
    expect(saved.body.position).toBe('Kepala Pos');
    const siti = await t.signIn('siti@nusantara.test');
    expect((await file(siti, { urgency: 'low' })).urgency).toBe('high');
    await admin.patch(`/api/v1/users/${user14.id}`, { version: saved.body.version, position: null });
  });
});

describe('point 17 (001 §3.7): contact data, internal files and removing attachments', () => {
  it('shows phone and email to the service desk, the requester and leads, not to colleagues of the unit', async () => {
    const ticket = await file(requester, { contactPhone: '0812-9999-0000' });
    expect((await requester.get(`/api/v1/tickets/${ticket.id}`)).body.contactPhone).toBe('0812-9999-0000');
    expect((await agent.get(`/api/v1/tickets/${ticket.id}`)).body.contactPhone).toBe('0812-9999-0000');
    expect((await lead.get(`/api/v1/tickets/${ticket.id}`)).body.contactEmail).toBe('siti@nusantara.test');
    const seen = await colleague.get(`/api/v1/tickets/${ticket.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ contactPhone: null, contactEmail: null });
  });

  const png = Buffer.from(
    '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
      '1f15c4890000000d49444154789c6300010000050001' +
      '0d0a2db40000000049454e44ae426082',
    'hex',
  );

  it('keeps internal attachments from the requester', async () => {
    const ticket = await file(requester);
    const up = await agent.upload(
      `/api/v1/tickets/${ticket.id}/attachments`,
      { name: 'log-server.png', type: 'image/png', data: png },
      { internal: 'true' },
    );
    expect(up.status).toBe(201);
    expect(up.body.attachments[0]).toMatchObject({ internal: true });
    expect((await requester.get(`/api/v1/tickets/${ticket.id}`)).body.attachments).toEqual([]);
    expect((await requester.get(up.body.attachments[0].url)).status).toBe(404);
  });

  it('lets the uploader remove a file before work starts and a lead afterwards, on the timeline', async () => {
    const ticket = await file(requester);
    const first = await requester.upload(`/api/v1/tickets/${ticket.id}/attachments`, { name: 'salah.png', type: 'image/png', data: png });
    const attachment = first.body.attachments[0];
    expect(attachment.canDelete).toBe(true);
    const removed = await requester.delete(`/api/v1/tickets/${ticket.id}/attachments/${attachment.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.attachments).toEqual([]);
    expect((await agent.get(attachment.url)).status).toBe(404);
    const entry = (await timeline(requester, ticket.id)).items.find((e: { kind: string }) => e.kind === 'attachment_deleted');
    expect(entry).toMatchObject({ actor: { id: user['siti@nusantara.test'] }, data: { name: 'salah.png' } });

    const second = await requester.upload(`/api/v1/tickets/${ticket.id}/attachments`, { name: 'bukti.png', type: 'image/png', data: png });
    await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: user['budi@nusantara.test'] });
    const later = second.body.attachments[0];
    expect((await requester.get(`/api/v1/tickets/${ticket.id}`)).body.attachments[0].canDelete).toBe(false);
    const refused = await requester.delete(`/api/v1/tickets/${ticket.id}/attachments/${later.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const byAgent = await agent.delete(`/api/v1/tickets/${ticket.id}/attachments/${later.id}`);
    expect(byAgent.status).toBe(403);
    const byLead = await lead.delete(`/api/v1/tickets/${ticket.id}/attachments/${later.id}`);
    expect(byLead.status).toBe(200);
    const row = await t.ctx.db.execute<{ deleted_by: number }>(sql`SELECT deleted_by FROM ticket_attachments WHERE id = ${later.id}`);
    expect(Number(row.rows[0]?.deleted_by)).toBe(user['dewi@nusantara.test']);
  });
});

describe('point 18 (004 §D.10): printable report of closed incidents', () => {
  it('prints the incidents closed in a period that the reader may see, for the desk and report readers only', async () => {
    const ticket = await file(requester, { title: 'Monitor berkedip terus' });
    const started = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, {
      to: 'in_progress',
      assigneeId: user['budi@nusantara.test'],
    });
    const resolved = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, {
      to: 'resolved',
      version: started.body.version,
      solutionSummary: 'Kabel diganti',
    });
    await requester.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'closed', version: resolved.body.version });
    // The company's days, whatever its zone: closed now falls between yesterday and tomorrow (UTC dates).
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/reports/closed?from=${day(-1)}&to=${day(1)}`,
      headers: { cookie: agent.cookie ?? '' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = join(dir, 'closed.pdf');
    writeFileSync(pdf, res.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString('utf8');
    expect(text).toContain('LAPORAN INSIDEN DITUTUP');
    expect(text).toContain(ticket.number);
    expect(text).toContain('Monitor berkedip terus');
    const refused = await requester.get(`/api/v1/tickets/reports/closed?from=${day(-1)}&to=${day(1)}`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const reversed = await agent.get(`/api/v1/tickets/reports/closed?from=${day(0)}&to=2020-01-01`);
    expect(reversed.body.code).toBe('PERIOD_REVERSED');
  });
});

describe('point 8: export of the current list', () => {
  it('exports the filtered list as XLSX with neutralised formulas, ASCII and full-width', async () => {
    const ticket = await file(requester, { title: '＝HYPERLINK("http://evil")' });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/export?format=xlsx&q=${encodeURIComponent(ticket.number)}`,
      headers: { cookie: agent.cookie ?? '' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe('Nomor');
    expect(sheet?.getRow(2).getCell(1).value).toBe(ticket.number);
    expect(sheet?.getRow(2).getCell(2).value).toBe(`'＝HYPERLINK("http://evil")`);
    expect(sheet?.rowCount).toBe(2);
    const csv = await agent.get(`/api/v1/tickets/export?format=csv&q=${encodeURIComponent(ticket.number)}`);
    expect(csv.text).toContain(`'＝HYPERLINK`);
    const refused = await requester.get('/api/v1/tickets/export?format=xlsx');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
  });
});
