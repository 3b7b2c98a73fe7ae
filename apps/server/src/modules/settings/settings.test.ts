import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../test/factories.ts';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';

let t: TestApp;
let admin: Client;
let agent: Client;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startSmtpServer();
  [admin, agent] = await Promise.all([t.actingAs('administrator'), t.actingAs('agent')]);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe('settings', () => {
  it('shows branding to anyone and the rest to Administrators only', async () => {
    const branding = await t.anonymous().get('/api/v1/settings/branding');
    expect(branding.status).toBe(200);
    expect(branding.body).toMatchObject({ organisationName: 'Grup Nusantara', defaultTimeZone: 'Asia/Jakarta', logoUrl: null });
    for (const res of await Promise.all([
      agent.get('/api/v1/settings'),
      agent.put('/api/v1/settings/identity', { version: 1, organisationName: 'X', primaryColor: '#000000' }),
      agent.put('/api/v1/settings/smtp', { version: 0, host: 'h', port: 25, secure: false, user: null, from: 'it@nusantara.test' }),
      agent.post('/api/v1/settings/smtp/test', { to: 'it@nusantara.test' }),
    ])) {
      expectProblem(res, 403, 'FORBIDDEN');
    }
  });

  const saveSmtp = async (
    client: Client,
    fields: { host?: string; port?: number; user?: string | null; password?: string | null; secure?: boolean },
  ) => {
    const current = (await admin.get('/api/v1/settings')).body;
    return client.put('/api/v1/settings/smtp', {
      version: current.smtp.version,
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: null,
      from: 'Helpdesk <helpdesk@nusantara.test>',
      ...fields,
    });
  };

  it('stores the SMTP password encrypted, never returns it, and sends it only over TLS', async () => {
    expect((await admin.get('/api/v1/settings')).body.smtp.passwordSet).toBe(false);
    const saved = await saveSmtp(admin, { user: 'relay', password: 'RahasiaSekali!' });
    expect(saved.status).toBe(200);
    expect(saved.body.smtp).toMatchObject({ host: '127.0.0.1', passwordSet: true });
    expect(JSON.stringify(saved.body)).not.toContain('RahasiaSekali');
    const raw = await t.ctx.db.execute<{ value: unknown }>(sql`SELECT value FROM settings WHERE key = 'smtp'`);
    expect(JSON.stringify(raw.rows[0]?.value)).not.toContain('RahasiaSekali');
    const audited = await t.ctx.db.execute<{ after: unknown }>(sql`SELECT after FROM audit_log WHERE action = 'settings.smtp_updated'`);
    expect(JSON.stringify(audited.rows)).not.toContain('RahasiaSekali');

    // Same host, port and user: an absent password keeps the stored one.
    expect((await saveSmtp(admin, { user: 'relay' })).body.smtp.passwordSet).toBe(true);

    // This server offers no TLS: the password is not sent and the test fails, saying nothing of why.
    const refused = await admin.post('/api/v1/settings/smtp/test', { to: 'uji@nusantara.test' });
    expect(refused.status).toBe(502);
    expect(refused.body.code).toBe('SMTP_TEST_FAILED');
    expect(smtp.auths).toEqual([]);
    expect(smtp.received.filter((m) => m.to.includes('uji@nusantara.test'))).toEqual([]);

    // Only an operator's ALLOW_INSECURE_SMTP lets it go in plain text (a relay on the same host).
    const insecure = await createTestApp({ database: t.ctx.env.DATABASE_URL, env: { ALLOW_INSECURE_SMTP: 'true' } });
    try {
      const client = await insecure.actingAs('administrator');
      expect((await client.post('/api/v1/settings/smtp/test', { to: 'uji@nusantara.test' })).status).toBe(204);
      expect(smtp.auths).toEqual(['relay:RahasiaSekali!']);
      const mail = await smtp.waitFor('uji@nusantara.test');
      expect(mail.subject).toBe('Email uji dari Grup Nusantara');
    } finally {
      await insecure.close();
    }
  });

  it('gives the stored password to no other host, port or user', async () => {
    for (const change of [{ host: 'localhost' }, { port: smtp.port + 1 }, { user: 'orang-lain' }]) {
      expect((await saveSmtp(admin, { user: 'relay', password: 'RahasiaSekali!' })).body.smtp.passwordSet).toBe(true);
      const changed = await saveSmtp(admin, { user: 'relay', ...change });
      expect(changed.status).toBe(200);
      expect(changed.body.smtp.passwordSet).toBe(false);
      const raw = await t.ctx.db.execute<{ value: { passwordEncrypted: string | null } }>(
        sql`SELECT value FROM settings WHERE key = 'smtp'`,
      );
      expect(raw.rows[0]?.value.passwordEncrypted).toBeNull();
    }
    // The new host, even where plain text is allowed, receives no credentials at all.
    const other = await startSmtpServer();
    const insecure = await createTestApp({ database: t.ctx.env.DATABASE_URL, env: { ALLOW_INSECURE_SMTP: 'true' } });
    try {
      await saveSmtp(admin, { user: 'relay', password: 'RahasiaSekali!' });
      await saveSmtp(admin, { user: 'relay', port: other.port });
      const client = await insecure.actingAs('administrator');
      expect((await client.post('/api/v1/settings/smtp/test', { to: 'baru@nusantara.test' })).status).toBe(204);
      await other.waitFor('baru@nusantara.test');
      expect(other.auths).toEqual([]);
    } finally {
      await insecure.close();
      await other.close();
    }
  });

  it('answers 502 problem+json when the SMTP server cannot be reached, without the connection error', async () => {
    await saveSmtp(admin, { port: 1 });
    const res = await admin.post('/api/v1/settings/smtp/test', { to: 'uji@nusantara.test' });
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('SMTP_TEST_FAILED');
    expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:1\b/);
  });

  it('updates identity with optimistic concurrency and takes only real images as logo', async () => {
    const current = (await admin.get('/api/v1/settings')).body;
    const updated = await admin.put('/api/v1/settings/identity', {
      version: current.identity.version,
      organisationName: 'Pemkot Bukittinggi',
      primaryColor: '#2f9e44',
    });
    expect(updated.body.identity).toMatchObject({ organisationName: 'Pemkot Bukittinggi', primaryColor: '#2f9e44' });
    expectProblem(
      await admin.put('/api/v1/settings/identity', {
        version: current.identity.version,
        organisationName: 'Basi',
        primaryColor: '#000000',
      }),
      409,
      'VERSION_CONFLICT',
    );
    expectProblem(
      await admin.put('/api/v1/settings/identity', { version: updated.body.identity.version, organisationName: 'X', primaryColor: 'red' }),
      400,
      'VALIDATION_FAILED',
    );
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expectProblem(
      await admin.upload('/api/v1/settings/logo', { name: 'logo.png', type: 'image/png', data: svg }),
      415,
      'UNSUPPORTED_FILE_TYPE',
    );
    const png = await sharp({ create: { width: 1200, height: 400, channels: 4, background: '#ffffff' } })
      .png()
      .toBuffer();
    const logo = await admin.upload('/api/v1/settings/logo', { name: 'logo.png', type: 'image/png', data: png });
    expect(logo.status).toBe(200);
    const served = await t.app.inject({ method: 'GET', url: logo.body.identity.logoUrl });
    const meta = await sharp(served.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([512, 171]);
    expect(
      (await admin.put('/api/v1/settings/regional', { version: 1, defaultTimeZone: 'Asia/Makassar' })).body.regional.defaultTimeZone,
    ).toBe('Asia/Makassar');
  });
});

