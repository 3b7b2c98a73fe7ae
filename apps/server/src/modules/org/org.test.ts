import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let admin: Client;
let agent: Client;
const company = async (code: string) =>
  Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM companies WHERE code = ${code}`)).rows[0]?.id);
const unitCount = async () => Number((await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM units`)).rows[0]?.n);

beforeAll(async () => {
  t = await createTestApp();
  [admin, agent] = await Promise.all([t.actingAs('administrator'), t.actingAs('agent')]);
});
afterAll(() => t.close());

describe('master data', () => {
  it('lists for everyone, changes for Administrators only, audited', async () => {
    expect((await agent.get('/api/v1/companies')).body.items.map((c: { code: string }) => c.code).sort()).toEqual([
      'AKI',
      'KOMINFO',
      'NDS',
    ]);
    expect((await agent.post('/api/v1/vendors', { name: 'PT Vendor Baru' })).status).toBe(403);
    expect((await (await t.actingAs('division_admin')).post('/api/v1/companies', { code: 'X', name: 'X' })).status).toBe(403);
    const vendor = await admin.post('/api/v1/vendors', { name: 'PT Vendor Baru', contactEmail: 'cs@vendor.test', contractRef: 'KTR/01' });
    expect(vendor.status).toBe(201);
    expect((await admin.post('/api/v1/vendors', { name: 'PT Vendor Baru' })).status).toBe(409);
    expect((await admin.post('/api/v1/vendors', { name: 'Y', secret: true })).status).toBe(400);
    const stale = await admin.patch(`/api/v1/vendors/${vendor.body.id}`, { version: vendor.body.version + 1, name: 'Basi' });
    expect(stale.status).toBe(409);
    const off = await admin.patch(`/api/v1/vendors/${vendor.body.id}`, { version: vendor.body.version, active: false });
    expect(off.body).toMatchObject({ active: false, version: vendor.body.version + 1 });
    const logged = await t.ctx.db.execute<{ action: string }>(sql`SELECT action FROM audit_log WHERE target_type = 'vendor' ORDER BY id`);
    expect(logged.rows.map((r) => r.action)).toEqual(['org.vendor_created', 'org.vendor_updated']);
  });

  it('keeps unit paths right when a unit moves, and refuses cycles', async () => {
    const nds = await company('NDS');
    const parent = (await admin.post('/api/v1/units', { companyId: nds, code: 'SDM', name: 'Sumber Daya Manusia' })).body;
    const child = (
      await admin.post('/api/v1/units', { companyId: nds, parentId: parent.id, code: 'SDM-REK', name: 'Rekrutmen', type: 'department' })
    ).body;
    const grandchild = (
      await admin.post('/api/v1/units', {
        companyId: nds,
        parentId: child.id,
        code: 'SDM-REK-1',
        name: 'Rekrutmen Teknis',
        type: 'department',
      })
    ).body;
    expect(grandchild.path).toBe(`/${parent.id}/${child.id}/${grandchild.id}/`);
    expect(grandchild.depth).toBe(2);
    const it = (await admin.get('/api/v1/units?q=Teknologi')).body.items[0];
    const moved = await admin.patch(`/api/v1/units/${child.id}`, { version: child.version, parentId: it.id });
    expect(moved.status).toBe(200);
    const after = (await admin.get('/api/v1/units?q=SDM-REK-1')).body.items[0];
    expect(after.path).toBe(`/${it.id}/${child.id}/${grandchild.id}/`);
    const renamed = await admin.patch(`/api/v1/units/${grandchild.id}`, { version: after.version, name: 'Rekrutmen TI' });
    expect(renamed.body).toMatchObject({ name: 'Rekrutmen TI', parentId: child.id, type: 'department', path: after.path });
    expect((await admin.patch(`/api/v1/units/${child.id}`, { version: moved.body.version, parentId: grandchild.id })).body.code).toBe(
      'UNIT_MOVE_INVALID',
    );
    const aki = (await admin.get(`/api/v1/units?companyId=${await company('AKI')}`)).body.items[0];
    expect((await admin.patch(`/api/v1/units/${child.id}`, { version: moved.body.version, parentId: aki.id })).status).toBe(409);
  });

  it('refuses to deactivate a unit with active users', async () => {
    const produk = (await admin.get('/api/v1/units?q=PRODUK')).body.items[0];
    const res = await admin.patch(`/api/v1/units/${produk.id}`, { version: produk.version, active: false });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('UNIT_IN_USE');
  });

  it('keeps team members and lead', async () => {
    const nds = await company('NDS');
    const users = await t.ctx.db.execute<{ id: number }>(
      sql`SELECT id FROM users WHERE email IN ('budi@nusantara.test', 'ratna@nusantara.test') ORDER BY id`,
    );
    const [a, b] = users.rows.map((r) => Number(r.id));
    const team = await admin.post('/api/v1/teams', {
      companyId: nds,
      code: 'NET',
      name: 'Jaringan',
      level: 2,
      leadUserId: a,
      memberIds: [a, b],
    });
    expect(team.status).toBe(201);
    expect(team.body.memberIds.sort()).toEqual([a, b].sort());
    const edited = await admin.patch(`/api/v1/teams/${team.body.id}`, { version: team.body.version, memberIds: [b] });
    expect(edited.body.memberIds).toEqual([b]);
    // A PATCH changes only what it names: renaming keeps members, level and lead.
    const renamed = await admin.patch(`/api/v1/teams/${team.body.id}`, { version: edited.body.version, name: 'Jaringan & Server' });
    expect(renamed.body).toMatchObject({ name: 'Jaringan & Server', memberIds: [b], level: 2, leadUserId: a });
    expect((await admin.post('/api/v1/teams', { companyId: nds, code: 'NET2', name: 'X', memberIds: [999999] })).status).toBe(400);
  });
});

