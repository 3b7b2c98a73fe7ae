import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let divisionAdmin: Client; // fajar, Division Admin of DevOps
let admin: Client;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  [divisionAdmin, admin] = await Promise.all([t.actingAs('division_admin'), t.actingAs('administrator')]);
  const units = await t.ctx.db.execute<{ id: number; code: string }>(sql`SELECT id, code FROM units`);
  for (const u of units.rows) ids[u.code] = Number(u.id);
  const users = await t.ctx.db.execute<{ id: number; email: string }>(sql`SELECT id, email FROM users`);
  for (const u of users.rows) ids[u.email] = Number(u.id);
});
afterAll(() => t.close());

const audit = async (action: string) =>
  Number((await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`)).rows[0]?.n);

describe('a Division Admin of DevOps', () => {
  it('creates a user inside DevOps and grants Requester there', async () => {
    const created = await divisionAdmin.post('/api/v1/users', {
      email: 'Rizky@Nusantara.test',
      name: 'Rizky Ramadhan',
      unitId: ids['DEVOPS-PLT'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'rizky@nusantara.test',
      roles: ['requester'],
      unit: { code: 'DEVOPS-PLT' },
      hasPassword: false,
    });
    const grant = await divisionAdmin.post(`/api/v1/users/${created.body.id}/grants`, {
      role: 'service_provider',
      scope: { kind: 'unit', unitId: ids.DEVOPS },
    });
    expect(grant.status).toBe(201);
    expect(grant.body).toMatchObject({ role: 'service_provider', scope: { kind: 'unit', name: 'DevOps' } });
    const requester = await divisionAdmin.post(`/api/v1/users/${ids['andi@nusantara.test']}/grants`, {
      role: 'requester',
      scope: { kind: 'unit', unitId: ids['DEVOPS-PLT'] },
    });
    expect(requester.status).toBe(201);
    expect(await audit('user.created')).toBeGreaterThan(0);
    expect(await audit('grant.created')).toBeGreaterThanOrEqual(2);
    const list = await divisionAdmin.get('/api/v1/users?pageSize=200');
    const units = new Set(list.body.items.map((u: { unit: { code: string } }) => u.unit.code));
    expect([...units].sort()).toEqual(['DEVOPS', 'DEVOPS-PLT']);
  });

  it('does not see Big Data users (404), and gets 403 for creating there, granting Administrator and wider scopes', async () => {
    const lina = ids['lina@nusantara.test'];
    const andi = ids['andi@nusantara.test'];
    const grants = (await admin.get(`/api/v1/users/${lina}/grants`)).body;
    const hidden = await Promise.all([
      divisionAdmin.get(`/api/v1/users/${lina}`),
      divisionAdmin.patch(`/api/v1/users/${lina}`, { version: 1, name: 'Diubah' }),
      divisionAdmin.get(`/api/v1/users/${lina}/grants`),
      divisionAdmin.post(`/api/v1/users/${lina}/grants`, { role: 'requester', scope: { kind: 'unit', unitId: ids.BIGDATA } }),
      divisionAdmin.delete(`/api/v1/users/${lina}/grants/${grants[0].id}`),
    ]);
    for (const res of hidden) {
      expectProblem(res, 404, 'NOT_FOUND');
      expect(res.body.code).toBe('NOT_FOUND');
    }
    const refusals = await Promise.all([
      divisionAdmin.post('/api/v1/users', { email: 'orang.bigdata@nusantara.test', name: 'Orang Big Data', unitId: ids.BIGDATA }),
      divisionAdmin.post(`/api/v1/users/${andi}/grants`, { role: 'administrator', scope: { kind: 'unit', unitId: ids.DEVOPS } }),
      divisionAdmin.post(`/api/v1/users/${andi}/grants`, { role: 'agent', scope: { kind: 'organisation' } }),
      divisionAdmin.post(`/api/v1/users/${andi}/grants`, { role: 'agent', scope: { kind: 'unit', unitId: ids.BIGDATA } }),
      divisionAdmin.patch(`/api/v1/users/${andi}`, { version: 1, unitId: ids.BIGDATA }),
    ]);
    for (const res of refusals) {
      expectProblem(res, 403, 'FORBIDDEN');
      expect(res.body.code).toBe('FORBIDDEN');
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    const lina_ = await admin.get(`/api/v1/users/${lina}`);
    expect(lina_.body.name).toBe('Lina Marlina');
    expect((await admin.get(`/api/v1/users/${andi}/grants`)).body.map((g: { role: string }) => g.role)).not.toContain('administrator');
  });

  it('cannot grant himself a role, even one he may grant others (separation of duties)', async () => {
    const me = ids['fajar@nusantara.test'];
    const before = (await admin.get(`/api/v1/users/${me}/grants`)).body.length;
    const self = await divisionAdmin.post(`/api/v1/users/${me}/grants`, {
      role: 'service_provider',
      scope: { kind: 'unit', unitId: ids.DEVOPS },
    });
    expectProblem(self, 403, 'GRANT_SELF');
    expect(self.body.code).toBe('GRANT_SELF');
    const selfAdmin = await admin.post(`/api/v1/users/${ids['admin@nusantara.test']}/grants`, {
      role: 'executive',
      scope: { kind: 'organisation' },
    });
    expect(selfAdmin.body.code).toBe('GRANT_SELF');
    expect((await admin.get(`/api/v1/users/${me}/grants`)).body).toHaveLength(before);
  });
});

describe('user management', () => {
  it('refuses a requester, unknown fields, stale versions and duplicate emails', async () => {
    const requester = await t.actingAs('requester');
    expectProblem(await requester.get('/api/v1/users'), 403, 'FORBIDDEN');
    expectProblem(
      await admin.post('/api/v1/users', { email: 'x@nusantara.test', name: 'X', unitId: ids.IT, role: 'administrator' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await admin.post('/api/v1/users', { email: 'siti@nusantara.test', name: 'Siti Lagi', unitId: ids.IT }),
      409,
      'CODE_TAKEN',
    );
    const budi = (await admin.get(`/api/v1/users/${ids['budi@nusantara.test']}`)).body;
    expect((await admin.patch(`/api/v1/users/${budi.id}`, { version: budi.version, phone: '0813-0000' })).status).toBe(200);
    const stale = await admin.patch(`/api/v1/users/${budi.id}`, { version: budi.version, name: 'Budi Basi' });
    expectProblem(stale, 409, 'VERSION_CONFLICT');
    expect((await admin.get(`/api/v1/users/${budi.id}`)).body.name).toBe('Budi Santoso');
  });

  it('signs a deactivated user out at once', async () => {
    const rudi = await t.actingAs('implementer');
    const row = (await admin.get(`/api/v1/users/${ids['rudi@nusantara.test']}`)).body;
    expect((await admin.patch(`/api/v1/users/${row.id}`, { version: row.version, active: false })).status).toBe(200);
    expectProblem(await rudi.get('/api/v1/me'), 401, 'UNAUTHENTICATED');
    expect(await audit('user.deactivated')).toBe(1);
  });
});

describe('import', () => {
  const csv = (lines: string[]) => Buffer.from(['email,name,company_code,unit_code,phone,locale,roles', ...lines].join('\n'));

  it('imports nothing when one row is bad, and reports that row', async () => {
    const before = Number((await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM users`)).rows[0]?.n);
    const res = await admin.upload('/api/v1/users/import', {
      name: 'pengguna.csv',
      type: 'text/csv',
      data: csv([
        'ani@nusantara.test,Ani,NDS,DEVOPS,,id,',
        'bukan-email,Beni,NDS,DEVOPS,,id,',
        'cici@nusantara.test,Cici,NDS,TIDAKADA,,id,agent',
      ]),
    });
    expectProblem(res, 422, 'IMPORT_FAILED');
    expect(res.body.code).toBe('IMPORT_FAILED');
    expect(res.body.rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, field: 'email' }),
        expect.objectContaining({ line: 4, field: 'unit_code' }),
      ]),
    );
    expect(res.body.rows.some((r: { line: number }) => r.line === 2)).toBe(false);
    const after = Number((await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM users`)).rows[0]?.n);
    expect(after).toBe(before);
  });

  it('imports an XLSX file and grants the listed roles', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Pengguna');
    sheet.addRow(['email', 'name', 'company_code', 'unit_code', 'phone', 'locale', 'roles']);
    sheet.addRow(['dodi@nusantara.test', 'Dodi Saputra', 'NDS', 'DEVOPS', '0812-9', 'en', 'service_provider']);
    const res = await divisionAdmin.upload('/api/v1/users/import', {
      name: 'pengguna.xlsx',
      type: 'application/octet-stream',
      data: Buffer.from(await book.xlsx.writeBuffer()),
    });
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(1);
    const dodi = (await admin.get('/api/v1/users?q=dodi')).body.items[0];
    expect(dodi.roles.sort()).toEqual(['requester', 'service_provider']);
    expect(dodi.locale).toBe('en');
  });

  it('refuses a Division Admin importing into Big Data', async () => {
    const res = await divisionAdmin.upload('/api/v1/users/import', {
      name: 'p.csv',
      type: 'text/csv',
      data: csv(['eka@nusantara.test,Eka,NDS,BIGDATA,,id,']),
    });
    expectProblem(res, 422, 'IMPORT_FAILED');
    expect(res.body.rows[0]).toMatchObject({ line: 2, field: 'unit_code' });
  });
});

describe('profile', () => {
  it('changes my language and the API answers in it', async () => {
    const me = await t.actingAs('cab_member');
    const current = (await me.get('/api/v1/me')).body;
    const updated = await me.patch('/api/v1/me', {
      version: current.user.version,
      locale: 'en',
      timeZone: 'Asia/Makassar',
      phone: '0811-2222',
    });
    expect(updated.status).toBe(200);
    expect(updated.body.user).toMatchObject({ locale: 'en', timeZone: 'Asia/Makassar', phone: '0811-2222' });
    const problem = await me.get('/api/v1/users');
    expect(problem.body.detail).toBe('You do not have permission for this action.');
    expectProblem(await me.patch('/api/v1/me', { version: current.user.version, name: 'Basi' }), 409, 'VERSION_CONFLICT');
    expectProblem(await me.patch('/api/v1/me', { version: updated.body.user.version, timeZone: 'Mars/Olympus' }), 400, 'VALIDATION_FAILED');
  });

  it('stores a photo as a 256×256 WebP and refuses what is not an image', async () => {
    const me = await t.actingAs('catalog_manager');
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#1c7ed6' } })
      .png()
      .toBuffer();
    const res = await me.upload('/api/v1/me/photo', { name: 'foto.png', type: 'image/png', data: png });
    expect(res.status).toBe(200);
    const photo = await t.app.inject({ method: 'GET', url: res.body.user.photoUrl, headers: { cookie: me.cookie ?? '' } });
    expect(photo.headers['content-type']).toBe('image/webp');
    const meta = await sharp(photo.rawPayload).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([256, 256, 'webp']);
    const fake = await me.upload('/api/v1/me/photo', {
      name: 'foto.png',
      type: 'image/png',
      data: Buffer.from('MZ this is not a picture'),
    });
    expectProblem(fake, 415, 'UNSUPPORTED_FILE_TYPE');
  });
});
