import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../test/factories.ts';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';
import { manualClock } from '../../platform/time/clock.ts';
import { issueFormToken, solveProofOfWork } from './intake.token.ts';

const SLUG = 'kominfo-bukittinggi';
const clock = manualClock('2026-11-25T01:00:00Z');
let t: TestApp;
let anonymous: Client;
let admin: Client;
let yoga: Client; // Kominfo's agent
let png: Buffer;
let ipCounter = 10;
/** A fresh address per scenario, so one scenario's counters never throttle another. */
const newIp = () => `198.51.100.${ipCounter++}`;

beforeAll(async () => {
  // Reporters come from several addresses: the test's requests stand behind a proxy on loopback that names them.
  t = await createTestApp({ clock, env: { TRUST_PROXY: 'loopback' } });
  anonymous = t.anonymous();
  [admin, yoga] = await Promise.all([t.actingAs('administrator'), t.signIn('yoga@bukittinggi.test')]);
  png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c92a2a' } })
    .png()
    .toBuffer();
});
afterAll(() => t.close());

const one = async <T>(query: ReturnType<typeof sql>) => (await t.ctx.db.execute<T & Record<string, unknown>>(query)).rows[0] as T;

async function getForm(ip: string) {
  const res = await anonymous.get(`/api/v1/public/${SLUG}/form`, { 'x-forwarded-for': ip });
  expect(res.status).toBe(200);
  return res.body as { formToken: string; services: { id: number; name: string }[]; challenge: { bits: number } | null };
}

interface Report {
  ip: string;
  fields?: Record<string, string>;
  files?: { field: string; name: string; type: string; data: Buffer }[];
  /** Seconds the reporter takes to fill the form in. */
  fillSeconds?: number;
  token?: string;
}

/** Fetches the form, lets time pass as a person would, and sends the report. */
async function report(r: Report) {
  const form = r.token ? null : await getForm(r.ip);
  clock.advance((r.fillSeconds ?? 20) * 1000);
  const token = r.token ?? form?.formToken ?? '';
  return anonymous.postForm(
    `/api/v1/public/${SLUG}/reports`,
    {
      fields: {
        name: 'Rahmat Hidayat',
        phone: `0812-7700-${String(ipCounter).padStart(4, '0')}`,
        address: 'Jl. Sudirman No. 5',
        kelurahan: 'Benteng Pasar Atas',
        kecamatan: 'Guguk Panjang',
        occurredAt: '2026-11-25T07:45',
        description: 'Wi-Fi publik di Taman Jam Gadang mati sejak pagi.\nTidak ada sinyal sama sekali.',
        formToken: token,
        ...(form?.challenge ? { challenge: solveProofOfWork(token, form.challenge.bits) } : {}),
        ...r.fields,
      },
      files: r.files ?? [],
    },
    { 'x-forwarded-for': r.ip },
  );
}