describe('audit log', () => {
  it('refuses UPDATE and DELETE in the database itself', async () => {
    const before = await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`);
    await expect(t.ctx.pool.query(`UPDATE audit_log SET action = 'dipalsukan'`)).rejects.toThrow(/append-only/);
    await expect(t.ctx.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.ctx.pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const after = await t.ctx.db.execute<{ n: number; forged: number }>(
      sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE action = 'dipalsukan')::int AS forged FROM audit_log`,
    );
    expect(after.rows[0]).toEqual({ n: before.rows[0]?.n, forged: 0 });
  });

  it('filters for Administrators and exports CSV with formula cells neutralised', async () => {
    expectProblem(await agent.get('/api/v1/audit'), 403, 'FORBIDDEN');
    const current = (await admin.get('/api/v1/settings')).body;
    await admin.put('/api/v1/settings/identity', {
      version: current.identity.version,
      organisationName: "=cmd|' /C calc'!A0",
      primaryColor: '#1c7ed6',
    });
    const page = await admin.get('/api/v1/audit?action=settings.identity_updated&pageSize=5');
    expect(page.body.items[0]).toMatchObject({
      action: 'settings.identity_updated',
      actorEmail: 'admin@nusantara.test',
      targetType: 'settings',
    });
    expect(page.body.items[0].after.organisationName).toBe("=cmd|' /C calc'!A0");
    expect((await admin.get('/api/v1/audit/actions')).body).toEqual(expect.arrayContaining(['auth.login', 'settings.identity_updated']));
    const csv = await admin.get('/api/v1/audit/export.csv?action=settings.identity_updated');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).not.toMatch(/(^|,)"?=cmd/m);
    const signIns = await admin.get('/api/v1/audit?action=auth.login&actorEmail=admin@');
    expect(signIns.body.items.every((e: { actorEmail: string }) => e.actorEmail === 'admin@nusantara.test')).toBe(true);
  });

  it('names actors and targets instead of bare ids (issue 16 point 9)', async () => {
    await t.signIn('siti@nusantara.test');
    const siti = (await t.ctx.db.execute<{ id: string }>(sql`SELECT id::text AS id FROM users WHERE email = 'siti@nusantara.test'`)).rows[0]
      ?.id;
    const entries = (await admin.get('/api/v1/audit?action=auth.login&actorEmail=siti@&pageSize=1')).body.items;
    expect(entries[0]).toMatchObject({ targetType: 'user', targetId: siti, targetLabel: 'Siti Rahmawati', actorName: 'Siti Rahmawati' });
    const logout = (await admin.get('/api/v1/audit?actorEmail=admin@&pageSize=1')).body.items[0];
    expect(logout.actorName).toBe('Wahyu Pratama');
  });
});

