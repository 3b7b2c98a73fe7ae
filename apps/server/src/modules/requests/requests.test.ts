import { amountOf, DEFAULT_TIME_ZONE } from '@ish/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../test/factories.ts';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';
import { dayOf } from '../../platform/time/zoned.ts';
import { sweepApprovals } from '../approvals/index.ts';
import { dropUnclaimedFiles } from './requests.files.ts';

let t: TestApp;
let requester: Client; // siti, Produk
let approver: Client; // hendra, Approver of Produk
let billing: Client; // yuni, Billing Coordinator of Produk
let manager: Client; // rina, Catalog Manager
let lina: Client; // Service Provider of Big Data
const unit: Record<string, number> = {};
const user: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  [requester, approver, billing, manager] = await Promise.all([
    t.actingAs('requester'),
    t.actingAs('approver'),
    t.actingAs('billing_coordinator'),
    t.actingAs('catalog_manager'),
  ]);
  lina = await t.signIn('lina@nusantara.test');
  for (const r of (await t.ctx.db.execute<{ id: number; code: string }>(sql`SELECT id, code FROM units`)).rows) unit[r.code] = Number(r.id);
  for (const r of (await t.ctx.db.execute<{ id: number; email: string }>(sql`SELECT id, email FROM users`)).rows)
    user[r.email] = Number(r.id);
  // Lina's team fulfils Big Data's items.
  await t.ctx.db.execute(
    sql`INSERT INTO teams (company_id, unit_id, code, name, level, lead_user_id) SELECT company_id, id, 'BD-SVC', 'Layanan Big Data', 2, ${user['lina@nusantara.test']} FROM units WHERE code = 'BIGDATA'`,
  );
  await t.ctx.db.execute(
    sql`INSERT INTO team_members (team_id, user_id) SELECT id, ${user['lina@nusantara.test']} FROM teams WHERE code = 'BD-SVC'`,
  );
});
afterAll(() => t.close());

