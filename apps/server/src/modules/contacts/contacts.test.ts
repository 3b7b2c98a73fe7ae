import { normalizePhone } from '@ish/shared';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';
import { fileReport } from '../../../test/support/public-report.ts';
import { manualClock } from '../../platform/time/clock.ts';

const clock = manualClock('2026-11-25T01:00:00Z');
let t: TestApp;
let anonymous: Client;
let yoga: Client; // Kominfo's agent (Yoga Pratama)
let budi: Client; // an agent of PT Nusantara
let siti: Client; // a requester of PT Nusantara
let yogaId: number;
let kominfo: number;
let nds: number;
let png: Buffer;

const rows = async <T>(query: ReturnType<typeof sql>) => (await t.ctx.db.execute<T & Record<string, unknown>>(query)).rows as T[];
const idOf = async (number: string) => (await rows<{ id: number }>(sql`SELECT id FROM tickets WHERE number = ${number}`))[0]?.id as number;
const track = (number: string, code: string, ip = '192.0.2.1') =>
  anonymous.get(`/api/v1/public/tickets/${encodeURIComponent(number)}?code=${encodeURIComponent(code)}`, { 'x-forwarded-for': ip });

beforeAll(async () => {
  // Reporters come from several addresses: the test's requests stand behind a proxy on loopback that names them.
  t = await createTestApp({ clock, env: { TRUST_PROXY: 'loopback' } });
  anonymous = t.anonymous();
  [yoga, budi, siti] = await Promise.all([t.signIn('yoga@bukittinggi.test'), t.actingAs('agent'), t.actingAs('requester')]);
  yogaId = (await rows<{ id: number }>(sql`SELECT id FROM users WHERE email = 'yoga@bukittinggi.test'`))[0]?.id as number;
  kominfo = (await rows<{ id: number }>(sql`SELECT id FROM companies WHERE code = 'KOMINFO'`))[0]?.id as number;
  nds = (await rows<{ id: number }>(sql`SELECT id FROM companies WHERE code = 'NDS'`))[0]?.id as number;
  png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#2f9e44' } })
    .png()
    .toBuffer();
});
afterAll(() => t.close());

describe('phone numbers', () => {
  it('become E.164 the way Indonesians write them', () => {
    expect(normalizePhone('0812-3456-7890')).toBe('+6281234567890');
    expect(normalizePhone('+62 812 3456 7890')).toBe('+6281234567890');
    expect(normalizePhone('6281234567890')).toBe('+6281234567890');
    expect(normalizePhone('(0752) 21234')).toBe('+6275221234');
    expect(normalizePhone('+62 0812 3456 7890')).toBe('+6281234567890');
    expect(normalizePhone('+65 6123 4567')).toBe('+6561234567');
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('0812-ABCD')).toBeNull();
  });
});