describe('identity per company', () => {
  it('shows a signed-in user their company’s identity over the organisation’s, edited by its own Administrators', async () => {
    const f = factories(t.ctx);
    const kominfo = await f.place('DISKOMINFO');
    const nds = await f.place('IT');
    const organisation = (await t.anonymous().get('/api/v1/settings/branding')).body;
    // The demo's Kominfo Bukittinggi signs in under its own name and colour; the sign-in page keeps the organisation's.
    const yoga = await t.signIn('yoga@bukittinggi.test');
    expect((await yoga.get('/api/v1/settings/branding')).body).toMatchObject({
      organisationName: 'Diskominfo Bukittinggi',
      primaryColor: '#2b8a3e',
      logoUrl: organisation.logoUrl,
    });
    expect((await agent.get('/api/v1/settings/branding')).body).toMatchObject({ organisationName: organisation.organisationName });

    // An Administrator of Kominfo only: sees and edits Kominfo's identity, never another company's.
    await f.grant(await f.userId('yoga@bukittinggi.test'), 'administrator', { companyId: kominfo.companyId });
    const kominfoAdmin = await t.signIn('yoga@bukittinggi.test');
    const listed = (await kominfoAdmin.get('/api/v1/settings/company-branding')).body.items;
    expect(listed).toEqual([expect.objectContaining({ companyId: kominfo.companyId, name: 'Diskominfo Bukittinggi', version: 1 })]);
    expect((await admin.get('/api/v1/settings/company-branding')).body.items.length).toBeGreaterThanOrEqual(3);
    expectProblem(
      await kominfoAdmin.put(`/api/v1/settings/company-branding/${nds.companyId}`, {
        version: 0,
        name: 'Bukan milik saya',
        primaryColor: null,
      }),
      404,
      'NOT_FOUND',
    );
    expectProblem(await agent.get('/api/v1/settings/company-branding'), 403, 'FORBIDDEN');
    const path = `/api/v1/settings/company-branding/${kominfo.companyId}`;
    expectProblem(await kominfoAdmin.put(path, { version: 1, name: 'Kominfo', primaryColor: 'hijau' }), 400, 'VALIDATION_FAILED');
    const saved = await kominfoAdmin.put(path, { version: 1, name: 'Kominfo Kota Bukittinggi', primaryColor: '#0b7285' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ name: 'Kominfo Kota Bukittinggi', primaryColor: '#0b7285', version: 2 });
    expectProblem(await kominfoAdmin.put(path, { version: 1, name: 'Lama', primaryColor: null }), 409, 'VERSION_CONFLICT');

    // Its own logo, resized; removing it shows the organisation's again.
    const png = await sharp({ create: { width: 800, height: 800, channels: 4, background: '#2b8a3e' } })
      .png()
      .toBuffer();
    const logo = await kominfoAdmin.upload(`${path}/logo`, { name: 'logo.png', type: 'image/png', data: png });
    expect(logo.status).toBe(200);
    const shown = (await yoga.get('/api/v1/settings/branding')).body;
    expect(shown).toMatchObject({ organisationName: 'Kominfo Kota Bukittinggi', primaryColor: '#0b7285', logoUrl: logo.body.logoUrl });
    const served = await t.app.inject({ method: 'GET', url: logo.body.logoUrl });
    expect(served.headers['content-type']).toBe('image/png');
    expect((await sharp(served.rawPayload).metadata()).width).toBe(512);
    expect((await t.anonymous().get('/api/v1/settings/branding')).body.organisationName).toBe(organisation.organisationName);
    expect((await kominfoAdmin.delete(`${path}/logo`)).status).toBe(204);
    // Null falls back to the organisation's name and colour.
    await kominfoAdmin.put(path, { version: 4, name: null, primaryColor: null });
    expect((await yoga.get('/api/v1/settings/branding')).body).toEqual(organisation);
    const audit = await t.ctx.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'settings.company_branding_updated'`);
    expect(audit.rows[0]).toEqual({ n: 4 });
  });
});

describe('what belongs to the whole organisation', () => {
  it('is changed by the organisation’s Administrators only: a company’s Administrator gets 403 and nothing changes', async () => {
    const f = factories(t.ctx);
    const kominfo = await f.place('DISKOMINFO');
    const person = await f.user(kominfo, { roles: [['administrator', 'company']], demoPassword: true });
    const companyAdmin = await t.signIn(person.email);
    const before = (await admin.get('/api/v1/settings')).body;
    const smtp = { host: 'mail.kominfo.test', port: 25, secure: false, user: null, from: 'tiket@kominfo.test', version: 0 };
    for (const [method, path, body] of [
      ['put', '/api/v1/settings/identity', { organisationName: 'Diambil alih', primaryColor: '#000000', version: 0 }],
      ['put', '/api/v1/settings/smtp', smtp],
      ['post', '/api/v1/settings/smtp/test', { to: 'saya@kominfo.test' }],
      ['delete', '/api/v1/settings/logo', undefined],
      ['get', '/api/v1/notification-deliveries', undefined],
      ['put', '/api/v1/settings/sms-gateway', {}],
      ['get', '/api/v1/settings/mail-intake', undefined],
      ['get', '/api/v1/backups', undefined],
      ['post', '/api/v1/backups', {}],
      ['get', '/api/v1/settings', undefined],
      ['put', '/api/v1/priority-matrix', {}],
      ['put', '/api/v1/ticket-status-labels', {}],
      ['get', '/api/v1/service-desk-settings', undefined],
      ['put', '/api/v1/service-desk-settings', {}],
      ['post', '/api/v1/ticket-categories', {}],
      ['patch', '/api/v1/ticket-categories/1', { version: 1 }],
      ['post', '/api/v1/business-services', {}],
      ['post', '/api/v1/sla-policies', {}],
      ['patch', '/api/v1/sla-policies/1', { version: 1 }],
      ['get', '/api/v1/escalation-rules', undefined],
      ['post', '/api/v1/escalation-rules', {}],
    ] as const) {
      const res = method === 'get' || method === 'delete' ? await companyAdmin[method](path) : await companyAdmin[method](path, body);
      expectProblem(res, 403, 'FORBIDDEN');
    }
    expect((await admin.get('/api/v1/settings')).body).toEqual(before);
    // Their own company's identity stays theirs to edit; the web is told to offer only that.
    const own = await companyAdmin.get('/api/v1/settings/company-branding');
    expect(own.status).toBe(200);
    expect(own.body.organisation).toEqual({ name: before.identity.organisationName, primaryColor: before.identity.primaryColor });
    expect((await companyAdmin.get('/api/v1/me')).body.can).toMatchObject({ manageSettings: true, manageOrganisationSettings: false });
    expect((await admin.get('/api/v1/me')).body.can).toMatchObject({ manageSettings: true, manageOrganisationSettings: true });
  });
});