async function publishedItem(overrides: Record<string, unknown> = {}) {
  const team = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM teams WHERE code = 'BD-SVC'`)).rows[0]?.id);
  let item = (
    await lina.post('/api/v1/catalog/items', {
      providerUnitId: unit.BIGDATA,
      teamId: team,
      nameId: 'Ekstraksi data ad-hoc',
      nameEn: 'Ad-hoc data extraction',
      category: 'Data',
      costModel: 'per_hour',
      rate: 250_000,
      unitLabel: 'jam',
      responseMinutes: 240,
      resolutionMinutes: 2880,
      form: [{ key: 'dataset', type: 'short_text', labelId: 'Dataset', labelEn: 'Dataset', required: true }],
      ...overrides,
    })
  ).body;
  item = (await lina.post(`/api/v1/catalog/items/${item.id}/submit`, { version: item.version })).body;
  return (await manager.post(`/api/v1/catalog/items/${item.id}/approve`, { version: item.version })).body;
}

const chargesOf = async (requestId: number) =>
  (await t.ctx.db.execute<{ amount: string }>(sql`SELECT amount::text FROM charges WHERE request_id = ${requestId}`)).rows;

describe('ordering and approvals', () => {
  it('skips approval below every threshold and opens the provider’s fulfilment ticket', async () => {
    const item = await publishedItem();
    const res = await requester.post('/api/v1/service-requests', { itemId: item.id, quantity: 4, answers: { dataset: 'penjualan-2026' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'in_fulfilment', estimate: 1_000_000, rate: 250_000, approvals: [], item: { version: 1 } });
    expect(res.body.number).toMatch(/^REQ-\d{4}-\d{6}$/);
    const ticket = (await lina.get(`/api/v1/tickets/${res.body.ticket.number}`)).body;
    expect(ticket).toMatchObject({ type: 'request', team: { name: 'Layanan Big Data' }, requester: { id: user['siti@nusantara.test'] } });
    // Issue 16 point 6: the request type's own numbers, the service's name, and the request it fulfils.
    expect(ticket.number).toMatch(/^SR-\d{4}-\d{6}$/);
    expect(ticket.title).toBe('Ekstraksi data ad-hoc');
    expect(ticket.origin).toEqual({
      kind: 'service_request',
      id: res.body.id,
      number: res.body.number,
      serviceName: 'Ekstraksi data ad-hoc',
    });
    await t.ctx.db.execute(sql`UPDATE users SET locale = 'en' WHERE email = 'lina@nusantara.test'`);
    const inEnglish = (await lina.get(`/api/v1/tickets/${ticket.number}`)).body;
    await t.ctx.db.execute(sql`UPDATE users SET locale = 'id' WHERE email = 'lina@nusantara.test'`);
    expect(inEnglish.origin.serviceName).toBe('Ad-hoc data extraction');
    // The item's own targets (4 h response) replace the priority policy's.
    expect(Date.parse(ticket.sla.responseDueAt)).toBeGreaterThan(Date.parse(ticket.createdAt) + 30 * 60_000);
  });

  it('validates the form', async () => {
    const item = await publishedItem();
    const res = await requester.post('/api/v1/service-requests', { itemId: item.id, quantity: 1, answers: {} });
    expectProblem(res, 400, 'FORM_INVALID');
    expect(res.body.errors[0].path).toBe('answers.dataset');
    expect((await requester.post('/api/v1/service-requests', { itemId: item.id, quantity: 1.234, answers: { dataset: 'x' } })).status).toBe(
      400,
    );
  });

  it('never lets an approver decide their own request (separation of duties)', async () => {
    const item = await publishedItem();
    const own = (await approver.post('/api/v1/service-requests', { itemId: item.id, quantity: 30, answers: { dataset: 'milik sendiri' } }))
      .body;
    expect(own).toMatchObject({ status: 'pending_approval' });
    expect(own.approvals[0].canDecide).toBe(false);
    const queue = (await approver.get('/api/v1/approvals?state=pending&pageSize=200')).body.items;
    expect(queue.some((a: { request: { id: number } }) => a.request.id === own.id)).toBe(false);
    const refused = await approver.post(`/api/v1/approvals/${own.approvals[0].id}/decision`, { decision: 'approve', comment: 'sendiri' });
    expectProblem(refused, 404, 'NOT_FOUND');
    expect(refused.body.code).toBe('NOT_FOUND');
    expect((await approver.get(`/api/v1/service-requests/${own.id}`)).body.status).toBe('pending_approval');
  });

  it('lets the requester withdraw a request waiting for approval, ending its steps (issue 16 point 9)', async () => {
    const item = await publishedItem();
    const req = (await requester.post('/api/v1/service-requests', { itemId: item.id, quantity: 30, answers: { dataset: 'ditarik' } })).body;
    expect(req).toMatchObject({ status: 'pending_approval', canWithdraw: true });
    expect((await approver.get(`/api/v1/service-requests/${req.id}`)).body.canWithdraw).toBe(false);
    // Only the requester: the approver sees it but may not; a stranger does not see it.
    const byApprover = await approver.post(`/api/v1/service-requests/${req.id}/withdraw`, { version: req.version });
    expect([byApprover.status, byApprover.body.code]).toEqual([403, 'FORBIDDEN']);
    // Refused for who they are before any stale version is reported.
    const staleByApprover = await approver.post(`/api/v1/service-requests/${req.id}/withdraw`, { version: req.version + 1 });
    expect([staleByApprover.status, staleByApprover.body.code]).toEqual([403, 'FORBIDDEN']);
    const stranger = await t.signIn('teguh@nusantara.test');
    expect((await stranger.post(`/api/v1/service-requests/${req.id}/withdraw`, { version: req.version })).status).toBe(404);
    const stale = await requester.post(`/api/v1/service-requests/${req.id}/withdraw`, { version: req.version + 1 });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect((await requester.post(`/api/v1/service-requests/${req.id}/withdraw`, { version: req.version, extra: 1 })).status).toBe(400);

    const withdrawn = await requester.post(`/api/v1/service-requests/${req.id}/withdraw`, {
      version: req.version,
      reason: 'Sudah tidak perlu.',
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'cancelled', canWithdraw: false, approvals: [{ state: 'withdrawn' }] });
    const queue = (await approver.get('/api/v1/approvals?state=pending&pageSize=200')).body.items;
    expect(queue.some((a: { request: { id: number } }) => a.request.id === req.id)).toBe(false);
    const late = await approver.post(`/api/v1/approvals/${req.approvals[0].id}/decision`, { decision: 'approve' });
    expect([late.status, late.body.code]).toEqual([409, 'APPROVAL_DECIDED']);
    const again = await requester.post(`/api/v1/service-requests/${req.id}/withdraw`, { version: withdrawn.body.version });
    expect([again.status, again.body.code]).toEqual([409, 'REQUEST_NOT_WITHDRAWABLE']);
    const audit = await t.ctx.db.execute<{ after: { reason: string } }>(
      sql`SELECT after FROM audit_log WHERE action = 'request.withdrawn' AND target_id = ${String(req.id)}`,
    );
    expect(audit.rows.map((r) => r.after.reason)).toEqual(['Sudah tidak perlu.']);
  });

  it('sends a costly request to the requesting division’s approver; another division’s approver gets 404; approval opens fulfilment', async () => {
    const item = await publishedItem();
    const res = await requester.post('/api/v1/service-requests', { itemId: item.id, quantity: 30, answers: { dataset: 'besar' } });
    expect(res.body).toMatchObject({ status: 'pending_approval', estimate: 7_500_000 });
    expect(res.body.approvals).toHaveLength(1);
    expect(res.body.approvals[0]).toMatchObject({ role: 'approver', state: 'pending', threshold: 5_000_000 });
    const queue = await approver.get('/api/v1/approvals?state=pending');
    const mine = queue.body.items.find((a: { request: { id: number } }) => a.request.id === res.body.id);
    expect(mine).toBeTruthy();
    await factories(t.ctx).grant(user['teguh@nusantara.test'] as number, 'approver', { unitId: unit.BIGDATA as number });
    const other = await t.signIn('teguh@nusantara.test');
    expect((await other.get('/api/v1/approvals')).body.items.some((a: { id: number }) => a.id === mine.id)).toBe(false);
    expectProblem(await other.post(`/api/v1/approvals/${mine.id}/decision`, { decision: 'approve' }), 404, 'NOT_FOUND');
    expectProblem(await requester.post(`/api/v1/approvals/${mine.id}/decision`, { decision: 'approve' }), 404, 'NOT_FOUND');
    const approved = await approver.post(`/api/v1/approvals/${mine.id}/decision`, { decision: 'approve', comment: 'OK' });
    expect(approved.body).toMatchObject({ status: 'in_fulfilment', approvals: [{ state: 'approved' }] });
    expect(approved.body.ticket).not.toBeNull();
    expectProblem(await approver.post(`/api/v1/approvals/${mine.id}/decision`, { decision: 'approve' }), 409, 'APPROVAL_DECIDED');
  });

  it('goes through both default steps above Rp 50.000.000, and a rejection ends the request', async () => {
    const item = await publishedItem({ rate: 2_000_000 });
    const res = await requester.post('/api/v1/service-requests', { itemId: item.id, quantity: 30, answers: { dataset: 'raksasa' } });
    expect(res.body.approvals.map((a: { role: string; state: string }) => `${a.role}:${a.state}`)).toEqual([
      'approver:pending',
      'billing_coordinator:waiting',
    ]);
    const first = res.body.approvals[0].id;
    expectProblem(
      await billing.post(`/api/v1/approvals/${res.body.approvals[1].id}/decision`, { decision: 'approve' }),
      409,
      'APPROVAL_DECIDED',
    );
    await approver.post(`/api/v1/approvals/${first}/decision`, { decision: 'approve' });
    expectProblem(
      await billing.post(`/api/v1/approvals/${res.body.approvals[1].id}/decision`, { decision: 'reject' }),
      400,
      'REASON_REQUIRED',
    );
    const rejected = await billing.post(`/api/v1/approvals/${res.body.approvals[1].id}/decision`, {
      decision: 'reject',
      comment: 'Anggaran habis',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', ticket: null });
  });

  it('asks for approval when the item always needs it, even when cheap', async () => {
    const item = await publishedItem({ alwaysApproval: true });
    const res = await requester.post('/api/v1/service-requests', { itemId: item.id, quantity: 1, answers: { dataset: 'kecil' } });
    expect(res.body.status).toBe('pending_approval');
  });
});

describe('order-form files and people', () => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const form = [
    { key: 'spec', type: 'file', labelId: 'Spesifikasi', labelEn: 'Specification', required: true },
    { key: 'owner', type: 'person', labelId: 'Pemilik data', labelEn: 'Data owner' },
  ];

  it('takes a sniffed upload as the answer to a file question, once, from its uploader only', async () => {
    const item = await publishedItem({ form });
    const upload = await requester.upload('/api/v1/service-requests/answer-files', { name: 'spek<1>.png', type: 'image/png', data: png });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ name: 'spek1.png', size: png.length, contentType: 'image/png' });
    const disguised = await requester.upload('/api/v1/service-requests/answer-files', {
      name: 'spek.png',
      type: 'image/png',
      data: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    expectProblem(disguised, 415, 'ATTACHMENT_TYPE');
    expect(disguised.headers['content-type']).toMatch(/problem\+json/);

    // Someone else's upload is not an answer.
    const theirs = await approver.upload('/api/v1/service-requests/answer-files', { name: 'x.png', type: 'image/png', data: png });
    const stolen = await requester.post('/api/v1/service-requests', { itemId: item.id, answers: { spec: { fileId: theirs.body.fileId } } });
    expectProblem(stolen, 400, 'FORM_INVALID');
    expect(stolen.body.errors).toEqual([{ path: 'answers.spec', message: 'Berkas ini sudah dipakai atau kedaluwarsa; unggah lagi.' }]);
    expectProblem(
      await requester.post('/api/v1/service-requests', { itemId: item.id, answers: { spec: upload.body.fileId } }),
      400,
      'FORM_INVALID',
    );

    const order = await requester.post('/api/v1/service-requests', {
      itemId: item.id,
      quantity: 1,
      answers: { spec: { fileId: upload.body.fileId }, owner: user['hendra@nusantara.test'] },
    });
    expect(order.status).toBe(201);
    expect(order.body.answers).toEqual({
      spec: { fileId: upload.body.fileId, name: 'spek1.png', size: png.length, contentType: 'image/png' },
      owner: { id: user['hendra@nusantara.test'], name: expect.stringMatching(/Hendra/) },
    });
    expect(order.body.item.fields).toEqual([
      { key: 'spec', type: 'file', label: 'Spesifikasi', options: [] },
      { key: 'owner', type: 'person', label: 'Pemilik data', options: [] },
    ]);
    // Claimed: a second order cannot reuse it.
    const again = await requester.post('/api/v1/service-requests', { itemId: item.id, answers: { spec: { fileId: upload.body.fileId } } });
    expectProblem(again, 400, 'FORM_INVALID');

    const url = `/api/v1/service-requests/${order.body.id}/files/${upload.body.fileId}`;
    const download = await requester.get(url);
    expect(download.status).toBe(200);
    expect(download.headers).toMatchObject({ 'content-type': 'image/png', 'x-content-type-options': 'nosniff' });
    expect(download.headers['content-disposition']).toMatch(/^attachment/);
    expect((await lina.get(url)).status).toBe(200); // the provider team works the fulfilment ticket
    expectProblem(await (await t.signIn('arif@arduo.test')).get(url), 404, 'NOT_FOUND');
    expectProblem(await requester.get(`/api/v1/service-requests/${order.body.id}/files/${theirs.body.fileId}`), 404, 'NOT_FOUND');

    // The provider's ticket lists the answers by label, the person by name, the file by its name.
    const ticket = (await lina.get(`/api/v1/tickets/${order.body.ticket.number}`)).body;
    expect(ticket.descriptionHtml).toContain('<b>Spesifikasi</b>: spek1.png');
    expect(ticket.descriptionHtml).toMatch(/<b>Pemilik data<\/b>: Hendra/);
  });

  it('names only colleagues as people, and escapes answers in the fulfilment ticket', async () => {
    const item = await publishedItem({
      form: [
        { key: 'note', type: 'short_text', labelId: 'Catatan', labelEn: 'Note' },
        { key: 'owner', type: 'person', labelId: 'Pemilik', labelEn: 'Owner' },
      ],
    });
    const unknown = await requester.post('/api/v1/service-requests', { itemId: item.id, answers: { owner: 999_999 } });
    expect(unknown.body.errors).toEqual([{ path: 'answers.owner', message: 'Isian tidak valid.' }]);
    // The order form's people search offers the requester's colleagues, and only those are accepted.
    const found = await requester.get('/api/v1/people?q=nusantara.test&purpose=order');
    expect(found.body.items.map((p: { id: number }) => p.id)).toContain(user['hendra@nusantara.test']);
    expect((await requester.get('/api/v1/people?q=arif&purpose=order')).body.items).toEqual([]);
    expectProblem(await requester.get('/api/v1/people?q=hendra'), 403, 'FORBIDDEN');
    const outsider = await requester.post('/api/v1/service-requests', { itemId: item.id, answers: { owner: user['arif@arduo.test'] } });
    expectProblem(outsider, 400, 'FORM_INVALID');
    const order = await requester.post('/api/v1/service-requests', { itemId: item.id, answers: { note: '<img src=x onerror=alert(1)>' } });
    const ticket = (await lina.get(`/api/v1/tickets/${order.body.ticket.number}`)).body;
    expect(ticket.descriptionHtml).not.toContain('<img');
    expect(ticket.descriptionHtml).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('removes uploads no order claimed within a day', async () => {
    const item = await publishedItem({ form });
    const upload = await requester.upload('/api/v1/service-requests/answer-files', { name: 'lama.png', type: 'image/png', data: png });
    expect(await dropUnclaimedFiles(t.ctx, new Date(Date.now() + 23 * 3_600_000))).toBe(0);
    expect(await dropUnclaimedFiles(t.ctx, new Date(Date.now() + 25 * 3_600_000))).toBeGreaterThanOrEqual(1);
    const late = await requester.post('/api/v1/service-requests', { itemId: item.id, answers: { spec: { fileId: upload.body.fileId } } });
    expectProblem(late, 400, 'FORM_INVALID');
    const left = await t.ctx.db.execute(
      sql`SELECT 1 FROM files WHERE purpose = 'request_answer' AND id NOT IN (SELECT file_id FROM request_files)`,
    );
    expect(left.rows).toEqual([]);
    // Nobody keeps more than 20 unused uploads.
    const hoarder = await t.signIn('dimas@nusantara.test');
    const send = () => hoarder.upload('/api/v1/service-requests/answer-files', { name: 'x.png', type: 'image/png', data: png });
    for (let i = 0; i < 20; i++) expect((await send()).status).toBe(201);
    const refused = await send();
    expectProblem(refused, 429, 'ANSWER_FILES_LIMIT');
    expect(refused.body.detail).toMatch(/20 berkas/);
  });
});

describe('lists', () => {
  it('pages requests on the server and shows each caller only what they may see', async () => {
    const item = await publishedItem();
    for (const dataset of ['a', 'b', 'c']) await requester.post('/api/v1/service-requests', { itemId: item.id, answers: { dataset } });
    const first = await requester.get('/api/v1/service-requests?mine=true&pageSize=2');
    expect(first.body).toMatchObject({ page: 1, pageSize: 2 });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.total).toBeGreaterThanOrEqual(3);
    const second = await requester.get('/api/v1/service-requests?mine=true&pageSize=2&page=2');
    expect(second.body.items[0].id).toBeLessThan(first.body.items[1].id);
    expect(first.body.items[0].requester).toMatchObject({ id: user['siti@nusantara.test'], unit: { id: unit.PRODUK } });

    const inFulfilment = await requester.get('/api/v1/service-requests?mine=true&status=in_fulfilment&pageSize=200');
    expect(inFulfilment.body.items.every((r: { status: string }) => r.status === 'in_fulfilment')).toBe(true);
    expectProblem(await requester.get('/api/v1/service-requests?status=lost'), 400, 'VALIDATION_FAILED');
    expectProblem(await requester.get('/api/v1/service-requests?pageSize=500'), 400, 'VALIDATION_FAILED');

    // Another company's user sees none of them; the provider sees those its team fulfils.
    const outsider = await (await t.signIn('arif@arduo.test')).get('/api/v1/service-requests?pageSize=200');
    expect(outsider.body.items.some((r: { requester: { id: number } }) => r.requester.id === user['siti@nusantara.test'])).toBe(false);
    // The providing division's Billing Coordinator opens the requests behind its earnings.
    await factories(t.ctx).grant(user['putri@nusantara.test'] as number, 'billing_coordinator', { unitId: unit.BIGDATA as number });
    const bigDataBilling = await t.signIn('putri@nusantara.test');
    expect((await bigDataBilling.get(`/api/v1/service-requests/${first.body.items[0].id}`)).status).toBe(200);
    const provider = await lina.get('/api/v1/service-requests?pageSize=200');
    expect(provider.body.items.map((r: { id: number }) => r.id)).toEqual(
      expect.arrayContaining(first.body.items.map((r: { id: number }) => r.id)),
    );
  });

  it('pages the approval queue and names who asked from which division', async () => {
    const item = await publishedItem();
    for (const dataset of ['x', 'y'])
      await requester.post('/api/v1/service-requests', { itemId: item.id, quantity: 30, answers: { dataset } });
    const page = await approver.get('/api/v1/approvals?state=pending&pageSize=1');
    expect(page.body.items).toHaveLength(1);
    expect(page.body.total).toBeGreaterThanOrEqual(2);
    expect(page.body.items[0].request.requester).toMatchObject({ name: expect.stringMatching(/Siti/), unit: { id: unit.PRODUK } });
    const decided = await approver.post(`/api/v1/approvals/${page.body.items[0].id}/decision`, { decision: 'approve' });
    expect(decided.body.approvals[0].decidedBy).toMatchObject({ id: user['hendra@nusantara.test'], name: expect.stringMatching(/Hendra/) });
    const mine = await approver.get('/api/v1/approvals?state=decided');
    expect(mine.body.items[0].id).toBe(page.body.items[0].id);
    expect((await requester.get('/api/v1/approvals?state=pending')).body).toMatchObject({ items: [], total: 0 });

    // A decider who has since lost the role no longer sees what they decided.
    const grant = await factories(t.ctx).grant(user['maya@nusantara.test'] as number, 'approver', { unitId: unit.PRODUK as number });
    const maya = await t.signIn('maya@nusantara.test');
    const next = (await maya.get('/api/v1/approvals?state=pending&pageSize=1')).body.items[0];
    await maya.post(`/api/v1/approvals/${next.id}/decision`, { decision: 'approve' });
    expect((await maya.get('/api/v1/approvals?state=decided')).body.total).toBe(1);
    await t.ctx.db.execute(sql`DELETE FROM role_grants WHERE id = ${grant.id}`);
    const after = await t.signIn('maya@nusantara.test');
    expect((await after.get('/api/v1/approvals?state=decided')).body).toMatchObject({ items: [], total: 0 });
  });
});

describe('approval notifications, reminders and expiry', () => {
  const inbox = async (client: Client) =>
    (await client.get('/api/v1/notifications?pageSize=100')).body.items as { event: string; title: string; link: string }[];
  const emailsQueued = async (email: string, event: string, number: string) =>
    (
      await t.ctx.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM notification_deliveries d JOIN users u ON u.id = d.user_id
            WHERE u.email = ${email} AND d.event = ${event} AND d.channel = 'email' AND d.variables->>'number' = ${number}`,
      )
    ).rows[0]?.n;

  it('tells the right approver in the app and by email with a link to the queue, and the requester the outcome', async () => {
    const item = await publishedItem();
    const res = await requester.post('/api/v1/service-requests', { itemId: item.id, quantity: 30, answers: { dataset: 'besar' } });
    const notice = (await inbox(approver)).find((n) => n.event === 'approval_requested' && n.title.includes(res.body.number));
    expect(notice).toMatchObject({ link: '/catalog/approvals' });
    expect(notice?.title).toMatch(/Mohon persetujuan: Ekstraksi data ad-hoc \(Rp\s?7\.500\.000\)/);
    expect(await emailsQueued('hendra@nusantara.test', 'approval_requested', res.body.number)).toBe(1);
    // Big Data's approver and the requester's billing coordinator (not a step here) hear nothing.
    expect(await emailsQueued('teguh@nusantara.test', 'approval_requested', res.body.number)).toBe(0);
    expect(await emailsQueued('yuni@nusantara.test', 'approval_requested', res.body.number)).toBe(0);

    await approver.post(`/api/v1/approvals/${res.body.approvals[0].id}/decision`, { decision: 'approve' });
    const outcome = (await inbox(requester)).find((n) => n.event === 'request_decided' && n.title.includes(res.body.number));
    expect(outcome).toMatchObject({ link: `/catalog/requests/${res.body.number}` });
    // The link's number opens the request; to others it does not exist.
    expect((await requester.get(`/api/v1/service-requests/${res.body.number}`)).body).toMatchObject({
      id: res.body.id,
      status: 'in_fulfilment',
      answers: { dataset: 'besar' },
      item: { fields: [{ key: 'dataset', label: 'Dataset' }] },
    });
    expectProblem(await (await t.signIn('arif@arduo.test')).get(`/api/v1/service-requests/${res.body.number}`), 404, 'NOT_FOUND');
    expectProblem(await requester.get('/api/v1/service-requests/REQ-1999-000001'), 404, 'NOT_FOUND');
    expect(outcome?.title).toMatch(/disetujui/);
  });

  it('reminds the approvers once a day before the step expires, then expires it and ends the request', async () => {
    const item = await publishedItem();
    const res = await requester.post('/api/v1/service-requests', { itemId: item.id, quantity: 30, answers: { dataset: 'lama' } });
    const created = Date.now();
    const reminders = async () =>
      (await inbox(approver)).filter((n) => n.event === 'approval_reminder' && n.title.includes(res.body.number));

    await sweepApprovals(t.ctx, new Date(created + 36 * 3_600_000));
    expect(await reminders()).toHaveLength(0);
    await sweepApprovals(t.ctx, new Date(created + 2.5 * 86_400_000));
    await sweepApprovals(t.ctx, new Date(created + 2.6 * 86_400_000));
    expect(await reminders()).toHaveLength(1);
    expect(await emailsQueued('hendra@nusantara.test', 'approval_reminder', res.body.number)).toBe(1);

    const swept = await sweepApprovals(t.ctx, new Date(created + 3.1 * 86_400_000));
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    const after = await requester.get(`/api/v1/service-requests/${res.body.id}`);
    expect(after.body).toMatchObject({ status: 'expired', ticket: null, approvals: [{ state: 'expired' }] });
    expectProblem(
      await approver.post(`/api/v1/approvals/${res.body.approvals[0].id}/decision`, { decision: 'approve' }),
      409,
      'APPROVAL_DECIDED',
    );
    const told = (await inbox(requester)).filter((n) => n.event === 'request_decided' && n.title.includes(res.body.number));
    expect(told).toHaveLength(1);
    expect(told[0]?.title).toMatch(/kedaluwarsa/);
    // A second sweep (another server process) changes and notifies nothing more.
    expect(await sweepApprovals(t.ctx, new Date(created + 3.2 * 86_400_000))).toMatchObject({ reminded: 0 });
    expect((await inbox(requester)).filter((n) => n.event === 'request_decided' && n.title.includes(res.body.number))).toHaveLength(1);
  });
});

