import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../test/factories.ts';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let putri: Client; // Change Requester, DevOps (Platform & Cloud)
let agus: Client; // Change Manager, organisation
let maya: Client; // CAB
let indra: Client; // CAB
let sekar: Client; // CAB
let rudi: Client; // Implementer
const service: Record<string, number> = {};
const user: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  [putri, agus, maya, rudi] = await Promise.all([
    t.actingAs('change_requester'),
    t.actingAs('change_manager'),
    t.actingAs('cab_member'),
    t.actingAs('implementer'),
  ]);
  indra = await t.signIn('indra@nusantara.test');
  sekar = await t.signIn('sekar@nusantara.test');
  for (const r of (await t.ctx.db.execute<{ id: number; code: string }>(sql`SELECT id, code FROM business_services`)).rows)
    service[r.code] = Number(r.id);
  for (const r of (await t.ctx.db.execute<{ id: number; email: string }>(sql`SELECT id, email FROM users`)).rows)
    user[r.email.split('@')[0] ?? ''] = Number(r.id);
});
afterAll(() => t.close());

/** Far enough ahead that no other change or freeze of the file meets it. */
let slot = 0;
function nextWindow(hours = 2) {
  const start = new Date(Date.UTC(2031, 0, 6, 1) + slot++ * 7 * 86_400_000);
  return { plannedStart: start.toISOString(), plannedEnd: new Date(start.getTime() + hours * 3600_000).toISOString() };
}

const HIGH_RISK = { production: true, usersAffected: 'all', testedInStaging: false, rollbackTested: false, doneBefore: false } as const;
const LOW_RISK = { production: false, usersAffected: 'none', testedInStaging: true, rollbackTested: true, doneBefore: true } as const;

function rfc(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Migrasi basis data PosPay ke PostgreSQL 18',
    description: 'Memindahkan basis data produksi PosPay ke klaster baru.',
    reason: 'Versi lama berakhir dukungannya.',
    category: 'Basis data',
    impact: 'PosPay tidak tersedia selama 30 menit.',
    implementationPlan: '1. Bekukan penulisan\n2. Salin data\n3. Alihkan koneksi',
    testPlan: 'Uji transaksi pembayaran di staging dan produksi.',
    rollbackPlan: 'Alihkan koneksi kembali ke klaster lama.',
    serviceIds: [service.POSPAY],
    riskAnswers: HIGH_RISK,
    implementerId: user.rudi,
    tasks: ['Bekukan penulisan', 'Salin data', 'Alihkan koneksi'],
    ...nextWindow(),
    ...overrides,
  };
}

async function create(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/v1/changes', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function move(client: Client, change: { id: number }, to: string, extra: Record<string, unknown> = {}) {
  return client.post(`/api/v1/changes/${change.id}/transitions`, { to, ...extra });
}