describe('tracking a report', () => {
  it('shows status and the public timeline for the right code; a wrong code reads exactly like an unknown number', async () => {
    const filed = await fileReport(anonymous, clock, {}, [{ field: 'evidence', name: 'foto.png', type: 'image/png', data: png }]);
    const ok = await track(filed.number, filed.trackingCode.toLowerCase().replace('-', ' '));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      number: filed.number,
      status: 'assigned',
      reporter: 'Rahmat Hidayat',
      allowedActions: ['attach', 'reply'],
    });
    expect(ok.body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'attachment']);
    const file = await anonymous.get(ok.body.timeline[1].file.url, { 'x-forwarded-for': '192.0.2.1' });
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');

    const wrong = await track(filed.number, 'AAAA-AAAA', '192.0.2.2');
    const unknown = await track('INC-1999-999999', filed.trackingCode, '192.0.2.2');
    expect([wrong.status, unknown.status]).toEqual([404, 404]);
    const { instance: _a, requestId: _c, ...wrongBody } = wrong.body;
    const { instance: _b, requestId: _d, ...unknownBody } = unknown.body;
    expect(wrongBody).toEqual(unknownBody);
    expect(wrongBody.code).toBe('NOT_FOUND');
  });

  it('rate-limits misses per address: after 10 the right code is refused too, for an hour', async () => {
    const filed = await fileReport(anonymous, clock);
    const ip = '192.0.2.3';
    for (let i = 0; i < 10; i++) expect((await track(filed.number, `ZZZZ-ZZ${String(i).padStart(2, '0')}`, ip)).status).toBe(404);
    const blocked = await track(filed.number, 'ZZZZ-ZZZZ', ip);
    expect([blocked.status, blocked.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await track(filed.number, filed.trackingCode, ip)).status).toBe(429);
    expect((await track(filed.number, filed.trackingCode, '192.0.2.4')).status).toBe(200);
  });

  it('never shows the reporter internal notes, internal files or staff beyond their first name', async () => {
    const filed = await fileReport(anonymous, clock);
    const id = await idOf(filed.number);
    expect((await yoga.post(`/api/v1/tickets/${id}/transitions`, { to: 'in_progress', assigneeId: yogaId })).status).toBe(200);
    await yoga.post(`/api/v1/tickets/${id}/comments`, { body: '<p>Catatan internal: sandi router admin123</p>', internal: true });
    await yoga.upload(`/api/v1/tickets/${id}/attachments`, { name: 'konfigurasi.png', type: 'image/png', data: png }, { internal: 'true' });
    await yoga.post(`/api/v1/tickets/${id}/comments`, { body: '<p>Petugas sedang menuju lokasi.</p>' });
    const view = await track(filed.number, filed.trackingCode, '192.0.2.5');
    const text = JSON.stringify(view.body);
    expect(text).toContain('Petugas sedang menuju lokasi.');
    expect(text).not.toContain('admin123');
    expect(text).not.toContain('konfigurasi.png');
    expect(text).not.toContain('Pratama');
    expect(text).not.toContain('bukittinggi.test');
    expect(view.body.handledBy).toBe('Yoga');
    expect(view.body.timeline.find((e: { kind: string }) => e.kind === 'comment')?.author).toEqual({ kind: 'staff', name: 'Yoga' });
  });

  it('reads a reply only once the number and code hold: a wrong code is refused before its files are taken', async () => {
    const filed = await fileReport(anonymous, clock);
    // Not even a form: read first, this would be refused as malformed; the wrong code answers first.
    const wrong = await anonymous.post(
      `/api/v1/public/tickets/${filed.number}/replies?code=AAAA-AAAA`,
      { body: 'x' },
      {
        'x-forwarded-for': '192.0.2.77',
      },
    );
    expectProblem(wrong, 404, 'NOT_FOUND');
    const right = await anonymous.post(
      `/api/v1/public/tickets/${filed.number}/replies?code=${filed.trackingCode}`,
      { body: 'x' },
      {
        'x-forwarded-for': '192.0.2.77',
      },
    );
    expectProblem(right, 400, 'VALIDATION_FAILED');
  });

  it('lets the reporter reply with a file, then confirm or reopen a resolution; a closed report takes nothing more', async () => {
    const filed = await fileReport(anonymous, clock);
    const id = await idOf(filed.number);
    const url = (path: string) => `/api/v1/public/tickets/${filed.number}/${path}?code=${filed.trackingCode}`;
    const replied = await anonymous.postForm(url('replies'), {
      fields: { body: 'Sekarang juga di Taman Sabai Nan Aluih.' },
      files: [{ field: 'files', name: 'taman.png', type: 'image/png', data: png }],
    });
    expect(replied.status).toBe(204);
    const timeline = (await yoga.get(`/api/v1/tickets/${id}/timeline`)).body.items;
    const comment = timeline.find((e: { kind: string }) => e.kind === 'comment');
    expect(comment).toMatchObject({
      bodyHtml: '<p>Sekarang juga di Taman Sabai Nan Aluih.</p>',
      data: { via: 'web_form', contactName: 'Rahmat Hidayat' },
    });
    expect(timeline.filter((e: { kind: string }) => e.kind === 'attachment')).toHaveLength(1);
    const empty = await anonymous.postForm(url('replies'), { fields: { body: '  ' } });
    expect([empty.status, empty.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    const early = await anonymous.post(url('decision'), { action: 'confirm' });
    expect([early.status, early.body.code]).toEqual([409, 'TRANSITION_NOT_ALLOWED']);
    await yoga.post(`/api/v1/tickets/${id}/transitions`, { to: 'in_progress', assigneeId: yogaId });
    await yoga.post(`/api/v1/tickets/${id}/transitions`, { to: 'resolved', solutionSummary: 'Access point diganti.' });
    expect((await track(filed.number, filed.trackingCode, '192.0.2.6')).body.allowedActions).toEqual([
      'attach',
      'confirm',
      'reopen',
      'reply',
    ]);
    const noReason = await anonymous.post(url('decision'), { action: 'reopen' });
    expect([noReason.status, noReason.body.code]).toEqual([400, 'REASON_REQUIRED']);
    expect((await anonymous.post(url('decision'), { action: 'reopen', reason: 'Masih mati sore ini.' })).status).toBe(204);
    expect((await yoga.get(`/api/v1/tickets/${id}`)).body.status).toBe('in_progress');
    await yoga.post(`/api/v1/tickets/${id}/transitions`, { to: 'resolved', solutionSummary: 'Kabel daya diganti.' });
    expect((await anonymous.post(url('decision'), { action: 'confirm' })).status).toBe(204);
    const closed = (await yoga.get(`/api/v1/tickets/${id}`)).body;
    expect([closed.status, closed.locked]).toEqual(['closed', true]);
    const late = await anonymous.postForm(url('replies'), { fields: { body: 'Terima kasih!' } });
    expect([late.status, late.body.code]).toEqual([409, 'TICKET_LOCKED']);
    const view = (await track(filed.number, filed.trackingCode, '192.0.2.6')).body;
    expect(view.allowedActions).toEqual([]);
    expect(
      view.timeline.filter((e: { kind: string }) => e.kind === 'status_changed').map((e: { reason: string | null }) => e.reason),
    ).toContain('Masih mati sore ini.');
  });
});