describe('approval chains', () => {
  it('lets a division set how many days each step may wait, and reminds a one-day step half a day before', async () => {
    const admin = await t.actingAs('administrator');
    const chain = {
      steps: [{ position: 1, threshold: 1_000_000, role: 'approver', userIds: [], expiryDays: 1 }],
    };
    expectProblem(await requester.put(`/api/v1/approval-chains/${unit.PRODUK}`, chain), 403, 'FORBIDDEN');
    expectProblem(
      await admin.put(`/api/v1/approval-chains/${unit.PRODUK}`, { steps: [{ ...chain.steps[0], expiryDays: 0 }] }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await admin.put(`/api/v1/approval-chains/${unit.PRODUK}`, chain)).status).toBe(204);
    expect((await admin.get(`/api/v1/approval-chains/${unit.PRODUK}`)).body.steps).toEqual(chain.steps);
    try {
      const item = await publishedItem();
      const res = await requester.post('/api/v1/service-requests', { itemId: item.id, quantity: 5, answers: { dataset: 'cepat' } });
      const created = Date.now();
      const due = Date.parse(res.body.approvals[0].dueAt);
      expect(Math.abs(due - created - 86_400_000)).toBeLessThan(60_000);
      expect(await sweepApprovals(t.ctx, new Date(created + 6 * 3_600_000))).toMatchObject({ reminded: 0 });
      expect((await sweepApprovals(t.ctx, new Date(created + 13 * 3_600_000))).reminded).toBeGreaterThanOrEqual(1);
      await sweepApprovals(t.ctx, new Date(created + 25 * 3_600_000));
      expect((await requester.get(`/api/v1/service-requests/${res.body.id}`)).body.status).toBe('expired');
    } finally {
      await admin.put(`/api/v1/approval-chains/${unit.PRODUK}`, { steps: [] });
    }
  });
});