describe('the public report form', () => {
  it('offers the public services and a signed token without a session', async () => {
    const form = await getForm(newIp());
    expect(form.services.map((s) => s.name)).toContain('Wi-Fi Publik Kota');
    expect(form.formToken.split('.')).toHaveLength(6);
    expect(form.challenge).toBeNull();
    const closed = await anonymous.get('/api/v1/public/tidak-ada/form');
    expect(closed.status).toBe(404);
    expect(closed.body.code).toBe('FORM_UNAVAILABLE');
  });

  it('creates a ticket for the public reporters unit with a tracking code, the reporter a contact with an E.164 phone', async () => {
    const ip = newIp();
    const wifi = (await getForm(ip)).services.find((s) => s.name === 'Wi-Fi Publik Kota')?.id;
    const res = await report({
      ip,
      fields: { phone: '0812-3456-7890', email: 'rahmat@warga.test', serviceId: String(wifi) },
      files: [{ field: 'evidence', name: 'bukti.png', type: 'image/png', data: png }],
    });
    expect(res.status).toBe(201);
    expect(res.body.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const ticket = await one<{
      id: number;
      channel: string;
      unit: string;
      team: string;
      service_id: number;
      requester_active: boolean;
    }>(sql`
      SELECT t.id, t.channel, u.name AS unit, tm.code AS team, t.service_id, r.active AS requester_active FROM tickets t
      JOIN units u ON u.id = t.unit_id JOIN teams tm ON tm.id = t.team_id JOIN users r ON r.id = t.requester_id
      WHERE t.number = ${res.body.number}`);
    expect(ticket).toMatchObject({ channel: 'web_form', unit: 'Pelapor Publik', team: 'KOMINFO-SD', service_id: wifi });
    // The requester account is a stand-in that never signs in; the reporter is a contact.
    expect(ticket.requester_active).toBe(false);
    const contact = await one<{ name: string; phone: string; kelurahan: string; email_verified_at: Date | null }>(sql`
      SELECT c.name, c.phone, c.kelurahan, c.email_verified_at FROM ticket_contacts tc JOIN contacts c ON c.id = tc.contact_id
      WHERE tc.ticket_id = ${ticket.id}`);
    expect(contact).toMatchObject({
      name: 'Rahmat Hidayat',
      phone: '+6281234567890',
      kelurahan: 'Benteng Pasar Atas',
      email_verified_at: null,
    });
    const evidence = await one<{ content_type: string; internal: boolean }>(
      sql`SELECT content_type, internal FROM ticket_attachments WHERE ticket_id = ${ticket.id}`,
    );
    expect(evidence).toEqual({ content_type: 'image/png', internal: false });
    // 004 Figure 10: an SMS with the number and tracking link; the email (not yet confirmed) carries the confirmation link.
    const notices = await t.ctx.db.execute<{ event: string; channel: string; address: string; variables: Record<string, string> }>(
      sql`SELECT event, channel, address, variables FROM notification_deliveries WHERE ticket_id = ${ticket.id} ORDER BY id`,
    );
    expect(notices.rows.map((n) => [n.event, n.channel, n.address])).toEqual([
      ['report_received', 'sms', '+6281234567890'],
      ['report_received_verify', 'email', 'rahmat@warga.test'],
    ]);
    expect(notices.rows[0]?.variables.link).toBe(`http://localhost:3000/track/${res.body.number}?code=${res.body.trackingCode}`);
    expect(notices.rows[1]?.variables.verify_link).toMatch(/^http:\/\/localhost:3000\/verify-email\?token=/);
  });

  it('numbers reports with the organisation’s pattern: 004’s 01.18072019.003', async () => {
    const pattern = async (ticketNumberPattern: string) => {
      const { allowableTypes: _, ...current } = (await admin.get('/api/v1/service-desk-settings')).body;
      return (await admin.put('/api/v1/service-desk-settings', { ...current, ticketNumberPattern })).status;
    };
    expect(await pattern('{unit}.{dd}{mm}{yyyy}.{seq:3}')).toBe(200);
    clock.at('2019-07-18T02:00:00Z');
    const numbers = [];
    for (let i = 0; i < 3; i++) numbers.push((await report({ ip: newIp(), fields: { phone: `0813-1900-00${i}0` } })).body.number);
    expect(numbers).toEqual(['01.18072019.001', '01.18072019.002', '01.18072019.003']);
    expect(await pattern('INC-{yyyy}-{seq:6}')).toBe(200);
    clock.at('2026-11-25T03:00:00Z');
  });

  it('refuses bots: the honeypot, a form sent faster than a person could, a used or forged token; nothing is created', async () => {
    const before = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM tickets`);
    const honeypot = await report({ ip: newIp(), fields: { website: 'http://spam.example' } });
    expect([honeypot.status, honeypot.body.code]).toEqual([400, 'FORM_REJECTED']);
    const fast = await report({ ip: newIp(), fillSeconds: 1 });
    expect([fast.status, fast.body.code]).toEqual([400, 'FORM_TOO_FAST']);
    const forged = await report({ ip: newIp(), token: issueFormToken('another-secret-of-at-least-32-characters', 3, clock.now(), 0) });
    expect([forged.status, forged.body.code]).toEqual([400, 'FORM_TOKEN_INVALID']);
    const expired = await report({ ip: newIp(), fillSeconds: 3 * 3600 });
    expect([expired.status, expired.body.code]).toEqual([400, 'FORM_TOKEN_EXPIRED']);
    expect((await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM tickets`)).n).toBe(before.n);

    const ip = newIp();
    const { formToken } = await getForm(ip);
    expect((await report({ ip, token: formToken })).status).toBe(201);
    const again = await report({ ip, token: formToken });
    expect([again.status, again.body.code]).toEqual([409, 'FORM_TOKEN_USED']);
  });

  it('checks fields and evidence like any API: a bad phone, a disguised file, a foreign service', async () => {
    const phone = await report({ ip: newIp(), fields: { phone: '12345' } });
    expect(phone.status).toBe(400);
    expect(phone.body.errors).toEqual([{ path: 'phone', message: 'Nomor telepon tidak valid (contoh: 0812-3456-7890).' }]);
    const missing = await report({ ip: newIp(), fields: { kelurahan: '' } });
    expect(missing.body.errors).toEqual([{ path: 'kelurahan', message: 'Wajib diisi.' }]);
    const html = await report({
      ip: newIp(),
      files: [{ field: 'evidence', name: 'bukti.png', type: 'image/png', data: Buffer.from('<html><script>alert(1)</script></html>') }],
    });
    expect([html.status, html.body.code]).toEqual([415, 'ATTACHMENT_TYPE']);
    const foreign = await report({ ip: newIp(), fields: { serviceId: '1' } });
    expect([foreign.status, foreign.body.code]).toEqual([400, 'UNKNOWN_REFERENCE']);
  });

  it('asks for a proof of work after repeated reports from one address', async () => {
    const ip = newIp();
    for (let i = 0; i < 3; i++) expect((await report({ ip, fields: { phone: `0813-5500-00${i}1` } })).status).toBe(201);
    // A token fetched before the threshold was passed asks for no work: the server asks for it now.
    const stale = await getForm('192.0.2.200');
    const early = await report({ ip, token: stale.formToken });
    expect([early.status, early.body.code]).toEqual([400, 'CHALLENGE_REQUIRED']);
    const form = await getForm(ip);
    expect(form.challenge?.bits).toBe(16);
    clock.advance(20_000);
    const unsolved = await report({ ip, token: form.formToken, fields: { challenge: '1' } });
    expect([unsolved.status, unsolved.body.code]).toEqual([400, 'CHALLENGE_FAILED']);
    expect((await report({ ip, fields: { phone: '0813-5500-0099' } })).status).toBe(201);
  });

  it('reads a report only for a form that is open: an unknown one is refused before its files are taken', async () => {
    // Not even a form: read first, this would be refused as malformed; the unknown form answers first.
    const unknown = await anonymous.post('/api/v1/public/tidak-ada/reports', { name: 'x' }, { 'x-forwarded-for': newIp() });
    expectProblem(unknown, 404, 'FORM_UNAVAILABLE');
    const open = await anonymous.post(`/api/v1/public/${SLUG}/reports`, { name: 'x' }, { 'x-forwarded-for': newIp() });
    expectProblem(open, 400, 'VALIDATION_FAILED');
  });

  it('throttles 20 rapid submissions from one IP, and more than the allowed reports from one phone', async () => {
    const ip = newIp();
    await admin.put(`/api/v1/intake/forms/${await kominfo()}`, await formSettings({ challengeAfter: 0 }));
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++)
      statuses.push((await report({ ip, fillSeconds: 4, fields: { phone: `0814-2000-${String(i).padStart(4, '0')}` } })).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual(Array(10).fill(429));
    const last = await report({ ip });
    expect(last.body.code).toBe('RATE_LIMITED');

    const phone = '0815-3333-4444';
    for (let i = 0; i < 5; i++) expect((await report({ ip: newIp(), fields: { phone } })).status).toBe(201);
    const sixth = await report({ ip: newIp(), fields: { phone: '+62 815 3333 4444' } });
    expect([sixth.status, sixth.body.code]).toEqual([429, 'RATE_LIMITED']);
    await admin.put(`/api/v1/intake/forms/${await kominfo()}`, await formSettings({ challengeAfter: 3 }));
  });
});