describe('unit import', () => {
  const csv = (lines: string[]) => Buffer.from(['company_code,code,name,type,parent_code', ...lines].join('\n'));

  it('imports nothing when one row is bad and reports that row', async () => {
    const before = await unitCount();
    const res = await admin.upload('/api/v1/units/import', {
      name: 'unit.csv',
      type: 'text/csv',
      data: csv(['NDS,LEGAL,Hukum,division,', 'NDS,LEGAL-KTR,Kontrak,department,LEGAL', 'NDS,PAJAK,Pajak,division,TIDAKADA']),
    });
    expect(res.status).toBe(422);
    expect(res.body.rows).toEqual([expect.objectContaining({ line: 4, field: 'parent_code' })]);
    expect(res.body.detail).toMatch(/1 baris/);
    expect(await unitCount()).toBe(before);
    expect(
      (await agent.upload('/api/v1/units/import', { name: 'unit.csv', type: 'text/csv', data: csv(['NDS,A,A,division,']) })).status,
    ).toBe(403);
  });

  it('imports a CSV with parents defined in the same file, and an XLSX', async () => {
    const res = await admin.upload('/api/v1/units/import', {
      name: 'unit.csv',
      type: 'text/csv',
      data: csv(['NDS,LEGAL,Hukum,division,', 'NDS,LEGAL-KTR,Kontrak,department,LEGAL']),
    });
    expect(res.body).toEqual({ imported: 2 });
    const child = (await admin.get('/api/v1/units?q=LEGAL-KTR')).body.items[0];
    expect(child.depth).toBe(1);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Unit');
    sheet.addRow(['company_code', 'code', 'name', 'type', 'parent_code']);
    sheet.addRow(['KOMINFO', 'DISHUB', 'Dinas Perhubungan', 'skpd', '']);
    const xlsx = await admin.upload('/api/v1/units/import', {
      name: 'unit.xlsx',
      type: 'application/octet-stream',
      data: Buffer.from(await book.xlsx.writeBuffer()),
    });
    expect(xlsx.body).toEqual({ imported: 1 });
  });

  it('refuses a file that is not a spreadsheet', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    expect((await admin.upload('/api/v1/units/import', { name: 'unit.csv', type: 'text/csv', data: png })).status).toBe(415);
  });
});
