import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let admin: Client;
let agent: Client; // budi, Service Desk
let requester: Client; // siti, unit PRODUK

beforeAll(async () => {
  t = await createTestApp();
  [admin, agent, requester] = await Promise.all([t.actingAs('administrator'), t.actingAs('agent'), t.actingAs('requester')]);
});
afterAll(() => t.close());

const userId = async (email: string) =>
  Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = ${email}`)).rows[0]?.id);
const audited = async (action: string) =>
  (
    await t.ctx.db.execute<{ before: unknown; after: unknown }>(
      sql`SELECT before, after FROM audit_log WHERE action = ${action} ORDER BY id DESC LIMIT 1`,
    )
  ).rows[0];

type Category = { id: number; parentId: number | null; code: string; name: string; depth: number; active: boolean; version: number };
const categories = async (client: Client, query = '') =>
  (await client.get(`/api/v1/ticket-categories?pageSize=200${query}`)).body.items as Category[];

/** The settings as the admin reads them, ready to PUT back with `changes`. */
const putSettings = async (changes: Record<string, unknown>, client = admin) => {
  const { allowableTypes: _, ...current } = (await admin.get('/api/v1/service-desk-settings')).body;
  return client.put('/api/v1/service-desk-settings', { ...current, ...changes });
};

const fileTicket = async (title: string, body: Record<string, unknown> = {}) => {
  const res = await requester.post('/api/v1/tickets', { title, urgency: 'low', impact: 'low', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

describe('who may change reference data', () => {
  it('refuses every write to non-Administrators with 403 and lets every signed-in user read what forms need', async () => {
    const { body: matrix } = await requester.get('/api/v1/priority-matrix');
    const settings = (await admin.get('/api/v1/service-desk-settings')).body;
    const { allowableTypes: _, ...settingsBody } = settings;
    const writes: [string, string, unknown][] = [
      ['POST', '/api/v1/ticket-categories', { code: 'X1', nameId: 'X', nameEn: 'X' }],
      ['PATCH', '/api/v1/ticket-categories/1', { version: 1, nameId: 'Diubah' }],
      ['POST', '/api/v1/business-services', { code: 'X1', name: 'X' }],
      ['PATCH', '/api/v1/business-services/1', { version: 1, name: 'Diubah' }],
      ['PUT', '/api/v1/priority-matrix', { cells: matrix.cells }],
      ['PUT', '/api/v1/ticket-status-labels', { labels: [{ status: 'resolved', locale: 'id', label: 'Selesai' }] }],
      ['PUT', '/api/v1/service-desk-settings', settingsBody],
    ];
    for (const client of [agent, requester]) {
      for (const [method, url, body] of writes) {
        const res =
          method === 'POST'
            ? await client.post(url, body)
            : method === 'PATCH'
              ? await client.patch(url, body)
              : await client.put(url, body);
        expect(res.status, `${method} ${url}`).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      expectProblem(await client.get('/api/v1/service-desk-settings'), 403, 'FORBIDDEN');
      for (const url of [
        '/api/v1/ticket-categories',
        '/api/v1/business-services',
        '/api/v1/priority-matrix',
        '/api/v1/ticket-status-labels',
      ])
        expect((await client.get(url)).status, url).toBe(200);
    }
    expectProblem(await t.anonymous().get('/api/v1/ticket-categories'), 401, 'UNAUTHENTICATED');
    // Nothing changed.
    expect((await requester.get('/api/v1/priority-matrix')).body).toEqual(matrix);
    expect((await admin.get('/api/v1/service-desk-settings')).body).toEqual(settings);
  });
});

describe('category tree', () => {
  it('lists the seeded tree depth-first in the reader’s language', async () => {
    const items = await categories(requester);
    const hw = items.find((c) => c.code === 'HW');
    expect(hw).toMatchObject({ name: 'Perangkat Keras', depth: 0, parentId: null });
    expect(items.find((c) => c.code === 'HW-PC')).toMatchObject({ name: 'Komputer', depth: 1, parentId: hw?.id });
    expect(items.find((c) => c.code === 'HW-PC-BOOT')).toMatchObject({ depth: 2 });
    // Every category comes right after its parent's subtree starts: parents first, siblings by sort.
    const position = new Map(items.map((c, i) => [c.id, i]));
    for (const c of items) if (c.parentId) expect(position.get(c.parentId)).toBeLessThan(position.get(c.id) ?? -1);
    expect(items.slice(0, 4).map((c) => c.code)).toEqual(['HW', 'HW-PC', 'HW-PC-VIRUS', 'HW-PC-BOOT']);
    // English readers (by profile language) get English names.
    await t.ctx.db.execute(sql`UPDATE users SET locale = 'en' WHERE email = 'budi@nusantara.test'`);
    const english = await categories(await t.actingAs('agent'));
    expect(english.find((c) => c.code === 'HW')?.name).toBe('Hardware');
    await t.ctx.db.execute(sql`UPDATE users SET locale = 'id' WHERE email = 'budi@nusantara.test'`);
  });

  it('creates, edits, moves and deactivates categories, refusing cycles, stale versions and taken codes', async () => {
    const create = (body: Record<string, unknown>) => admin.post('/api/v1/ticket-categories', body);
    const parent = await create({ code: 'PRN', nameId: 'Cetak', nameEn: 'Printing', sort: 60 });
    expect(parent.status, JSON.stringify(parent.body)).toBe(201);
    expect(parent.body).toMatchObject({ name: 'Cetak', depth: 0, active: true, version: 1, isSecurity: false });
    const child = (await create({ code: 'PRN-INK', nameId: 'Tinta', nameEn: 'Ink', parentId: parent.body.id, sort: 5 })).body;
    const grandchild = (await create({ code: 'PRN-INK-RED', nameId: 'Tinta merah', nameEn: 'Red ink', parentId: child.id })).body;
    expect([child.depth, grandchild.depth]).toEqual([1, 2]);
    const audit = await audited('tickets.category_created');
    expect(audit?.after).toMatchObject({ code: 'PRN-INK-RED' });

    // Refusals.
    expect((await create({ code: 'PRN', nameId: 'Dobel', nameEn: 'Double' })).body.code).toBe('CODE_TAKEN');
    expectProblem(await create({ code: 'ORPHAN', nameId: 'Yatim', nameEn: 'Orphan', parentId: 999_999 }), 400, 'UNKNOWN_REFERENCE');
    expectProblem(await create({ code: 'Y', nameId: 'Y', nameEn: 'Y', colour: 'red' }), 400, 'VALIDATION_FAILED');
    for (const parentId of [parent.body.id, child.id, grandchild.id]) {
      const cycle = await admin.patch(`/api/v1/ticket-categories/${parent.body.id}`, { version: 1, parentId });
      expect(cycle.status, `parent ${parentId}`).toBe(409);
      expect(cycle.body.code).toBe('CATEGORY_CYCLE');
    }

    // Edit with the version read; the old version is then stale.
    const renamed = await admin.patch(`/api/v1/ticket-categories/${child.id}`, { version: 1, nameId: 'Tinta & Toner', isSecurity: true });
    // Fields left out of a PATCH stay as they were.
    expect(renamed.body).toMatchObject({
      name: 'Tinta & Toner',
      isSecurity: true,
      version: 2,
      parentId: parent.body.id,
      sort: 5,
      depth: 1,
    });
    const stale = await admin.patch(`/api/v1/ticket-categories/${child.id}`, { version: 1, nameId: 'Lama' });
    expectProblem(stale, 409, 'VERSION_CONFLICT');
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect(stale.body.detail).toMatch(/diubah oleh orang lain/);
    const updateAudit = await audited('tickets.category_updated');
    expect(updateAudit?.before).toMatchObject({ nameId: 'Tinta', version: 1 });
    expect(updateAudit?.after).toMatchObject({ nameId: 'Tinta & Toner', version: 2 });

    // Move the grandchild to the top level.
    const moved = await admin.patch(`/api/v1/ticket-categories/${grandchild.id}`, { version: 1, parentId: null });
    expect(moved.body).toMatchObject({ parentId: null, depth: 0 });

    // A parent with active sub-categories stays active; deactivate the leaf first.
    const busy = await admin.patch(`/api/v1/ticket-categories/${parent.body.id}`, { version: 1, active: false });
    expectProblem(busy, 409, 'CATEGORY_IN_USE');
    expect(busy.body.code).toBe('CATEGORY_IN_USE');
    expect((await admin.patch(`/api/v1/ticket-categories/${child.id}`, { version: 2, active: false })).status).toBe(200);
    expect((await admin.patch(`/api/v1/ticket-categories/${parent.body.id}`, { version: 1, active: false })).body.active).toBe(false);
    const forForms = await categories(requester, '&active=true');
    expect(forForms.map((c) => c.code)).not.toContain('PRN');
    expect((await categories(requester)).map((c) => c.code)).toContain('PRN');
    // Nothing active goes under an inactive parent.
    const wake = await admin.patch(`/api/v1/ticket-categories/${child.id}`, { version: 3, active: true });
    expectProblem(wake, 400, 'UNKNOWN_REFERENCE');
    expect(wake.body.code).toBe('UNKNOWN_REFERENCE');
    expectProblem(
      await create({ code: 'PRN-PAPER', nameId: 'Kertas', nameEn: 'Paper', parentId: parent.body.id }),
      400,
      'UNKNOWN_REFERENCE',
    );
    // Deactivated categories are refused on new tickets.
    expectProblem(
      await requester.post('/api/v1/tickets', { title: 'X', urgency: 'low', impact: 'low', categoryId: child.id }),
      400,
      'UNKNOWN_REFERENCE',
    );
  });
});

describe('business services', () => {
  it('follows the same conventions: create, taken code, versioned edit, deactivation', async () => {
    const list = (await requester.get('/api/v1/business-services?pageSize=200')).body;
    expect(list.items.map((s: { code: string }) => s.code)).toEqual(expect.arrayContaining(['IPOS', 'PGM', 'EPOD']));
    expectProblem(await admin.post('/api/v1/business-services', { code: 'IPOS', name: 'Dobel' }), 409, 'CODE_TAKEN');
    const created = await admin.post('/api/v1/business-services', {
      code: 'SIMPEG',
      name: 'SIMPEG',
      usersDescription: 'Bagian Kepegawaian',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'SIMPEG',
      usersDescription: 'Bagian Kepegawaian',
      description: null,
      active: true,
      version: 1,
    });
    const edited = await admin.patch(`/api/v1/business-services/${created.body.id}`, { version: 1, description: 'Data pegawai' });
    expect(edited.body).toMatchObject({ description: 'Data pegawai', usersDescription: 'Bagian Kepegawaian', version: 2 });
    expectProblem(await admin.patch(`/api/v1/business-services/${created.body.id}`, { version: 1, name: 'Lama' }), 409, 'VERSION_CONFLICT');
    expect((await admin.patch(`/api/v1/business-services/${created.body.id}`, { version: 2, active: false })).body.active).toBe(false);
    const active = (await requester.get('/api/v1/business-services?pageSize=200&active=true')).body;
    expect(active.items.map((s: { code: string }) => s.code)).not.toContain('SIMPEG');
    expect((await audited('tickets.service_updated'))?.after).toMatchObject({ code: 'SIMPEG', active: false });
  });
});

describe('priority matrix', () => {
  it('replaces all nine cells at once and new tickets take the new priority', async () => {
    const before = (await requester.get('/api/v1/priority-matrix')).body;
    expect(before.cells).toHaveLength(9);
    expect(before.cells[0]).toEqual({ urgency: 'high', impact: 'high', priority: 'P1' });
    const cells = before.cells.map((c: { urgency: string; impact: string }) =>
      c.urgency === 'low' && c.impact === 'low' ? { ...c, priority: 'P4' } : c,
    );
    // A ticket filed before the change: each server process now remembers the old cell, and must forget it.
    expect((await fileTicket('Sebelum')).priority).toBe('P5');
    const saved = await admin.put('/api/v1/priority-matrix', { version: before.version, cells });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(before.version + 1);
    expect((await fileTicket('Kecil')).priority).toBe('P4');
    expect((await audited('tickets.priority_matrix_updated'))?.after).toEqual(cells);

    // Each pair exactly once, nine cells, no stale version.
    const twice = await admin.put('/api/v1/priority-matrix', { cells: [...cells.slice(0, 8), cells[0]] });
    expectProblem(twice, 400, 'PRIORITY_MATRIX_INCOMPLETE');
    expect(twice.body.code).toBe('PRIORITY_MATRIX_INCOMPLETE');
    expectProblem(await admin.put('/api/v1/priority-matrix', { cells: cells.slice(0, 8) }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await admin.put('/api/v1/priority-matrix', { cells: [{ ...cells[0], priority: 'P9' }, ...cells.slice(1)] }),
      400,
      'VALIDATION_FAILED',
    );
    const stale = await admin.put('/api/v1/priority-matrix', { version: before.version, cells: before.cells });
    expectProblem(stale, 409, 'VERSION_CONFLICT');
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expect((await fileTicket('Masih kecil')).priority).toBe('P4');
    // Back to 004's matrix, for the other tests.
    expect((await admin.put('/api/v1/priority-matrix', { cells: before.cells })).status).toBe(200);
  });
});

describe('status labels', () => {
  it('shows an Administrator’s label such as Selesai on tickets, and an empty label restores the default', async () => {
    const { body: before } = await requester.get('/api/v1/ticket-status-labels');
    expect(before.items).toHaveLength(14);
    expect(before.items.find((l: { status: string; locale: string }) => l.status === 'resolved' && l.locale === 'id')).toEqual({
      status: 'resolved',
      locale: 'id',
      label: 'Terselesaikan',
      defaultLabel: 'Terselesaikan',
      custom: false,
    });
    const saved = await admin.put('/api/v1/ticket-status-labels', {
      version: before.version,
      labels: [
        { status: 'resolved', locale: 'id', label: 'Selesai' },
        { status: 'resolved', locale: 'en', label: 'Done' },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.items.find((l: { status: string; locale: string }) => l.status === 'resolved' && l.locale === 'id')).toMatchObject({
      label: 'Selesai',
      custom: true,
    });

    const ticket = await fileTicket('Label');
    const budi = await userId('budi@nusantara.test');
    expect((await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: budi })).status).toBe(200);
    expect((await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'resolved', solutionSummary: 'Sudah beres' })).status).toBe(
      200,
    );
    const read = (await requester.get(`/api/v1/tickets/${ticket.id}`)).body;
    expect([read.status, read.statusLabel]).toEqual(['resolved', 'Selesai']);

    // Refusals: the same status twice, an unknown status, a stale version.
    const twice = await admin.put('/api/v1/ticket-status-labels', {
      labels: [
        { status: 'new', locale: 'id', label: 'A' },
        { status: 'new', locale: 'id', label: 'B' },
      ],
    });
    expect(twice.body.code).toBe('STATUS_LABEL_TWICE');
    expectProblem(
      await admin.put('/api/v1/ticket-status-labels', { labels: [{ status: 'done', locale: 'id', label: 'X' }] }),
      400,
      'VALIDATION_FAILED',
    );
    const stale = await admin.put('/api/v1/ticket-status-labels', { version: before.version, labels: [] });
    expectProblem(stale, 409, 'VERSION_CONFLICT');

    const reset = await admin.put('/api/v1/ticket-status-labels', { labels: [{ status: 'resolved', locale: 'id', label: '' }] });
    expect(reset.body.items.find((l: { status: string; locale: string }) => l.status === 'resolved' && l.locale === 'id')).toMatchObject({
      label: 'Terselesaikan',
      custom: false,
    });
    expect((await requester.get(`/api/v1/tickets/${ticket.id}`)).body.statusLabel).toBe('Terselesaikan');
    expect((await audited('tickets.status_labels_updated'))?.before).toEqual(
      expect.arrayContaining([expect.objectContaining({ status: 'resolved', locale: 'id', label: 'Selesai' })]),
    );
  });
});

describe('service-desk settings', () => {
  it('numbers tickets with a 004-style pattern and refuses an invalid one', async () => {
    const invalid = await putSettings({ ticketNumberPattern: 'INC-{yyyy}' });
    expectProblem(invalid, 400, 'NUMBER_PATTERN_INVALID');
    expect(invalid.body.code).toBe('NUMBER_PATTERN_INVALID');
    expect(invalid.body.errors[0].path).toBe('ticketNumberPattern');
    expectProblem(await putSettings({ ticketNumberPattern: 'INC-{seq}-{nomor}' }), 400, 'NUMBER_PATTERN_INVALID');

    expect((await putSettings({ ticketNumberPattern: '{unit}.{dd}{mm}{yyyy}.{seq:3}' })).status).toBe(200);
    const d = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' })
        .formatToParts(new Date())
        .map((p) => [p.type, p.value]),
    );
    expect((await fileTicket('Pola')).number).toBe(`PRODUK.${d.day}${d.month}${d.year}.001`);
    expect((await fileTicket('Pola lagi')).number).toBe(`PRODUK.${d.day}${d.month}${d.year}.002`);
    expect((await putSettings({ ticketNumberPattern: 'INC-{yyyy}-{seq:6}' })).status).toBe(200);
  });

  it('applies the attachment policy, refusing HTML and SVG', async () => {
    for (const type of ['text/html', 'image/svg+xml', 'application/x-msdownload'])
      expect((await putSettings({ attachmentTypes: ['application/pdf', type] })).status, type).toBe(400);
    expectProblem(await putSettings({ attachmentTypes: [] }), 400, 'VALIDATION_FAILED');
    expectProblem(await putSettings({ attachmentMaxMb: 0 }), 400, 'VALIDATION_FAILED');
    expectProblem(await putSettings({ attachmentMaxMb: 51 }), 400, 'VALIDATION_FAILED');

    const ticket = await fileTicket('Lampiran');
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const upload = () => requester.upload(`/api/v1/tickets/${ticket.id}/attachments`, { name: 'layar.png', type: 'image/png', data: png });
    expect((await upload()).status).toBe(201);

    const { allowableTypes, attachmentTypes } = (await admin.get('/api/v1/service-desk-settings')).body;
    expect(allowableTypes).not.toContain('text/html');
    const withoutPng = attachmentTypes.filter((type: string) => type !== 'image/png');
    const saved = await putSettings({ attachmentTypes: withoutPng, attachmentMaxMb: 5 });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ attachmentTypes: withoutPng, attachmentMaxMb: 5 });
    const refused = await upload();
    expectProblem(refused, 415, 'ATTACHMENT_TYPE');
    expect(refused.body.code).toBe('ATTACHMENT_TYPE');
    expect((await putSettings({ attachmentTypes })).status).toBe(200);
  });

  it('names an active head of IT and director, refuses stale versions and unknown fields, and audits the change', async () => {
    const dewi = await userId('dewi@nusantara.test');
    const bambang = await userId('bambang@nusantara.test');
    const { allowableTypes: _, ...read } = (await admin.get('/api/v1/service-desk-settings')).body;
    // Only the fields the brief lists: the automation settings stay as they are.
    const { autoCloseBusinessDays, pendingReminderDays, ...essentials } = read;
    const saved = await admin.put('/api/v1/service-desk-settings', { ...essentials, headOfItUserId: dewi, directorUserId: bambang });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ headOfItUserId: dewi, directorUserId: bambang, autoCloseBusinessDays, pendingReminderDays });
    expect(saved.body.version).toBe(read.version + 1);
    expect(await audited('settings.service_desk_updated')).toMatchObject({
      before: read.version === 0 ? null : expect.anything(),
      after: { headOfItUserId: dewi, directorUserId: bambang },
    });

    const stale = await admin.put('/api/v1/service-desk-settings', read);
    expectProblem(stale, 409, 'VERSION_CONFLICT');
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    expectProblem(await putSettings({ surprise: true }), 400, 'VALIDATION_FAILED');

    const unknown = await putSettings({ headOfItUserId: 999_999 });
    expectProblem(unknown, 400, 'UNKNOWN_REFERENCE');
    expect(unknown.body.code).toBe('UNKNOWN_REFERENCE');
    expect(unknown.body.errors[0].path).toBe('headOfItUserId');
    await t.ctx.db.execute(sql`UPDATE users SET active = false WHERE email = 'rudi@nusantara.test'`);
    const inactive = await putSettings({ directorUserId: await userId('rudi@nusantara.test') });
    expectProblem(inactive, 400, 'UNKNOWN_REFERENCE');
    expect(inactive.body.errors[0].path).toBe('directorUserId');
    await t.ctx.db.execute(sql`UPDATE users SET active = true WHERE email = 'rudi@nusantara.test'`);
  });
});