async function moved(client: Client, change: { id: number }, to: string, extra: Record<string, unknown> = {}) {
  const res = await move(client, change, to, extra);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** A normal change submitted by Putri and sent by the Change Manager to approval. */
async function waitingForApproval(overrides: Record<string, unknown> = {}) {
  const change = await create(putri, { ...rfc(overrides), submit: true });
  expect(change.status).toBe('submitted');
  return moved(agus, change, 'pending_approval');
}

async function setRule(rule: Record<string, unknown>) {
  const current = (await agus.get('/api/v1/change-settings')).body;
  const res = await agus.put('/api/v1/change-settings', { ...current, ...rule });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe('request for change', () => {
  it('numbers changes CHG-yyyy-NNNNNN in the requester company’s year and starts as a draft with the risk assessed', async () => {
    const change = await create(putri, rfc());
    expect(change.number).toMatch(/^CHG-\d{4}-\d{6}$/);
    expect(change).toMatchObject({
      status: 'draft',
      type: 'normal',
      risk: 'high',
      requester: { name: 'Putri Ayu Lestari' },
      implementer: { id: user.rudi },
      services: [{ id: service.POSPAY }],
      riskAssessment: { score: 11, level: 'high', override: null },
    });
    expect(change.tasks.map((x: { text: string }) => x.text)).toEqual(['Bekukan penulisan', 'Salin data', 'Alihkan koneksi']);
    expect(change.allowedActions).toEqual(expect.arrayContaining(['submit', 'edit', 'cancel']));
  });

  it('cannot be submitted without a rollback plan, and nothing changes', async () => {
    const draft = await create(putri, rfc({ rollbackPlan: '' }));
    const refused = await move(putri, draft, 'submitted');
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('CHANGE_INCOMPLETE');
    expect(refused.body.errors).toEqual([{ path: 'rollbackPlan', message: 'Wajib diisi sebelum diajukan.' }]);
    expect((await putri.get(`/api/v1/changes/${draft.id}`)).body).toMatchObject({ status: 'draft', version: draft.version });

    const count = async () => Number((await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM changes`)).rows[0]?.n);
    const before = await count();
    const atOnce = await putri.post('/api/v1/changes', { ...rfc({ rollbackPlan: '', testPlan: '' }), submit: true });
    expect(atOnce.status).toBe(400);
    expect(atOnce.body.errors.map((e: { path: string }) => e.path)).toEqual(['testPlan', 'rollbackPlan']);
    expect(await count()).toBe(before);
  });

  it('refuses raising a change to those without the Change Requester ability', async () => {
    const res = await maya.post('/api/v1/changes', rfc());
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('refuses a stale version with 409', async () => {
    const draft = await create(putri, rfc());
    const edited = await putri.patch(`/api/v1/changes/${draft.id}`, { version: draft.version, title: 'Migrasi PosPay (revisi)' });
    expect(edited.status).toBe(200);
    const stale = await putri.patch(`/api/v1/changes/${draft.id}`, { version: draft.version, title: 'Judul lain' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect((await putri.get(`/api/v1/changes/${draft.id}`)).body.title).toBe('Migrasi PosPay (revisi)');
  });

  it('lets the Change Manager return a submitted change with a comment, which the requester then completes', async () => {
    const change = await create(putri, { ...rfc(), submit: true });
    const noComment = await move(agus, change, 'draft');
    expect(noComment.status).toBe(400);
    expect(noComment.body.code).toBe('COMMENT_REQUIRED');
    const returned = await moved(agus, change, 'draft', { comment: 'Lengkapi rencana uji beban.' });
    expect(returned.status).toBe('draft');
    const notices = await t.ctx.db.execute<{ body: string }>(
      sql`SELECT body FROM notifications WHERE user_id = ${user.putri} AND event = 'change_returned'`,
    );
    expect(notices.rows[0]?.body).toContain('Lengkapi rencana uji beban.');
    // The requester may not review her own change.
    expect((await move(putri, returned, 'under_review')).status).toBe(409);
    expect((await moved(putri, returned, 'submitted')).status).toBe('submitted');
    const reviewing = await move(putri, returned, 'under_review');
    expect(reviewing.status).toBe(403);
    expect(reviewing.body.code).toBe('FORBIDDEN');
  });

  it('tells the Change Managers a change waits for their review', async () => {
    const change = await create(putri, { ...rfc({ title: 'Perubahan untuk ditinjau' }), submit: true });
    const { rows } = await t.ctx.db.execute<{ title: string; link: string }>(
      sql`SELECT title, link FROM notifications WHERE user_id = ${user.agus} AND event = 'change_review_requested' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toEqual({
      title: `[${change.number}] Perubahan menunggu tinjauan: Perubahan untuk ditinjau`,
      link: `/changes/${change.number}`,
    });
  });
});

describe('approval', () => {
  it('approves a standard change from its template at once', async () => {
    const template = await agus.post('/api/v1/change-templates', {
      name: 'Restart layanan aplikasi',
      reason: 'Layanan tidak merespons.',
      impact: 'Layanan terputus kurang dari 5 menit.',
      implementationPlan: 'systemctl restart app',
      testPlan: 'Cek endpoint kesehatan.',
      rollbackPlan: 'Tidak diperlukan; jalankan ulang.',
      serviceIds: [service.IPOS],
      durationMinutes: 30,
      tasks: ['Restart', 'Cek kesehatan'],
    });
    expect(template.status).toBe(201);
    const { plannedStart } = nextWindow();
    const change = await create(putri, { templateId: template.body.id, plannedStart, submit: true });
    expect(change).toMatchObject({
      type: 'standard',
      status: 'approved',
      title: 'Restart layanan aplikasi',
      risk: 'low',
      rollbackPlan: 'Tidak diperlukan; jalankan ulang.',
      services: [{ id: service.IPOS }],
      approval: { route: 'auto', decisionSource: 'auto' },
      template: { id: template.body.id },
    });
    expect(Date.parse(change.plannedEnd) - Date.parse(change.plannedStart)).toBe(30 * 60_000);
    const timeline = (await putri.get(`/api/v1/changes/${change.id}/timeline`)).body.items;
    expect(
      timeline.filter((e: { kind: string }) => e.kind === 'status_changed').map((e: { data: { status: string[] } }) => e.data.status),
    ).toEqual([
      ['draft', 'submitted'],
      ['submitted', 'approved'],
    ]);
  });

  it('lets the Change Manager approve a low-risk normal change', async () => {
    const change = await waitingForApproval({ riskAnswers: LOW_RISK });
    expect(change.approval.route).toBe('manager');
    expect((await move(maya, change, 'approved')).status).toBe(403);
    const approved = await moved(agus, change, 'approved', { comment: 'Risiko rendah, silakan.' });
    expect(approved).toMatchObject({ status: 'approved', approval: { decisionSource: 'manager', decidedBy: { id: user.agus } } });
  });

  it('needs the CAB rule for a high-risk change: majority waits for the quorum of 3', async () => {
    await setRule({ cabRule: 'majority', quorum: 3 });
    const change = await waitingForApproval();
    expect(change.approval).toMatchObject({ route: 'cab', rule: { kind: 'majority', quorum: 3 } });
    // The Change Manager alone cannot approve it… unless recording a meeting (tested with meetings).
    let after = (await maya.post(`/api/v1/changes/${change.id}/votes`, { vote: 'approve', comment: 'Rencana jelas.' })).body;
    expect(after.status).toBe('pending_approval');
    after = (await indra.post(`/api/v1/changes/${change.id}/votes`, { vote: 'approve' })).body;
    expect(after.status).toBe('pending_approval');
    expect(after.approval.votes).toHaveLength(2);
    const third = await sekar.post(`/api/v1/changes/${change.id}/votes`, { vote: 'abstain', comment: 'Bukan bidang saya.' });
    expect(third.status).toBe(201);
    expect(third.body).toMatchObject({ status: 'approved', approval: { decisionSource: 'cab_rule', decidedBy: null } });
    // Decided: no more votes.
    const late = await maya.post(`/api/v1/changes/${change.id}/votes`, { vote: 'reject', comment: 'Terlambat' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('CHANGE_NOT_VOTING');
  });

  it('rejects at the first reject when any reject blocks', async () => {
    await setRule({ cabRule: 'any_reject_blocks', quorum: 3 });
    const change = await waitingForApproval();
    const noComment = await maya.post(`/api/v1/changes/${change.id}/votes`, { vote: 'reject' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.code).toBe('COMMENT_REQUIRED');
    const rejected = await maya.post(`/api/v1/changes/${change.id}/votes`, { vote: 'reject', comment: 'Belum ada uji beban.' });
    expect(rejected.body).toMatchObject({ status: 'rejected', approval: { decisionSource: 'cab_rule' } });
    const notice = await t.ctx.db.execute<{ title: string }>(
      sql`SELECT title FROM notifications WHERE user_id = ${user.putri} AND event = 'change_decided' ORDER BY id DESC LIMIT 1`,
    );
    expect(notice.rows[0]?.title).toBe(`[${change.number}] Perubahan Anda Ditolak`);
    await setRule({ cabRule: 'majority', quorum: 3 });
  });

  it('sends an emergency straight to the emergency CAB; only its members vote', async () => {
    await setRule({ emergencyCabUserIds: [user.maya, user.indra], emergencyQuorum: 2 });
    const noJustification = await putri.post('/api/v1/changes', { ...rfc({ type: 'emergency' }), submit: true });
    expect(noJustification.status).toBe(400);
    expect(noJustification.body.errors.map((e: { path: string }) => e.path)).toEqual(['emergencyJustification']);
    const change = await create(putri, {
      ...rfc({ type: 'emergency', emergencyJustification: 'Celah keamanan aktif dieksploitasi.' }),
      submit: true,
    });
    expect(change).toMatchObject({ status: 'pending_approval', approval: { route: 'emergency_cab', rule: { quorum: 2 } } });
    const outsider = await sekar.post(`/api/v1/changes/${change.id}/votes`, { vote: 'approve' });
    expect(outsider.status).toBe(403);
    expect(outsider.body.code).toBe('NOT_A_VOTER');
    await maya.post(`/api/v1/changes/${change.id}/votes`, { vote: 'approve' });
    const approved = (await indra.post(`/api/v1/changes/${change.id}/votes`, { vote: 'approve' })).body;
    expect(approved.status).toBe('approved');
    expect(approved.reviewRequired).toBe(true);
  });

  it('lists the CAB member’s voting queue without the changes they voted on', async () => {
    const change = await waitingForApproval({ title: 'Antrean suara' });
    const queue = async (c: Client) =>
      (await c.get('/api/v1/changes?queue=votes&pageSize=200')).body.items.map((i: { id: number }) => i.id);
    expect(await queue(sekar)).toContain(change.id);
    await sekar.post(`/api/v1/changes/${change.id}/votes`, { vote: 'approve' });
    expect(await queue(sekar)).not.toContain(change.id);
    expect(await queue(maya)).toContain(change.id);
    expect((await agus.get('/api/v1/changes?queue=review&pageSize=200')).body.items.map((i: { id: number }) => i.id)).toContain(change.id);
  });

  it('records a CAB meeting’s decision; the agenda is the changes waiting for the CAB and members are told', async () => {
    const change = await waitingForApproval({ title: 'Untuk rapat CAB' });
    const meeting = await agus.post('/api/v1/cab-meetings', {
      title: 'Rapat CAB mingguan',
      startsAt: '2031-03-03T09:00:00+07:00',
      endsAt: '2031-03-03T10:00:00+07:00',
      location: 'Ruang Rapat Lt. 5',
    });
    expect(meeting.status).toBe(201);
    expect(meeting.body.agenda.map((a: { change: { id: number } }) => a.change.id)).toContain(change.id);
    const told = await t.ctx.db.execute<{ body: string }>(
      sql`SELECT body FROM notifications WHERE user_id = ${user.indra} AND event = 'cab_meeting_scheduled' ORDER BY id DESC LIMIT 1`,
    );
    expect(told.rows[0]?.body).toContain(`${change.number} Untuk rapat CAB`);
    expect(
      (await maya.post(`/api/v1/cab-meetings/${meeting.body.id}/decisions`, { changeId: change.id, decision: 'approve' })).status,
    ).toBe(403);
    const decided = await agus.post(`/api/v1/cab-meetings/${meeting.body.id}/decisions`, {
      changeId: change.id,
      decision: 'approve',
      notes: 'Disetujui dalam rapat dengan catatan uji beban.',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.agenda.find((a: { change: { id: number } }) => a.change.id === change.id)).toMatchObject({
      decision: 'approve',
      change: { status: 'approved' },
    });
    const after = (await putri.get(`/api/v1/changes/${change.id}`)).body;
    expect(after.approval).toMatchObject({
      decisionSource: 'cab_meeting',
      decisionNote: 'Disetujui dalam rapat dengan catatan uji beban.',
    });
    expect(after.meetings).toEqual([expect.objectContaining({ id: meeting.body.id, decision: 'approve' })]);
  });
});

describe('visibility and permissions', () => {
  it('hides a change from a CAB member of another company (404), while the organisation’s CAB sees it', async () => {
    const change = await waitingForApproval();
    const { rows } = await t.ctx.db.execute<{ id: number; company_id: number }>(
      sql`SELECT u.id, n.company_id FROM users u JOIN units n ON n.id = u.unit_id WHERE u.email = 'arif@arduo.test'`,
    );
    await t.ctx.db.execute(
      sql`INSERT INTO role_grants (user_id, role, scope_kind, company_id) VALUES (${rows[0]?.id}, 'cab_member', 'company', ${rows[0]?.company_id})`,
    );
    const arif = await t.signIn('arif@arduo.test');
    const read = await arif.get(`/api/v1/changes/${change.number}`);
    expect(read.status).toBe(404);
    expect(read.body.code).toBe('NOT_FOUND');
    const vote = await arif.post(`/api/v1/changes/${change.id}/votes`, { vote: 'approve' });
    expect(vote.status).toBe(404);
    expect((await arif.get('/api/v1/changes?pageSize=200')).body.items).toEqual([]);
    expect((await maya.get(`/api/v1/changes/${change.number}`)).status).toBe(200);
  });

  it('answers 403 to those without any change role, and to requesters acting as managers', async () => {
    const siti = await t.actingAs('agent');
    const list = await siti.get('/api/v1/changes');
    expect(list.status).toBe(403);
    expect(list.body.code).toBe('FORBIDDEN');
    const change = await create(putri, { ...rfc(), submit: true });
    const override = await putri.patch(`/api/v1/changes/${change.id}`, {
      version: change.version,
      riskOverride: 'low',
      riskOverrideReason: 'Saya yakin',
    });
    expect(override.status).toBe(403);
    expect((await maya.patch(`/api/v1/changes/${change.id}`, { version: change.version, title: 'Ganti' })).status).toBe(403);
  });

  it('lets the Change Manager override the risk with a reason, which routes the change', async () => {
    const change = await create(putri, { ...rfc(), submit: true });
    const noReason = await agus.patch(`/api/v1/changes/${change.id}`, { version: change.version, riskOverride: 'low' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('RISK_REASON_REQUIRED');
    const overridden = await agus.patch(`/api/v1/changes/${change.id}`, {
      version: change.version,
      riskOverride: 'low',
      riskOverrideReason: 'Sudah dilakukan di cabang lain tanpa masalah.',
    });
    expect(overridden.body).toMatchObject({ risk: 'low', riskAssessment: { level: 'high', override: 'low' } });
    expect((await moved(agus, overridden.body, 'pending_approval')).approval.route).toBe('manager');
  });
});

describe('implementation and review', () => {
  /** An approved low-risk change whose window holds now, scheduled. */
  async function scheduledNow(overrides: Record<string, unknown> = {}) {
    const now = Date.now();
    const change = await waitingForApproval({
      riskAnswers: LOW_RISK,
      plannedStart: new Date(now - 10 * 60_000).toISOString(),
      plannedEnd: new Date(now + 2 * 3600_000).toISOString(),
      serviceIds: [service.SIMSDM],
      ...overrides,
    });
    await moved(agus, change, 'approved');
    return moved(agus, change, 'scheduled', { acceptConflicts: true });
  }

  it('cannot close a failed change without its post-implementation review', async () => {
    const change = await scheduledNow();
    expect(change.allowedActions).not.toContain('start');
    const started = await moved(rudi, change, 'in_progress');
    expect(started.allowedActions).toEqual(expect.arrayContaining(['tick_tasks', 'complete', 'fail']));
    const task = started.tasks[0];
    const ticked = await rudi.post(`/api/v1/changes/${change.id}/tasks/${task.id}`, { done: true });
    expect(ticked.body.tasks[0]).toMatchObject({ done: true, doneBy: { id: user.rudi } });
    const noOutcome = await move(rudi, change, 'failed');
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.body.code).toBe('ROLLBACK_OUTCOME_REQUIRED');
    const failed = await moved(rudi, change, 'failed', { rollbackExecuted: true, resultNotes: 'Replikasi tertinggal; dikembalikan.' });
    expect(failed).toMatchObject({ status: 'failed', outcome: 'failed', rollbackExecuted: true, reviewRequired: true });
    const early = await move(agus, change, 'closed');
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('REVIEW_REQUIRED');
    const review = await putri.put(`/api/v1/changes/${change.id}/review`, {
      objectivesMet: false,
      sideEffects: 'Transaksi tertunda 10 menit.',
      incidentsCaused: 'Tidak ada.',
      lessonsLearned: 'Periksa lag replikasi sebelum pengalihan.',
      followUpActions: 'Tambah pemantauan lag.',
    });
    expect(review.status, JSON.stringify(review.body)).toBe(200);
    expect(review.body.review).toMatchObject({ objectivesMet: false, reviewedBy: { id: user.putri }, version: 1 });
    const closed = await moved(agus, change, 'closed');
    expect(closed).toMatchObject({ status: 'closed', allowedActions: [] });
    const after = await putri.patch(`/api/v1/changes/${change.id}`, { version: closed.version, title: 'x' });
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('CHANGE_CLOSED');
  });

  it('closes a successful low-risk change without a review; success rates count it', async () => {
    const change = await scheduledNow({ teamId: null });
    await moved(rudi, change, 'in_progress');
    const done = await moved(rudi, change, 'completed');
    expect(done.reviewRequired).toBe(false);
    expect((await moved(putri, change, 'closed')).status).toBe('closed');
    const next = await create(putri, rfc({ serviceIds: [service.SIMSDM] }));
    const rate = next.successRates.services.find((s: { service: { id: number } }) => s.service.id === service.SIMSDM);
    expect(rate.successful).toBeGreaterThanOrEqual(1);
    expect(rate.total).toBeGreaterThan(rate.successful - 1);
  });

  it('refuses starting outside the window without a justification', async () => {
    const change = await waitingForApproval({ riskAnswers: LOW_RISK });
    await moved(agus, change, 'approved');
    await moved(agus, change, 'scheduled', { acceptConflicts: true });
    const refused = await move(rudi, change, 'in_progress');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('OUTSIDE_WINDOW');
    const justified = await moved(rudi, change, 'in_progress', { justification: 'Darurat: layanan mati, harus segera.' });
    expect(justified.status).toBe('in_progress');
  });

  it('suggests incidents raised on an affected service during the change; linking one marks it caused', async () => {
    const change = await scheduledNow({ serviceIds: [service.EPOD] });
    await moved(rudi, change, 'in_progress');
    const siti = await t.actingAs('requester');
    const incident = (
      await siti.post('/api/v1/tickets', {
        title: 'E-Pod tidak bisa unggah tanda tangan',
        serviceId: service.EPOD,
        urgency: 'high',
        impact: 'high',
      })
    ).body;
    const other = (await siti.post('/api/v1/tickets', { title: 'Printer macet', serviceId: service.WEB })).body;
    const suggestions = (await agus.get(`/api/v1/changes/${change.id}/incident-suggestions`)).body.items.map(
      (i: { number: string }) => i.number,
    );
    expect(suggestions).toContain(incident.number);
    expect(suggestions).not.toContain(other.number);
    const linked = await agus.post(`/api/v1/changes/${change.id}/links`, { kind: 'ticket', ref: incident.number, caused: true });
    expect(linked.body).toMatchObject({ causedIncident: true, links: [{ kind: 'caused', ticket: { number: incident.number } }] });
    expect((await agus.get(`/api/v1/changes/${change.id}/incident-suggestions`)).body.items).toEqual([]);
  });
});

describe('separation of duties and scope', () => {
  it('keeps whoever carries a change out from deciding it: no approval, vote or meeting decision (403 OWN_CHANGE)', async () => {
    // The Administrator holds every ability: Change Manager, CAB member and implementer at once.
    const admin = await t.actingAs('administrator');
    const low = await waitingForApproval({ riskAnswers: LOW_RISK, implementerId: user.admin, title: 'Dilaksanakan admin' });
    expect((await admin.get(`/api/v1/changes/${low.id}`)).body.allowedActions).not.toContain('approve');
    expectProblem(await move(admin, low, 'approved'), 403, 'OWN_CHANGE');
    expect((await putri.get(`/api/v1/changes/${low.id}`)).body.status).toBe('pending_approval');
    expect((await moved(agus, low, 'approved')).status).toBe('approved');

    const high = await waitingForApproval({ implementerId: user.admin, title: 'Dilaksanakan admin, risiko tinggi' });
    expectProblem(await admin.post(`/api/v1/changes/${high.id}/votes`, { vote: 'approve' }), 403, 'OWN_CHANGE');
    const votes = (await admin.get('/api/v1/changes?queue=votes&pageSize=200')).body.items.map((i: { id: number }) => i.id);
    expect(votes).not.toContain(high.id);
    const told = await t.ctx.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${user.admin} AND event = 'change_vote_requested' AND body LIKE ${`%${high.number}%`}`,
    );
    expect(told.rows[0]?.n).toBe(0);
    const meeting = await agus.post('/api/v1/cab-meetings', {
      title: 'Rapat CAB khusus',
      startsAt: '2031-04-07T09:00:00+07:00',
      endsAt: '2031-04-07T10:00:00+07:00',
      changeIds: [high.id],
    });
    expect(meeting.status).toBe(201);
    const decision = { changeId: high.id, decision: 'approve' };
    expectProblem(await admin.post(`/api/v1/cab-meetings/${meeting.body.id}/decisions`, decision), 403, 'OWN_CHANGE');
    expect((await putri.get(`/api/v1/changes/${high.id}`)).body.status).toBe('pending_approval');
    expect((await agus.post(`/api/v1/cab-meetings/${meeting.body.id}/decisions`, decision)).status).toBe(200);
  });

  it('names as implementer only someone who implements changes over the change’s place, and a team of its company', async () => {
    const count = async () => Number((await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM changes`)).rows[0]?.n);
    const before = await count();
    // Bayu is an agent of another company: naming him would show him the change.
    expectProblem(await putri.post('/api/v1/changes', rfc({ implementerId: user.bayu })), 400, 'NOT_AN_IMPLEMENTER');
    expectProblem(await putri.post('/api/v1/changes', rfc({ implementerId: user.maya })), 400, 'NOT_AN_IMPLEMENTER');
    const { rows } = await t.ctx.db.execute<{ id: number }>(
      sql`SELECT t.id FROM teams t JOIN companies c ON c.id = t.company_id WHERE c.code = 'AKI' LIMIT 1`,
    );
    expectProblem(await putri.post('/api/v1/changes', rfc({ teamId: Number(rows[0]?.id) })), 400, 'UNKNOWN_REFERENCE');
    expect(await count()).toBe(before);
    const draft = await create(putri, rfc());
    expectProblem(
      await agus.patch(`/api/v1/changes/${draft.id}`, { version: draft.version, implementerId: user.bayu }),
      400,
      'NOT_AN_IMPLEMENTER',
    );
    expect((await putri.get(`/api/v1/changes/${draft.id}`)).body.implementer).toMatchObject({ id: user.rudi });
  });

  it('hides another company’s freeze from a Change Manager of one company (404), while the organisation’s sees it', async () => {
    const f = factories(t.ctx);
    const aki = await f.companyId('AKI');
    const freeze = await agus.post('/api/v1/change-freezes', {
      name: 'Tutup buku Arduo',
      companyId: aki,
      startsAt: '2031-12-20T00:00:00+07:00',
      endsAt: '2031-12-31T00:00:00+07:00',
    });
    expect(freeze.status).toBe(201);
    const local = await f.user(await f.place('IT'), { roles: [['change_manager', 'company']], email: 'cm-nds@factory.test' });
    await t.ctx.db.execute(
      sql`UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = 'agus@nusantara.test') WHERE id = ${local.id}`,
    );
    const manager = await t.signIn('cm-nds@factory.test');
    const ids = async (c: Client) => (await c.get('/api/v1/change-freezes?all=true')).body.items.map((i: { id: number }) => i.id);
    expect(await ids(manager)).not.toContain(freeze.body.id);
    expect(await ids(agus)).toContain(freeze.body.id);
    const period = 'from=2031-12-01T00:00:00Z&to=2032-01-01T00:00:00Z';
    const onCalendar = async (c: Client) =>
      (await c.get(`/api/v1/changes/calendar?${period}`)).body.freezes.map((i: { id: number }) => i.id);
    expect(await onCalendar(manager)).not.toContain(freeze.body.id);
    expect(await onCalendar(agus)).toContain(freeze.body.id);
    expectProblem(await manager.patch(`/api/v1/change-freezes/${freeze.body.id}`, { version: 1, active: false }), 404, 'NOT_FOUND');
    expect(
      (await agus.get('/api/v1/change-freezes?all=true')).body.items.find((i: { id: number }) => i.id === freeze.body.id),
    ).toMatchObject({
      active: true,
      version: 1,
    });
  });
});