async function kominfo() {
  return (await one<{ id: number }>(sql`SELECT id FROM companies WHERE code = 'KOMINFO'`)).id;
}

async function formSettings(protection: Record<string, number> = {}, changes: Record<string, unknown> = {}) {
  const current = (await admin.get('/api/v1/intake/forms')).body.items.find(
    (i: { form: { slug: string } | null }) => i.form?.slug === SLUG,
  );
  const { url: _, ...form } = current.form;
  return { ...form, ...changes, protection: { ...form.protection, ...protection } };
}

describe('form settings', () => {
  it('are the Administrator’s: switched off, the form answers 404; others are refused', async () => {
    const id = await kominfo();
    const refused = await yoga.put(`/api/v1/intake/forms/${id}`, await formSettings());
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await yoga.get('/api/v1/intake/forms')).status).toBe(403);
    const off = await admin.put(`/api/v1/intake/forms/${id}`, await formSettings({}, { enabled: false }));
    expect(off.status).toBe(200);
    expect((await anonymous.get(`/api/v1/public/${SLUG}/form`)).body.code).toBe('FORM_UNAVAILABLE');
    const stale = await admin.put(`/api/v1/intake/forms/${id}`, { ...(await formSettings({}, { enabled: true })), version: 1 });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    expect((await admin.put(`/api/v1/intake/forms/${id}`, await formSettings({}, { enabled: true }))).status).toBe(200);
    const nds = await one<{ id: number; unit: number }>(
      sql`SELECT c.id, u.id AS unit FROM companies c JOIN units u ON u.company_id = c.id WHERE c.code = 'NDS' LIMIT 1`,
    );
    const taken = await admin.put(`/api/v1/intake/forms/${nds.id}`, {
      version: 0,
      slug: SLUG,
      enabled: true,
      unitId: nds.unit,
      teamId: null,
      serviceIds: [],
      protection: (await formSettings()).protection,
    });
    expect([taken.status, taken.body.code]).toEqual([409, 'SLUG_TAKEN']);
    const foreignUnit = await admin.put(`/api/v1/intake/forms/${nds.id}`, {
      ...(await formSettings()),
      version: 0,
      slug: 'nusantara',
      unitId: (await formSettings()).unitId,
    });
    expect([foreignUnit.status, foreignUnit.body.code]).toEqual([400, 'UNKNOWN_REFERENCE']);
  });

  it('of a company are set up by its own Administrators only: another company’s form is unknown to them', async () => {
    // Nurul administers Kominfo (a company-wide grant), not PT Nusantara.
    const f = factories(t.ctx);
    await f.grant(await f.userId('nurul@bukittinggi.test'), 'administrator', { companyId: await kominfo() });
    const nurul = await t.signIn('nurul@bukittinggi.test');
    const listed = await nurul.get('/api/v1/intake/forms');
    expect(listed.body.items.map((i: { company: { id: number } }) => i.company.id)).toEqual([await kominfo()]);
    const nds = await f.place('IT');
    const foreign = await nurul.put(`/api/v1/intake/forms/${nds.companyId}`, {
      ...(await formSettings()),
      version: 0,
      slug: 'nusantara-lapor',
      unitId: nds.unitId,
      teamId: null,
      serviceIds: [],
    });
    expectProblem(foreign, 404, 'NOT_FOUND');
    expect(await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM public_forms WHERE company_id = ${nds.companyId}`)).toEqual({
      n: 0,
    });
    expect((await nurul.put(`/api/v1/intake/forms/${await kominfo()}`, await formSettings())).status).toBe(200);
  });
});