describe('charges', () => {
  it('records exactly one charge of Rp 625.000 for 2.5 hours at Rp 250.000, even when done is sent twice at once', async () => {
    const item = await publishedItem();
    const order = (await requester.post('/api/v1/service-requests', { itemId: item.id, quantity: 3, answers: { dataset: 'kuartal' } }))
      .body;
    const early = await lina.post(`/api/v1/tickets/${order.ticket.id}/transitions`, {
      to: 'in_progress',
      assigneeId: user['lina@nusantara.test'],
    });
    expect(early.status).toBe(200);
    const noQuantity = await lina.post(`/api/v1/tickets/${order.ticket.id}/transitions`, { to: 'resolved', solutionSummary: 'Selesai' });
    expectProblem(noQuantity, 409, 'REQUEST_QUANTITY_REQUIRED');
    expect(noQuantity.body.code).toBe('REQUEST_QUANTITY_REQUIRED');
    const results = await Promise.all([
      lina.post(`/api/v1/service-requests/${order.id}/complete`, {
        version: order.version,
        actualQuantity: 2.5,
        solutionSummary: 'Data dikirim',
      }),
      lina.post(`/api/v1/service-requests/${order.id}/complete`, {
        version: order.version,
        actualQuantity: 2.5,
        solutionSummary: 'Data dikirim',
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await chargesOf(order.id)).toEqual([{ amount: '625000' }]);
    const done = (await requester.get(`/api/v1/service-requests/${order.id}`)).body;
    expect(done).toMatchObject({ status: 'done', actualQuantity: 2.5, charge: { amount: 625_000, quantity: 2.5 } });
    await requester.post(`/api/v1/tickets/${order.ticket.id}/transitions`, { to: 'closed' });
    expect((await requester.get(`/api/v1/service-requests/${order.id}`)).body.status).toBe('closed');
    expect(await chargesOf(order.id)).toHaveLength(1);
  });

  it('rounds half-up to whole Rupiah', async () => {
    expect(amountOf(333_333n, 150n)).toBe(500_000n); // 499 999,5
    expect(amountOf(333_333n, 149n)).toBe(496_666n); // 496 666,17
    expect(amountOf(-333_333n, 150n)).toBe(-500_000n);
    const item = await publishedItem({ rate: 333_333 });
    const order = (await requester.post('/api/v1/service-requests', { itemId: item.id, quantity: 2, answers: { dataset: 'x' } })).body;
    await lina.post(`/api/v1/tickets/${order.ticket.id}/transitions`, { to: 'in_progress', assigneeId: user['lina@nusantara.test'] });
    await lina.post(`/api/v1/service-requests/${order.id}/complete`, {
      version: order.version,
      actualQuantity: 1.5,
      solutionSummary: 'ok',
    });
    expect(await chargesOf(order.id)).toEqual([{ amount: '500000' }]);
  });

  it('shows the charges on both divisions’ pages, to their Billing Coordinators only, and corrects by reversal', async () => {
    const period = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit' })
      .format(new Date())
      .slice(0, 7);
    const produk = await billing.get(`/api/v1/charges?division=${unit.PRODUK}&period=${period}`);
    expect(produk.status).toBe(200);
    expect(produk.body.spent.items.length).toBeGreaterThanOrEqual(2);
    expect(produk.body.spent.total).toBe(produk.body.spent.items.reduce((s: number, c: { amount: number }) => s + c.amount, 0));
    expect(produk.body.earned.items).toEqual([]);
    // Another division's charges are invisible to Produk's Billing Coordinator.
    const foreign = await billing.get(`/api/v1/charges?division=${unit.BIGDATA}&period=${period}`);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);
    const executive = await t.actingAs('executive');
    const bigData = await executive.get(`/api/v1/charges?division=${unit.BIGDATA}&period=${period}`);
    expect(bigData.body.earned.total).toBe(produk.body.spent.total);
    const charge = produk.body.spent.items[0];
    expectProblem(await requester.post(`/api/v1/charges/${charge.id}/reverse`, { reason: 'salah' }), 403, 'FORBIDDEN');
    expect((await billing.post(`/api/v1/charges/${charge.id}/reverse`, { reason: 'Salah jumlah jam' })).status).toBe(204);
    expectProblem(await billing.post(`/api/v1/charges/${charge.id}/reverse`, { reason: 'lagi' }), 409, 'CHARGE_REVERSED');
    const after = await billing.get(`/api/v1/charges?division=${unit.PRODUK}&period=${period}`);
    expect(after.body.spent.total).toBe(produk.body.spent.total - charge.amount);
    await expect(t.ctx.pool.query(`UPDATE charges SET amount = 1`)).rejects.toThrow(/append-only/);
  });
});

describe('catalog gaps', () => {
  it('groups ad-hoc request tickets by category, leaving out catalog orders, for leads only', async () => {
    const category = Number(
      (await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM ticket_categories WHERE code = 'SVC-DEVICE'`)).rows[0]?.id,
    );
    for (let i = 0; i < 3; i++)
      await requester.post('/api/v1/tickets', {
        type: 'request',
        title: `Minta mouse ${i}`,
        categoryId: category,
        urgency: 'low',
        impact: 'low',
      });
    // Today in the requester's company's calendar (WIB runs ahead of UTC: after 17.00 UTC it is already tomorrow).
    const today = dayOf(t.ctx.clock.now(), DEFAULT_TIME_ZONE);
    const lead = await t.actingAs('team_lead');
    const report = await lead.get(`/api/v1/reports/catalog-gaps?from=${today}&to=${today}`);
    expect(report.status).toBe(200);
    expect(report.body.items[0]).toMatchObject({ categoryId: category, category: 'Pengadaan Perangkat', tickets: 3 });
    // Fulfilment tickets of catalog orders are not gaps.
    expect(report.body.items.some((i: { categoryId: number | null }) => i.categoryId === null)).toBe(false);
    expectProblem(await requester.get(`/api/v1/reports/catalog-gaps?from=${today}&to=${today}`), 403, 'FORBIDDEN');
  });
});