describe('contact email verification', () => {
  it('sends later notices to the email only once the contact confirmed it', async () => {
    const filed = await fileReport(anonymous, clock, { email: 'sari@warga.test' });
    const id = await idOf(filed.number);
    const [verify] = await rows<{ variables: Record<string, string> }>(
      sql`SELECT variables FROM notification_deliveries WHERE ticket_id = ${id} AND event = 'report_received_verify'`,
    );
    const token = new URL(verify?.variables.verify_link ?? '').searchParams.get('token') ?? '';
    await yoga.post(`/api/v1/tickets/${id}/comments`, { body: '<p>Sebelum konfirmasi.</p>' });
    const replies = () =>
      rows<{ address: string }>(sql`SELECT address FROM notification_deliveries WHERE ticket_id = ${id} AND event = 'contact_reply'`);
    expect(await replies()).toHaveLength(0);

    expect((await anonymous.post('/api/v1/public/contacts/verify', { token: 'x'.repeat(20) })).body.code).toBe('VERIFICATION_INVALID');
    const ok = await anonymous.post('/api/v1/public/contacts/verify', { token });
    expect(ok.status).toBe(200);
    expect(ok.body.email).toBe('sari@warga.test');
    expect((await anonymous.post('/api/v1/public/contacts/verify', { token })).body.code).toBe('VERIFICATION_INVALID');
    await yoga.post(`/api/v1/tickets/${id}/comments`, { body: '<p>Sesudah konfirmasi.</p>' });
    expect(await replies()).toEqual([{ address: 'sari@warga.test' }]);
  });
});

