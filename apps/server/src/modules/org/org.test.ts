import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let admin: Client;
let agent: Client;
let divisionAdmin: Client;

const company = async (code: string) =>
  Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM companies WHERE code = ${code}`)).rows[0]?.id);
const unitCount = async () => Number((await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM units`)).rows[0]?.n);
/** The unit with exactly this code, as the API lists it. */
const unitByCode = async (code: string) =>
  (await admin.get(`/api/v1/units?q=${encodeURIComponent(code)}&pageSize=200`)).body.items.find((u: { code: string }) => u.code === code);
const auditOf = async (targetType: string, targetId: number) =>
  (
    await t.ctx.db.execute<{ action: string; before: any; after: any }>(
      sql`SELECT action, before, after FROM audit_log WHERE target_type = ${targetType} AND target_id = ${String(targetId)} ORDER BY id`,
    )
  ).rows;

beforeAll(async () => {
  t = await createTestApp();
  [admin, agent, divisionAdmin] = await Promise.all([t.actingAs('administrator'), t.actingAs('agent'), t.actingAs('division_admin')]);
});
afterAll(() => t.close());

describe('master data', () => {
  it('lists for everyone, changes for Administrators only, audited', async () => {
    expect((await agent.get('/api/v1/companies')).body.items.map((c: { code: string }) => c.code).sort()).toEqual([
      'AKI',
      'KOMINFO',
      'NDS',
    ]);
    for (const path of ['units', 'teams', 'vendors', 'locations']) expect((await agent.get(`/api/v1/${path}`)).status).toBe(200);
    expectProblem(await t.anonymous().get('/api/v1/units'), 401, 'UNAUTHENTICATED');
    expectProblem(await agent.post('/api/v1/vendors', { name: 'PT Vendor Baru' }), 403, 'FORBIDDEN');
    expectProblem(await divisionAdmin.post('/api/v1/companies', { code: 'X', name: 'X' }), 403, 'FORBIDDEN');
    const vendor = await admin.post('/api/v1/vendors', { name: 'PT Vendor Baru', contactEmail: 'cs@vendor.test', contractRef: 'KTR/01' });
    expect(vendor.status).toBe(201);
    expectProblem(
      await agent.patch(`/api/v1/vendors/${vendor.body.id}`, { version: vendor.body.version, name: 'Diambil' }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await admin.post('/api/v1/vendors', { name: 'PT Vendor Baru' }), 409, 'CODE_TAKEN');
    expectProblem(await admin.post('/api/v1/vendors', { name: 'Y', secret: true }), 400, 'VALIDATION_FAILED');
    const stale = await admin.patch(`/api/v1/vendors/${vendor.body.id}`, { version: vendor.body.version + 1, name: 'Basi' });
    expectProblem(stale, 409, 'VERSION_CONFLICT');
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const off = await admin.patch(`/api/v1/vendors/${vendor.body.id}`, { version: vendor.body.version, active: false });
    expect(off.body).toMatchObject({ name: 'PT Vendor Baru', active: false, version: vendor.body.version + 1 });
    expect((await admin.get('/api/v1/vendors?active=false')).body.items.map((v: { name: string }) => v.name)).toEqual(['PT Vendor Baru']);
    const logged = await auditOf('vendor', vendor.body.id);
    expect(logged.map((r) => r.action)).toEqual(['org.vendor_created', 'org.vendor_updated']);
    expect([logged[1]?.before.active, logged[1]?.after.active]).toEqual([true, false]);
  });

  it('edits a company with its version: stale changes nothing, codes are unique, unknown ids and fields are refused', async () => {
    const created = await admin.post('/api/v1/companies', { code: 'ACI', name: 'PT Angkasa Citra Indonesia', timeZone: 'Asia/Jayapura' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: 'ACI', timeZone: 'Asia/Jayapura', active: true, version: 1 });

    const taken = await admin.post('/api/v1/companies', { code: 'NDS', name: 'Tiruan' });
    expectProblem(taken, 409, 'CODE_TAKEN');
    expect(taken.body).toMatchObject({ code: 'CODE_TAKEN', detail: 'Kode atau nama tersebut sudah dipakai.' });

    const stamp = async () =>
      (await t.ctx.db.execute<{ updated_at: string }>(sql`SELECT updated_at FROM companies WHERE id = ${created.body.id}`)).rows[0]
        ?.updated_at;
    const before = await stamp();
    const renamed = await admin.patch(`/api/v1/companies/${created.body.id}`, { version: 1, name: 'PT Angkasa Citra' });
    expect(renamed.body).toMatchObject({ name: 'PT Angkasa Citra', timeZone: 'Asia/Jayapura', version: 2 });
    expect(new Date(String(await stamp())).getTime()).toBeGreaterThan(new Date(String(before)).getTime());

    const stale = await admin.patch(`/api/v1/companies/${created.body.id}`, { version: 1, name: 'Versi Lama' });
    expectProblem(stale, 409, 'VERSION_CONFLICT');
    const listed = (await admin.get('/api/v1/companies?q=ACI')).body.items[0];
    expect(listed).toMatchObject({ name: 'PT Angkasa Citra', version: 2 });

    expectProblem(await admin.patch('/api/v1/companies/999999', { version: 1, name: 'X' }), 404, 'NOT_FOUND');
    expectProblem(await admin.patch(`/api/v1/companies/${created.body.id}`, { version: 2, owner: 'X' }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await admin.patch(`/api/v1/companies/${created.body.id}`, { version: 2, timeZone: 'Mars/Olympus' }),
      400,
      'VALIDATION_FAILED',
    );

    const [, update] = await auditOf('company', created.body.id);
    expect(update).toMatchObject({ action: 'org.company_updated', before: { name: 'PT Angkasa Citra Indonesia' } });
    expect(update?.after).toMatchObject({ name: 'PT Angkasa Citra', version: 2 });
  });

  it('keeps a company with active units active', async () => {
    const nds = (await admin.get('/api/v1/companies?q=NDS')).body.items[0];
    const res = await admin.patch(`/api/v1/companies/${nds.id}`, { version: nds.version, active: false });
    expectProblem(res, 409, 'COMPANY_IN_USE');
    expect(res.body.code).toBe('COMPANY_IN_USE');
    expect((await admin.get('/api/v1/companies?q=NDS')).body.items[0]).toMatchObject({ active: true, version: nds.version });

    const empty = (await admin.post('/api/v1/companies', { code: 'KOSONG', name: 'PT Kosong' })).body;
    expect((await admin.patch(`/api/v1/companies/${empty.id}`, { version: 1, active: false })).body).toMatchObject({ active: false });
    // Nothing new may be placed in an inactive company.
    const unit = await admin.post('/api/v1/units', { companyId: empty.id, code: 'X', name: 'X' });
    expectProblem(unit, 400, 'UNKNOWN_REFERENCE');
    expect(unit.body.code).toBe('UNKNOWN_REFERENCE');
  });
});

describe('units', () => {
  it('lists the tree company by company, parents before children, paged', async () => {
    const nds = await company('NDS');
    const page = (await agent.get(`/api/v1/units?companyId=${nds}&pageSize=200`)).body;
    expect(page.items.length).toBe(page.total);
    expect(page.items.every((u: { companyId: number }) => u.companyId === nds)).toBe(true);
    const paths = page.items.map((u: { path: string }) => u.path);
    expect(paths).toEqual([...paths].sort());
    const platform = page.items.findIndex((u: { code: string }) => u.code === 'DEVOPS-PLT');
    expect(page.items[platform - 1]).toMatchObject({ code: 'DEVOPS', depth: 0 });
    expect(page.items[platform]).toMatchObject({ parentId: page.items[platform - 1].id, depth: 1, type: 'department' });
    expect(Object.keys(page.items[0]).sort()).toEqual(
      ['active', 'code', 'companyId', 'depth', 'id', 'name', 'parentId', 'path', 'type', 'version'].sort(),
    );

    const all = (await agent.get('/api/v1/units?pageSize=200')).body.items.map((u: { companyId: number }) => u.companyId);
    expect(all).toEqual([...all].sort((a: number, b: number) => a - b));
    const second = (await agent.get(`/api/v1/units?companyId=${nds}&page=2&pageSize=3`)).body;
    expect(second).toMatchObject({ page: 2, pageSize: 3, total: page.total });
    expect(second.items.map((u: { id: number }) => u.id)).toEqual(page.items.slice(3, 6).map((u: { id: number }) => u.id));
    expectProblem(await agent.get('/api/v1/units?pageSize=1000'), 400, 'VALIDATION_FAILED');
  });

  it('keeps codes unique per company and refuses bad references', async () => {
    const [nds, aki] = [await company('NDS'), await company('AKI')];
    const duplicate = await admin.post('/api/v1/units', { companyId: nds, code: 'DEVOPS', name: 'DevOps Kedua' });
    expectProblem(duplicate, 409, 'CODE_TAKEN');
    expect(duplicate.body.code).toBe('CODE_TAKEN');
    expect((await admin.post('/api/v1/units', { companyId: aki, code: 'DEVOPS', name: 'DevOps AKI' })).status).toBe(201);
    expectProblem(await admin.post('/api/v1/units', { companyId: 999999, code: 'Z', name: 'Z' }), 400, 'UNKNOWN_REFERENCE');
    expectProblem(await admin.post('/api/v1/units', { companyId: nds, parentId: 999999, code: 'Z', name: 'Z' }), 400, 'UNKNOWN_REFERENCE');
    expectProblem(await admin.post('/api/v1/units', { companyId: nds, code: 'Z', name: 'Z', type: 'planet' }), 400, 'VALIDATION_FAILED');
    const it = await unitByCode('IT');
    expectProblem(await divisionAdmin.patch(`/api/v1/units/${it.id}`, { version: it.version, name: 'TI' }), 403, 'FORBIDDEN');
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
    const it = await unitByCode('IT');

    const stale = await admin.patch(`/api/v1/units/${child.id}`, { version: child.version + 1, parentId: it.id });
    expectProblem(stale, 409, 'VERSION_CONFLICT');
    expect((await unitByCode('SDM-REK-1')).path).toBe(grandchild.path);

    const moved = await admin.patch(`/api/v1/units/${child.id}`, { version: child.version, parentId: it.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ path: `/${it.id}/${child.id}/`, depth: 1, version: child.version + 1 });
    const after = await unitByCode('SDM-REK-1');
    expect(after.path).toBe(`/${it.id}/${child.id}/${grandchild.id}/`);
    expect(after.depth).toBe(2);
    const renamed = await admin.patch(`/api/v1/units/${grandchild.id}`, { version: after.version, name: 'Rekrutmen TI' });
    expect(renamed.body).toMatchObject({ name: 'Rekrutmen TI', parentId: child.id, type: 'department', path: after.path });

    // Under itself, under its own descendant, into another company: all refused, nothing moves.
    for (const body of [{ parentId: child.id }, { parentId: grandchild.id }, { companyId: await company('AKI') }]) {
      const res = await admin.patch(`/api/v1/units/${child.id}`, { version: moved.body.version, ...body });
      expectProblem(res, 409, 'UNIT_MOVE_INVALID');
      expect(res.body.code).toBe('UNIT_MOVE_INVALID');
    }
    const aki = (await admin.get(`/api/v1/units?companyId=${await company('AKI')}`)).body.items[0];
    expectProblem(
      await admin.patch(`/api/v1/units/${child.id}`, { version: moved.body.version, parentId: aki.id }),
      409,
      'UNIT_MOVE_INVALID',
    );
    expect((await unitByCode('SDM-REK-1')).path).toBe(after.path);

    // Back to the top: the subtree follows.
    const top = await admin.patch(`/api/v1/units/${child.id}`, { version: moved.body.version, parentId: null });
    expect(top.body).toMatchObject({ path: `/${child.id}/`, depth: 0 });
    expect((await unitByCode('SDM-REK-1')).path).toBe(`/${child.id}/${grandchild.id}/`);
    expect((await auditOf('unit', child.id)).map((r) => r.action)).toEqual(['org.unit_created', 'org.unit_updated', 'org.unit_updated']);
  });

  it('lets only one of two crossing moves through', async () => {
    const nds = await company('NDS');
    const [a, b] = await Promise.all(
      ['QA', 'QC'].map(async (code) => (await admin.post('/api/v1/units', { companyId: nds, code, name: code })).body),
    );
    const results = await Promise.all([
      admin.patch(`/api/v1/units/${a.id}`, { version: a.version, parentId: b.id }),
      admin.patch(`/api/v1/units/${b.id}`, { version: b.version, parentId: a.id }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(['UNIT_TREE_BUSY', 'UNIT_MOVE_INVALID']).toContain(results.find((r) => r.status === 409)?.body.code);
    const paths = [(await unitByCode('QA')).path, (await unitByCode('QC')).path].sort((x, y) => x.length - y.length);
    expect(paths[1].startsWith(paths[0])).toBe(true);
  });

  it('refuses to deactivate a unit with active users', async () => {
    const produk = await unitByCode('PRODUK');
    const res = await admin.patch(`/api/v1/units/${produk.id}`, { version: produk.version, active: false });
    expectProblem(res, 409, 'UNIT_IN_USE');
    expect(res.body).toMatchObject({ code: 'UNIT_IN_USE', detail: 'Unit masih memiliki pengguna aktif atau sub-unit aktif.' });
    expect(await unitByCode('PRODUK')).toMatchObject({ active: true, version: produk.version });
  });

  it('deactivates leaves first, and keeps active units out from under inactive ones', async () => {
    const nds = await company('NDS');
    const parent = (await admin.post('/api/v1/units', { companyId: nds, code: 'LOG', name: 'Logistik' })).body;
    const child = (await admin.post('/api/v1/units', { companyId: nds, parentId: parent.id, code: 'LOG-GDG', name: 'Gudang' })).body;
    const busy = await admin.patch(`/api/v1/units/${parent.id}`, { version: parent.version, active: false });
    expectProblem(busy, 409, 'UNIT_IN_USE');
    expect(busy.body.code).toBe('UNIT_IN_USE');

    const childOff = (await admin.patch(`/api/v1/units/${child.id}`, { version: child.version, active: false })).body;
    const parentOff = await admin.patch(`/api/v1/units/${parent.id}`, { version: parent.version, active: false });
    expect(parentOff.body).toMatchObject({ active: false, version: parent.version + 1 });

    expectProblem(
      await admin.post('/api/v1/units', { companyId: nds, parentId: parent.id, code: 'LOG-2', name: 'X' }),
      400,
      'UNKNOWN_REFERENCE',
    );
    expectProblem(await admin.patch(`/api/v1/units/${child.id}`, { version: childOff.version, active: true }), 400, 'UNKNOWN_REFERENCE');
    const parentOn = (await admin.patch(`/api/v1/units/${parent.id}`, { version: parentOff.body.version, active: true })).body;
    expect(parentOn.active).toBe(true);
    expect((await admin.patch(`/api/v1/units/${child.id}`, { version: childOff.version, active: true })).body.active).toBe(true);
  });
});

describe('teams and locations', () => {
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
    expect((await admin.get('/api/v1/teams?q=NET')).body.items[0]).toMatchObject({ code: 'NET', memberIds: [b] });
    expectProblem(
      await admin.post('/api/v1/teams', { companyId: nds, code: 'NET2', name: 'X', memberIds: [999999] }),
      400,
      'UNKNOWN_REFERENCE',
    );
    expectProblem(await admin.post('/api/v1/teams', { companyId: nds, code: 'NET2', name: 'X', level: 3 }), 400, 'VALIDATION_FAILED');
    expectProblem(await admin.post('/api/v1/teams', { companyId: nds, code: 'SD', name: 'Service Desk Kedua' }), 409, 'CODE_TAKEN');
    expectProblem(await agent.post('/api/v1/teams', { companyId: nds, code: 'NET3', name: 'X' }), 403, 'FORBIDDEN');
  });

  it('audits who joined and left a team, in the audit log an Administrator reads', async () => {
    const nds = await company('NDS');
    const users = await t.ctx.db.execute<{ id: number }>(
      sql`SELECT id FROM users WHERE email IN ('budi@nusantara.test', 'ratna@nusantara.test', 'joko@nusantara.test') ORDER BY id`,
    );
    const [a, b, c] = users.rows.map((r) => Number(r.id)) as [number, number, number];
    const team = (await admin.post('/api/v1/teams', { companyId: nds, code: 'AUDIT', name: 'Tim Audit', memberIds: [b, a] })).body;
    const members = async () =>
      (await admin.get(`/api/v1/audit?action=org.team_members_changed&target=${team.id}`)).body.items.map(
        (e: { actorEmail: string; targetType: string; before: unknown; after: unknown }) => ({
          by: e.actorEmail,
          target: e.targetType,
          before: e.before,
          after: e.after,
        }),
      );
    const created = {
      by: 'admin@nusantara.test',
      target: 'team',
      before: { memberIds: [] },
      after: { memberIds: [a, b], added: [a, b], removed: [] },
    };
    expect(await members()).toEqual([created]);

    const edited = await admin.patch(`/api/v1/teams/${team.id}`, { version: team.version, memberIds: [b, c] });
    expect(edited.status).toBe(200);
    const changed = {
      by: 'admin@nusantara.test',
      target: 'team',
      before: { memberIds: [a, b] },
      after: { memberIds: [b, c], added: [c], removed: [a] },
    };
    // Newest first, as the log lists.
    expect(await members()).toEqual([changed, created]);
    // The same members again, or a rename, is no membership change.
    const same = await admin.patch(`/api/v1/teams/${team.id}`, {
      version: edited.body.version,
      memberIds: [c, b],
      name: 'Tim Audit Internal',
    });
    expect(same.status).toBe(200);
    expect(await members()).toHaveLength(2);
    expect((await admin.get('/api/v1/audit/actions')).body).toContain('org.team_members_changed');
    expectProblem(await agent.get(`/api/v1/audit?action=org.team_members_changed`), 403, 'FORBIDDEN');
  });

  it('takes only active users as members and units of its own company', async () => {
    const nds = await company('NDS');
    const teguh = (await admin.get('/api/v1/users?q=teguh')).body.items[0];
    expect((await admin.patch(`/api/v1/users/${teguh.id}`, { version: teguh.version, active: false })).status).toBe(200);
    const inactive = await admin.post('/api/v1/teams', { companyId: nds, code: 'DATA', name: 'Data', memberIds: [teguh.id] });
    expectProblem(inactive, 400, 'UNKNOWN_REFERENCE');
    expect(inactive.body).toMatchObject({ code: 'UNKNOWN_REFERENCE' });
    expectProblem(
      await admin.post('/api/v1/teams', { companyId: nds, code: 'DATA', name: 'Data', leadUserId: teguh.id }),
      400,
      'UNKNOWN_REFERENCE',
    );

    const dinkes = await unitByCode('DINKES');
    expectProblem(
      await admin.post('/api/v1/teams', { companyId: nds, unitId: dinkes.id, code: 'DATA', name: 'Data' }),
      400,
      'UNKNOWN_REFERENCE',
    );
    const bigdata = await unitByCode('BIGDATA');
    const team = await admin.post('/api/v1/teams', { companyId: nds, unitId: bigdata.id, code: 'DATA', name: 'Data' });
    expect(team.body).toMatchObject({ unitId: bigdata.id, level: 1, leadUserId: null, memberIds: [] });
    // Moving the team to another company without a unit of that company is refused too.
    const moved = await admin.patch(`/api/v1/teams/${team.body.id}`, { version: team.body.version, companyId: await company('KOMINFO') });
    expectProblem(moved, 400, 'UNKNOWN_REFERENCE');
  });

  it('keeps locations, optionally per company', async () => {
    const aki = await company('AKI');
    const created = await admin.post('/api/v1/locations', { companyId: aki, name: 'Gedung Pusat', address: 'Jl. Cendrawasih 1, Jakarta' });
    expect(created.status).toBe(201);
    expectProblem(await admin.post('/api/v1/locations', { companyId: 999999, name: 'Entah' }), 400, 'UNKNOWN_REFERENCE');
    const edited = await admin.patch(`/api/v1/locations/${created.body.id}`, { version: 1, address: 'Jl. Cendrawasih 2, Jakarta' });
    expect(edited.body).toMatchObject({ companyId: aki, name: 'Gedung Pusat', address: 'Jl. Cendrawasih 2, Jakarta', version: 2 });
    expect((await agent.get('/api/v1/locations?q=cendrawasih')).body.items.map((l: { id: number }) => l.id)).toEqual([created.body.id]);
    expectProblem(await admin.patch('/api/v1/locations/999999', { version: 1, name: 'X' }), 404, 'NOT_FOUND');
    expect((await auditOf('location', created.body.id)).map((r) => r.action)).toEqual(['org.location_created', 'org.location_updated']);
  });
});

describe('unit import', () => {
  const csv = (lines: string[], header = 'company_code,code,name,type,parent_code') => Buffer.from([header, ...lines].join('\n'));
  const upload = (client: Client, data: Buffer, name = 'unit.csv', type = 'text/csv') =>
    client.upload('/api/v1/units/import', { name, type, data });
  const importAudits = async () =>
    Number(
      (await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'org.units_imported'`)).rows[0]?.n,
    );

  it('hands Administrators a CSV template', async () => {
    const res = await admin.get('/api/v1/units/import/template');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.text.replace(/^\uFEFF/, '').split('\n')[0]).toBe('company_code,code,name,type,parent_code');
    expectProblem(await agent.get('/api/v1/units/import/template'), 403, 'FORBIDDEN');
  });

  it('imports nothing when one row is bad and reports that row', async () => {
    const before = await unitCount();
    const res = await upload(
      admin,
      csv(['NDS,LEGAL,Hukum,division,', 'NDS,LEGAL-KTR,Kontrak,department,LEGAL', 'NDS,PAJAK,Pajak,division,TIDAKADA']),
    );
    expectProblem(res, 422, 'IMPORT_FAILED');
    expect(res.body.code).toBe('IMPORT_FAILED');
    expect(res.body.rows).toEqual([{ line: 4, field: 'parent_code', message: 'Unit induk "TIDAKADA" tidak ditemukan atau tidak aktif.' }]);
    expect(res.body.detail).toMatch(/1 baris/);
    expect(await unitCount()).toBe(before);
    expect(await importAudits()).toBe(0);
    expectProblem(await upload(agent, csv(['NDS,A,A,division,'])), 403, 'FORBIDDEN');
  });

  it('reports every problem by line: missing fields, unknown company, bad type, duplicates in the file and the database', async () => {
    const before = await unitCount();
    const res = await upload(
      admin,
      csv([
        'NDS,AUDIT,Audit Internal,division,',
        ',TANPA,Tanpa Perusahaan,division,',
        'XYZ,X1,Perusahaan Asing,division,',
        'NDS,X2,Jenis Aneh,planet,',
        'NDS,AUDIT,Audit Kedua,division,',
        'NDS,it,Sudah Ada,division,',
        `NDS,X3,${'N'.repeat(121)},division,`,
        'NDS,X4,,division,AUDIT',
      ]),
    );
    expectProblem(res, 422, 'IMPORT_FAILED');
    expect(res.body.rows).toEqual([
      { line: 3, field: 'company_code', message: 'Wajib diisi.' },
      { line: 4, field: 'company_code', message: 'Perusahaan "XYZ" tidak ditemukan.' },
      { line: 5, field: 'type', message: expect.stringContaining('Nilai "planet" tidak dikenal') },
      { line: 6, field: 'code', message: 'Kode "AUDIT" sudah ada.' },
      { line: 7, field: 'code', message: 'Kode "it" sudah ada.' },
      { line: 8, field: 'name', message: 'Maksimal 120 karakter.' },
      { line: 9, field: 'name', message: 'Wajib diisi.' },
    ]);
    expect(res.body.detail).toMatch(/7 baris/);
    expect(await unitCount()).toBe(before);
  });

  it('refuses a file without the required columns or without rows', async () => {
    const noName = await upload(admin, csv(['NDS,Q1'], 'company_code,code'));
    expectProblem(noName, 422, 'IMPORT_FAILED');
    expect(noName.body.rows).toEqual([{ line: 1, field: 'name', message: 'Kolom "name" tidak ada di baris judul.' }]);
    const empty = await upload(admin, csv([]));
    expectProblem(empty, 422, 'IMPORT_FAILED');
    expect(empty.body.rows[0].message).toBe('Berkas tidak berisi baris data.');
  });

  it('imports a CSV with parents defined in the same file, and an XLSX under an existing parent', async () => {
    const before = await importAudits();
    const res = await upload(
      admin,
      csv(['NDS,LEGAL,Hukum,division,', 'NDS,LEGAL-KTR,Kontrak,department,LEGAL', 'NDS,LEGAL-LIT,Litigasi,,legal']),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 3 });
    const [legal, contracts, litigation] = [await unitByCode('LEGAL'), await unitByCode('LEGAL-KTR'), await unitByCode('LEGAL-LIT')];
    expect(contracts).toMatchObject({ parentId: legal.id, path: `${legal.path}${contracts.id}/`, depth: 1, type: 'department' });
    expect(litigation).toMatchObject({ parentId: legal.id, type: 'division' });
    expect(await importAudits()).toBe(before + 1);

    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Unit');
    sheet.addRow(['company_code', 'code', 'name', 'type', 'parent_code']);
    sheet.addRow(['KOMINFO', 'DISHUB', 'Dinas Perhubungan', 'skpd', '']);
    sheet.addRow(['KOMINFO', 'DISKOMINFO-JAR', 'Seksi Jaringan', 'department', 'DISKOMINFO']);
    const xlsx = await upload(admin, Buffer.from(await book.xlsx.writeBuffer()), 'unit.xlsx', 'application/octet-stream');
    expect(xlsx.body).toEqual({ imported: 2 });
    const [diskominfo, network] = [await unitByCode('DISKOMINFO'), await unitByCode('DISKOMINFO-JAR')];
    expect(network).toMatchObject({ companyId: await company('KOMINFO'), path: `${diskominfo.path}${network.id}/` });
    expect(await unitByCode('DISHUB')).toMatchObject({ type: 'skpd', depth: 0 });
  });

  it('refuses a file that is not a spreadsheet', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    expectProblem(await upload(admin, png), 415, 'UNSUPPORTED_FILE_TYPE');
  });
});
