import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let putri: Client; // Change Requester, DevOps
let agus: Client; // Change Manager
let maya: Client;
let indra: Client;
let template: number;
const service: Record<string, number> = {};
const user: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  [putri, agus, maya] = await Promise.all([t.actingAs('change_requester'), t.actingAs('change_manager'), t.actingAs('cab_member')]);
  indra = await t.signIn('indra@nusantara.test');
  for (const r of (await t.ctx.db.execute<{ id: number; code: string }>(sql`SELECT id, code FROM business_services`)).rows)
    service[r.code] = Number(r.id);
  for (const r of (await t.ctx.db.execute<{ id: number; email: string }>(sql`SELECT id, email FROM users`)).rows)
    user[r.email.split('@')[0] ?? ''] = Number(r.id);
  template = (
    await agus.post('/api/v1/change-templates', {
      name: 'Patch OS bulanan',
      reason: 'Pembaruan keamanan bulanan.',
      impact: 'Server dimulai ulang satu per satu.',
      implementationPlan: 'apt upgrade; reboot bergiliran',
      testPlan: 'Cek layanan setelah reboot.',
      rollbackPlan: 'Boot kernel sebelumnya.',
      serviceIds: [service.SIK],
    })
  ).body.id;
});
afterAll(() => t.close());

/** A standard change (approved at once, so it is on the calendar) with this window and services. */
async function onCalendar(start: string, end: string, extra: Record<string, unknown> = {}) {
  const res = await putri.post('/api/v1/changes', { templateId: template, plannedStart: start, plannedEnd: end, submit: true, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.status).toBe('approved');
  return res.body;
}

async function calendar(from: string, to: string) {
  const res = await agus.get(`/api/v1/changes/calendar?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    entries: { id: number; conflicts: { kind: string; change: { id: number } | null }[] }[];
    freezes: { name: string }[];
  };
}

const conflictsOf = async (change: { id: number }, from: string, to: string) =>
  (await calendar(from, to)).entries.find((e) => e.id === change.id)?.conflicts ?? [];
const withChange = (conflicts: { kind: string; change: { id: number } | null }[], other: { id: number }) =>
  conflicts.filter((c) => c.kind === 'service' && c.change?.id === other.id);

describe('conflicts on the calendar', () => {
  it('reports two changes on the same service in overlapping windows, both ways', async () => {
    const a = await onCalendar('2030-02-04T09:00:00+07:00', '2030-02-04T11:00:00+07:00');
    const b = await onCalendar('2030-02-04T10:30:00+07:00', '2030-02-04T12:00:00+07:00');
    const range = ['2030-02-04T00:00:00+07:00', '2030-02-05T00:00:00+07:00'] as const;
    expect(withChange(await conflictsOf(a, ...range), b)).toHaveLength(1);
    expect(withChange(await conflictsOf(b, ...range), a)).toEqual([
      {
        kind: 'service',
        change: expect.objectContaining({ id: a.id, number: a.number }),
        service: { id: service.SIK, name: expect.any(String) },
        freeze: null,
      },
    ]);
  });

  it('does not report windows that only touch at one instant, nor changes on other services', async () => {
    const a = await onCalendar('2030-02-11T09:00:00+07:00', '2030-02-11T10:00:00+07:00');
    const touching = await onCalendar('2030-02-11T10:00:00+07:00', '2030-02-11T11:00:00+07:00');
    const otherService = await onCalendar('2030-02-11T09:30:00+07:00', '2030-02-11T10:30:00+07:00', { serviceIds: [service.WEB] });
    const range = ['2030-02-11T00:00:00+07:00', '2030-02-12T00:00:00+07:00'] as const;
    expect(withChange(await conflictsOf(a, ...range), touching)).toEqual([]);
    expect(withChange(await conflictsOf(touching, ...range), a)).toEqual([]);
    expect(withChange(await conflictsOf(otherService, ...range), a)).toEqual([]);
  });

  it('reports windows across midnight that overlap after it', async () => {
    const night = await onCalendar('2030-02-18T23:00:00+07:00', '2030-02-19T01:00:00+07:00');
    const early = await onCalendar('2030-02-19T00:30:00+07:00', '2030-02-19T02:00:00+07:00');
    const later = await onCalendar('2030-02-19T01:00:00+07:00', '2030-02-19T03:00:00+07:00');
    const range = ['2030-02-18T00:00:00+07:00', '2030-02-20T00:00:00+07:00'] as const;
    expect(withChange(await conflictsOf(night, ...range), early)).toHaveLength(1);
    expect(withChange(await conflictsOf(night, ...range), later)).toEqual([]);
  });

  it('compares windows proposed in different time zones as instants', async () => {
    // 10:00–11:00 WITA (Makassar) is 09:00–10:00 WIB (Jakarta).
    const wita = await onCalendar('2030-02-25T10:00:00+08:00', '2030-02-25T11:00:00+08:00', { timeZone: 'Asia/Makassar' });
    const overlapping = await onCalendar('2030-02-25T09:30:00+07:00', '2030-02-25T10:30:00+07:00', { timeZone: 'Asia/Jakarta' });
    const after = await onCalendar('2030-02-25T10:00:00+07:00', '2030-02-25T11:00:00+07:00', { timeZone: 'Asia/Jakarta' });
    const range = ['2030-02-25T00:00:00+07:00', '2030-02-26T00:00:00+07:00'] as const;
    expect(withChange(await conflictsOf(wita, ...range), overlapping)).toHaveLength(1);
    expect(withChange(await conflictsOf(wita, ...range), after)).toEqual([]);
    expect((await putri.get(`/api/v1/changes/${wita.id}`)).body.timeZone).toBe('Asia/Makassar');
  });

  it('reports the same implementer booked twice', async () => {
    const a = await onCalendar('2030-03-04T09:00:00+07:00', '2030-03-04T10:00:00+07:00', {
      implementerId: user.rudi,
      serviceIds: [service.WEB],
    });
    const b = await onCalendar('2030-03-04T09:30:00+07:00', '2030-03-04T10:30:00+07:00', {
      implementerId: user.rudi,
      serviceIds: [service.PGM],
    });
    const conflicts = await conflictsOf(b, '2030-03-04T00:00:00+07:00', '2030-03-05T00:00:00+07:00');
    expect(conflicts.filter((c) => c.kind === 'implementer').map((c) => c.change?.id)).toEqual([a.id]);
  });

  it('warns outside the service’s maintenance windows, which may run across midnight', async () => {
    // Sundays 23:00 WIB for three hours.
    const window = await agus.post('/api/v1/change-maintenance-windows', {
      serviceId: service.WAHANA,
      weekday: 7,
      startTime: '23:00',
      durationMinutes: 180,
      timeZone: 'Asia/Jakarta',
    });
    expect(window.status).toBe(201);
    const inside = await onCalendar('2030-03-10T23:30:00+07:00', '2030-03-11T01:30:00+07:00', { serviceIds: [service.WAHANA] });
    const outside = await onCalendar('2030-03-11T01:30:00+07:00', '2030-03-11T02:30:00+07:00', { serviceIds: [service.WAHANA] });
    const range = ['2030-03-10T00:00:00+07:00', '2030-03-12T00:00:00+07:00'] as const;
    expect((await conflictsOf(inside, ...range)).filter((c) => c.kind === 'maintenance')).toEqual([]);
    expect((await conflictsOf(outside, ...range)).filter((c) => c.kind === 'maintenance')).toEqual([
      { kind: 'maintenance', change: null, service: { id: service.WAHANA, name: expect.any(String) }, freeze: null },
    ]);
  });

  it('warns when scheduling into a clashing slot, and schedules once the conflict is accepted', async () => {
    const booked = await onCalendar('2030-03-18T09:00:00+07:00', '2030-03-18T11:00:00+07:00');
    const change = await onCalendar('2030-03-18T13:00:00+07:00', '2030-03-18T14:00:00+07:00');
    const preview = await agus.get(
      `/api/v1/changes/${change.id}/conflicts?start=${encodeURIComponent('2030-03-18T10:00:00+07:00')}&end=${encodeURIComponent('2030-03-18T12:00:00+07:00')}`,
    );
    expect(preview.body.items.map((c: { change: { id: number } }) => c.change.id)).toEqual([booked.id]);
    const clash = { plannedStart: '2030-03-18T10:00:00+07:00', plannedEnd: '2030-03-18T12:00:00+07:00' };
    const warned = await agus.post(`/api/v1/changes/${change.id}/transitions`, { to: 'scheduled', ...clash });
    expect(warned.status).toBe(409);
    expect(warned.body.code).toBe('CHANGE_CONFLICTS');
    expect(warned.body.conflicts.map((c: { change: { id: number } }) => c.change.id)).toEqual([booked.id]);
    expect((await agus.get(`/api/v1/changes/${change.id}`)).body).toMatchObject({
      status: 'approved',
      plannedStart: '2030-03-18T06:00:00.000Z',
    });
    const scheduled = await agus.post(`/api/v1/changes/${change.id}/transitions`, { to: 'scheduled', ...clash, acceptConflicts: true });
    expect(scheduled.body).toMatchObject({ status: 'scheduled', plannedStart: '2030-03-18T03:00:00.000Z' });
  });
});

describe('freeze windows', () => {
  it('refuses scheduling a normal change into a freeze and allows an emergency with a justification', async () => {
    const freeze = await agus.post('/api/v1/change-freezes', {
      name: 'Tutup buku akhir bulan',
      reason: 'Closing keuangan',
      startsAt: '2030-04-28T00:00:00+07:00',
      endsAt: '2030-05-02T00:00:00+07:00',
    });
    expect(freeze.status).toBe(201);
    expect(
      (await putri.post('/api/v1/change-freezes', { name: 'x', startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-02T00:00:00Z' })).status,
    ).toBe(403);

    const normal = await onCalendar('2030-04-20T09:00:00+07:00', '2030-04-20T10:00:00+07:00', { serviceIds: [service.SIMSDM] });
    const intoFreeze = { plannedStart: '2030-04-29T09:00:00+07:00', plannedEnd: '2030-04-29T10:00:00+07:00', acceptConflicts: true };
    const refused = await agus.post(`/api/v1/changes/${normal.id}/transitions`, { to: 'scheduled', ...intoFreeze });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CHANGE_IN_FREEZE');
    expect(refused.body.detail).toContain('Tutup buku akhir bulan');
    expect((await agus.get(`/api/v1/changes/${normal.id}`)).body.status).toBe('approved');

    const settings = (await agus.get('/api/v1/change-settings')).body;
    await agus.put('/api/v1/change-settings', { ...settings, emergencyCabUserIds: [user.maya, user.indra], emergencyQuorum: 2 });
    const emergency = (
      await putri.post('/api/v1/changes', {
        type: 'emergency',
        title: 'Tambal celah keamanan SIM SDM',
        reason: 'Celah dieksploitasi.',
        impact: 'SIM SDM terputus 15 menit.',
        implementationPlan: 'Pasang tambalan.',
        testPlan: 'Uji masuk.',
        rollbackPlan: 'Lepas tambalan.',
        emergencyJustification: 'Eksploitasi aktif sejak pagi.',
        serviceIds: [service.SIMSDM],
        riskAnswers: { production: true, usersAffected: 'many', testedInStaging: false, rollbackTested: true, doneBefore: false },
        plannedStart: '2030-04-21T09:00:00+07:00',
        plannedEnd: '2030-04-21T10:00:00+07:00',
        submit: true,
      })
    ).body;
    await maya.post(`/api/v1/changes/${emergency.id}/votes`, { vote: 'approve' });
    expect((await indra.post(`/api/v1/changes/${emergency.id}/votes`, { vote: 'approve' })).body.status).toBe('approved');
    const unjustified = await agus.post(`/api/v1/changes/${emergency.id}/transitions`, { to: 'scheduled', ...intoFreeze });
    expect(unjustified.status).toBe(400);
    expect(unjustified.body.code).toBe('FREEZE_JUSTIFICATION_REQUIRED');
    const justified = await agus.post(`/api/v1/changes/${emergency.id}/transitions`, {
      to: 'scheduled',
      ...intoFreeze,
      justification: 'Tidak bisa menunggu sampai setelah tutup buku.',
    });
    expect(justified.status, JSON.stringify(justified.body)).toBe(200);
    expect(justified.body).toMatchObject({ status: 'scheduled', freezeJustification: 'Tidak bisa menunggu sampai setelah tutup buku.' });
    const { freezes, entries } = await calendar('2030-04-27T00:00:00+07:00', '2030-05-03T00:00:00+07:00');
    expect(freezes.map((f) => f.name)).toEqual(['Tutup buku akhir bulan']);
    expect(entries.find((e) => e.id === emergency.id)?.conflicts.map((c) => c.kind)).toEqual(['freeze']);
  });
});

describe('deployment gate', () => {
  it('answers false before the window and true inside it', async () => {
    const now = Date.now();
    const later = await onCalendar(new Date(now + 3600_000).toISOString(), new Date(now + 7200_000).toISOString(), {
      serviceIds: [service.PGM],
    });
    const before = await putri.get(`/api/v1/changes/${later.number}/gate`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ allowed: false, code: 'BEFORE_WINDOW', reason: 'Belum boleh: jendela perubahan belum dimulai.' });
    const current = await onCalendar(new Date(now - 600_000).toISOString(), new Date(now + 3600_000).toISOString(), {
      serviceIds: [service.PGM],
    });
    expect((await putri.get(`/api/v1/changes/${current.id}/gate`, { 'accept-language': 'en' })).body).toMatchObject({
      allowed: true,
      code: 'INSIDE_WINDOW',
    });
    const draft = (
      await putri.post('/api/v1/changes', {
        templateId: template,
        plannedStart: new Date(now - 600_000).toISOString(),
        plannedEnd: new Date(now + 3600_000).toISOString(),
      })
    ).body;
    expect((await putri.get(`/api/v1/changes/${draft.id}/gate`)).body).toMatchObject({ allowed: false, code: 'NOT_APPROVED' });
  });

  it('answers false inside a freeze declared after scheduling', async () => {
    const now = Date.now();
    const change = await onCalendar(new Date(now - 600_000).toISOString(), new Date(now + 3600_000).toISOString(), {
      serviceIds: [service.EPOD],
    });
    const freeze = await agus.post('/api/v1/change-freezes', {
      name: 'Pemilu',
      startsAt: new Date(now - 3600_000).toISOString(),
      endsAt: new Date(now + 3600_000).toISOString(),
    });
    expect((await putri.get(`/api/v1/changes/${change.id}/gate`)).body).toMatchObject({ allowed: false, code: 'IN_FREEZE' });
    await agus.patch(`/api/v1/change-freezes/${freeze.body.id}`, { version: freeze.body.version, active: false });
    expect((await putri.get(`/api/v1/changes/${change.id}/gate`)).body.allowed).toBe(true);
  });
});

describe('iCalendar feed', () => {
  it('serves the calendar to a calendar app through a personal secret URL', async () => {
    // Ten days ahead at 02:00 UTC: inside the feed's months.
    const start = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 10 * 86_400_000 + 2 * 3600_000);
    const change = await onCalendar(start.toISOString(), new Date(start.getTime() + 3600_000).toISOString(), {
      title: 'Patch OS; server, basis data',
    });
    const feed = await putri.post('/api/v1/changes/calendar-feed');
    expect(feed.status).toBe(201);
    const path = new URL(feed.body.url).pathname + new URL(feed.body.url).search;
    const ics = await t.anonymous().get(path);
    expect(ics.status).toBe(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(ics.text).toContain('BEGIN:VCALENDAR');
    expect(ics.text).toContain(`UID:change-${change.id}@localhost:3000`);
    expect(ics.text).toContain(`DTSTART:${start.toISOString().slice(0, 10).replaceAll('-', '')}T020000Z`);
    expect(ics.text).toContain(`SUMMARY:${change.number} Patch OS\\; server\\, basis data`);
    expect(ics.text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    // A renewed URL replaces the old one; a wrong secret is refused.
    await putri.post('/api/v1/changes/calendar-feed');
    expect((await t.anonymous().get(path)).status).toBe(401);
    expect((await t.anonymous().get('/api/v1/changes/calendar.ics?token=ishcal_nope')).status).toBe(401);
  });
});

describe('outbound webhooks', () => {
  it('refuses a webhook to a loopback or private address unless private targets are allowed', async () => {
    const admin = await t.actingAs('administrator');
    const hook = { name: 'CI', events: ['change.status_changed'], scope: { kind: 'organisation' } };
    for (const url of [
      'http://127.0.0.1:9/hook',
      'http://localhost/hook',
      'http://169.254.169.254/latest',
      'http://10.1.2.3/x',
      'ftp://example.com/x',
    ]) {
      const res = await admin.post('/api/v1/webhooks', { ...hook, url });
      expect(res.status, url).toBe(400);
      expect(res.body.code).toBe('WEBHOOK_URL_REFUSED');
    }
    // Change status webhooks belong to the general facility: Administrators and Division Admins manage them.
    const refused = await agus.post('/api/v1/webhooks', { ...hook, url: 'https://ci.example.com/hook' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect(await t.ctx.db.execute(sql`SELECT 1 FROM webhook_endpoints`).then((r) => r.rows.length)).toBe(0);
  });
});