describe('external contacts (003)', () => {
  it('are recorded and corrected by the service desk of their company only', async () => {
    const created = await yoga.post('/api/v1/contacts', {
      companyId: kominfo,
      name: 'Andika Putra',
      email: 'andika@mitra.test',
      phone: '0811 6600 123',
      organisation: 'CV Mitra Data',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ phone: '+628116600123', emailVerified: false, company: { id: kominfo } });
    const foreign = await yoga.post('/api/v1/contacts', { companyId: nds, name: 'Orang Lain' });
    expect([foreign.status, foreign.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await siti.get('/api/v1/contacts')).status).toBe(403);
    expect((await budi.get(`/api/v1/contacts/${created.body.id}`)).status).toBe(404);
    expect((await budi.get('/api/v1/contacts?q=Andika')).body.items).toHaveLength(0);
    expect((await yoga.get('/api/v1/contacts?q=andika')).body.items.map((c: { name: string }) => c.name)).toEqual(['Andika Putra']);
    const duplicate = await yoga.post('/api/v1/contacts', { companyId: kominfo, name: 'Andika Lagi', email: 'ANDIKA@mitra.test' });
    expect([duplicate.status, duplicate.body.code]).toEqual([409, 'CONTACT_EMAIL_TAKEN']);
    const badPhone = await yoga.post('/api/v1/contacts', { companyId: kominfo, name: 'X', phone: '99' });
    expect(badPhone.body.errors).toEqual([{ path: 'phone', message: 'Nomor telepon tidak valid (contoh: 0812-3456-7890).' }]);

    expect((await yoga.post(`/api/v1/contacts/${created.body.id}/verification`)).status).toBe(204);
    const again = await yoga.post(`/api/v1/contacts/${created.body.id}/verification`);
    expect([again.status, again.body.code]).toEqual([429, 'RATE_LIMITED']);
    const [link] = await rows<{ variables: Record<string, string> }>(
      sql`SELECT variables FROM notification_deliveries WHERE event = 'contact_verify' AND address = 'andika@mitra.test'`,
    );
    await anonymous.post('/api/v1/public/contacts/verify', { token: new URL(link?.variables.verify_link ?? '').searchParams.get('token') });
    expect((await yoga.get(`/api/v1/contacts/${created.body.id}`)).body.emailVerified).toBe(true);

    const stale = await yoga.patch(`/api/v1/contacts/${created.body.id}`, { version: created.body.version, name: 'Andika P.' });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    const current = (await yoga.get(`/api/v1/contacts/${created.body.id}`)).body;
    const moved = await yoga.patch(`/api/v1/contacts/${created.body.id}`, { version: current.version, email: 'andika@baru.test' });
    expect(moved.body).toMatchObject({ email: 'andika@baru.test', emailVerified: false });
  });

  it('can have tickets logged on their behalf, shown with the contact where tickets show the requester', async () => {
    const contact = (await yoga.post('/api/v1/contacts', { companyId: kominfo, name: 'Lestari Wulandari', phone: '081277001122' })).body;
    const [unit] = await rows<{ id: number }>(sql`SELECT id FROM units WHERE code = 'DISKOMINFO'`);
    const [ndsUnit] = await rows<{ id: number }>(sql`SELECT id FROM units WHERE code = 'IT'`);
    const wrongUnit = await yoga.post(`/api/v1/contacts/${contact.id}/tickets`, { unitId: ndsUnit?.id, title: 'X' });
    expect([wrongUnit.status, wrongUnit.body.code]).toEqual([400, 'UNKNOWN_REFERENCE']);
    expect((await budi.post(`/api/v1/contacts/${contact.id}/tickets`, { unitId: unit?.id, title: 'X' })).status).toBe(404);
    const ticket = await yoga.post(`/api/v1/contacts/${contact.id}/tickets`, {
      unitId: unit?.id,
      title: 'Akun e-mail dinas terkunci',
      channel: 'phone',
    });
    expect(ticket.status).toBe(201);
    const detail = (await yoga.get(`/api/v1/tickets/${ticket.body.number}`)).body;
    expect(detail).toMatchObject({ channel: 'phone', contactName: 'Lestari Wulandari', contactPhone: '+6281277001122' });
    const shown = await yoga.get(`/api/v1/tickets/${ticket.body.id}/contact`);
    expect(shown.body.contact).toMatchObject({ name: 'Lestari Wulandari', ticketCount: 1 });
    expect((await siti.get(`/api/v1/tickets/${ticket.body.id}/contact`)).status).toBe(404);
    const own = (await siti.post('/api/v1/tickets', { title: 'Punya saya sendiri' })).body;
    expect((await siti.get(`/api/v1/tickets/${own.id}/contact`)).body).toEqual({ contact: null });
    // The contact's phone gets the number and tracking link.
    const [sms] = await rows<{ address: string }>(
      sql`SELECT address FROM notification_deliveries WHERE ticket_id = ${ticket.body.id} AND channel = 'sms' AND event = 'report_received'`,
    );
    expect(sms?.address).toBe('+6281277001122');
  });

  it('shows the report behind a public ticket to those who may see the ticket', async () => {
    const filed = await fileReport(anonymous, clock, { occurredAt: '2026-11-24T19:30', method: 'walk_in' });
    const report = await yoga.get(`/api/v1/tickets/${filed.number}/public-report`);
    expect(report.body.report).toMatchObject({
      method: 'walk_in',
      kelurahan: 'Benteng Pasar Atas',
      kecamatan: 'Guguk Panjang',
      // 19:30 WIB
      occurredAt: '2026-11-24T12:30:00.000Z',
    });
    expect((await siti.get(`/api/v1/tickets/${filed.number}/public-report`)).status).toBe(404);
    expect((await yoga.get(`/api/v1/tickets/${filed.number}`)).body.channel).toBe('walk_in');
  });
});
