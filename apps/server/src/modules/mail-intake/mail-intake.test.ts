import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../../test/factories.ts';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';
import { testResolver } from '../../../test/support/dns.ts';
import { configureMailIntake } from '../../../test/support/mail-corpus.ts';
import { sendRaw, startSmtpServer } from '../../../test/support/smtp.ts';
import { until } from '../../../test/support/wait.ts';
import { notify } from '../notifications/index.ts';
import type { IngestResult } from './mail-intake.service.ts';
import { startInboundSmtp } from './mail-intake.smtp.ts';

let t: TestApp;
let admin: Client;
let budi: Client;
let yoga: Client;
let siti: Client;
let listener: Awaited<ReturnType<typeof startInboundSmtp>>;
let outbox: Awaited<ReturnType<typeof startSmtpServer>>;
const results: IngestResult[] = [];
let serial = 0;

const rows = async <T>(query: ReturnType<typeof sql>) => (await t.ctx.db.execute<T & Record<string, unknown>>(query)).rows as T[];
const count = async (table: string) => (await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))[0]?.n ?? 0;

beforeAll(async () => {
  outbox = await startSmtpServer();
  t = await createTestApp({ jobs: true });
  [admin, budi, yoga, siti] = await Promise.all([
    t.actingAs('administrator'),
    t.actingAs('agent'),
    t.signIn('yoga@bukittinggi.test'),
    t.actingAs('requester'),
  ]);
  await t.ctx.db.execute(
    sql`INSERT INTO settings (key, value) VALUES ('smtp', ${JSON.stringify({ host: '127.0.0.1', port: outbox.port, secure: false, user: null, passwordEncrypted: null, from: 'Helpdesk Nusantara <helpdesk@nusantara.test>' })}::jsonb)`,
  );
  await configureMailIntake(t, admin);
  listener = await startInboundSmtp(t.ctx, { host: '127.0.0.1', port: 0, resolver: testResolver, onIngested: (r) => results.push(r) });
});
afterAll(async () => {
  await listener.close();
  await t.close();
  await outbox.close();
});

/** Sends a message to the listener; resolves to what became of it, or rejects with the SMTP refusal. */
async function send(raw: string, envelope: { from: string; to?: string }): Promise<IngestResult> {
  const before = results.length;
  await sendRaw(listener.port, raw.replace(/\r?\n/g, '\r\n'), { from: envelope.from, to: [envelope.to ?? 'helpdesk@nusantara.test'] });
  return results[before] as IngestResult;
}

/** A plain message from `from`; `headers` adds or replaces header lines. */
function message(from: string, subject: string, body: string, headers: Record<string, string> = {}) {
  const all: Record<string, string> = {
    From: from,
    To: 'helpdesk@nusantara.test',
    Subject: subject,
    Date: 'Wed, 25 Nov 2026 09:00:00 +0700',
    'Message-ID': `<test-${++serial}-${Date.now()}@sender.test>`,
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
    ...headers,
  };
  return `${Object.entries(all)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n\n${body}\n`;
}

async function setIntake(changes: Record<string, unknown>) {
  const current = (await admin.get('/api/v1/settings/mail-intake')).body;
  const { passwordSet: _, ...imap } = current.imap;
  const { version, ...rest } = current;
  const res = await admin.put('/api/v1/settings/mail-intake', { ...rest, imap, version, ...changes });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

describe('email intake settings', () => {
  it('are the Administrator’s; the IMAP password is sealed and never returned', async () => {
    expect((await budi.get('/api/v1/settings/mail-intake')).body.code).toBe('FORBIDDEN');
    const saved = await setIntake({
      imap: {
        enabled: false,
        host: 'imap.nusantara.test',
        port: 993,
        secure: true,
        user: 'helpdesk',
        password: 'Rahasia-IMAP-1',
        folder: 'INBOX',
      },
    });
    expect(saved.imap).toMatchObject({ host: 'imap.nusantara.test', passwordSet: true });
    expect(JSON.stringify(saved)).not.toContain('Rahasia-IMAP-1');
    const [stored] = await rows<{ value: string }>(sql`SELECT value::text AS value FROM settings WHERE key = 'mail_intake'`);
    expect(stored?.value).not.toContain('Rahasia-IMAP-1');
    expect(stored?.value).toMatch(/"passwordEncrypted": "v1:/);
    const kept = await setIntake({});
    expect(kept.imap.passwordSet).toBe(true);

    const [kominfoUnit] = await rows<{ id: number }>(sql`SELECT id FROM units WHERE code = 'DISKOMINFO'`);
    const foreign = await admin.put('/api/v1/settings/mail-intake', { ...(await intakeBody()), unitId: kominfoUnit?.id });
    expect([foreign.status, foreign.body.code]).toEqual([400, 'UNKNOWN_REFERENCE']);
    const stale = await admin.put('/api/v1/settings/mail-intake', { ...(await intakeBody()), version: 1 });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
  });
});

async function intakeBody() {
  const current = (await admin.get('/api/v1/settings/mail-intake')).body;
  const { passwordSet: _, ...imap } = current.imap;
  return { ...current, imap };
}

describe('the inbound SMTP listener', () => {
  it('takes mail for the helpdesk address only (plus-addresses included)', async () => {
    await expect(
      send(message('siti@nusantara.test', 'Salah alamat', 'Halo'), { from: 'siti@nusantara.test', to: 'direksi@nusantara.test' }),
    ).rejects.toMatchObject({
      responseCode: 550,
    });
    const plus = await send(message('siti@nusantara.test', 'Lewat alamat plus', 'Kursor mouse hilang.'), {
      from: 'siti@nusantara.test',
      to: 'helpdesk+INC-1@nusantara.test',
    });
    expect(plus.outcome).toBe('created');
  });
});

describe('email safety', () => {
  it('holds a sender writing more than the hourly limit in quarantine', async () => {
    await setIntake({ perSenderPerHour: 3 });
    const outcomes = [];
    for (let i = 0; i < 5; i++)
      outcomes.push(
        (await send(message('Penagih <tagih@pelanggan.test>', `Tagihan ${i}`, 'Mohon dibayar.'), { from: 'tagih@pelanggan.test' })).outcome,
      );
    expect(outcomes).toEqual(['created', 'created', 'created', 'quarantined', 'quarantined']);
    const held = await rows<{ reason: string }>(
      sql`SELECT reason FROM inbound_mail WHERE from_address = 'tagih@pelanggan.test' AND outcome = 'quarantined'`,
    );
    expect(held.map((h) => h.reason)).toEqual(['throttled', 'throttled']);
    await setIntake({ perSenderPerHour: 50 });
  });

  it('drops unknown senders when the policy refuses them, creating no contact', async () => {
    await setIntake({ unknownSenders: 'refuse' });
    const contacts = await count('contacts');
    const refused = await send(message('Asing <asing@luar.test>', 'Halo', 'Ada yang bisa dibantu?'), { from: 'asing@luar.test' });
    expect([refused.outcome, refused.reason]).toEqual(['dropped', 'unknown_sender']);
    expect(await count('contacts')).toBe(contacts);
    // Users still reach the desk.
    expect((await send(message('siti@nusantara.test', 'Tetap bisa', 'Dari pengguna.'), { from: 'siti@nusantara.test' })).outcome).toBe(
      'created',
    );
    await setIntake({ unknownSenders: 'contact' });
  });

  it('never answers an auto-reply to a notice: no ticket, no further notice (no mail loop)', async () => {
    const created = await send(
      message('Siti Rahmawati <siti@nusantara.test>', 'Scanner tidak terdeteksi', 'Scanner di meja saya tidak terdeteksi.'),
      {
        from: 'siti@nusantara.test',
      },
    );
    const notice = await until(async () =>
      outbox.received.find((m) => m.to.includes('siti@nusantara.test') && m.subject.includes(created.ticketNumber ?? '-')),
    );
    const noticeId = String(notice.headers.get('message-id'));
    await new Promise((r) => setTimeout(r, 1500));
    const [tickets, deliveries, sent] = [await count('tickets'), await count('notification_deliveries'), outbox.received.length];
    const auto = await send(
      message('Siti Rahmawati <siti@nusantara.test>', `Automatic reply: ${notice.subject}`, 'Saya sedang cuti.', {
        'Auto-Submitted': 'auto-replied',
        'In-Reply-To': noticeId,
        References: noticeId,
      }),
      { from: 'siti@nusantara.test' },
    );
    expect([auto.outcome, auto.reason]).toEqual(['dropped', 'auto_reply']);
    await new Promise((r) => setTimeout(r, 2500));
    expect(await count('tickets')).toBe(tickets);
    expect(await count('notification_deliveries')).toBe(deliveries);
    expect(outbox.received.length).toBe(sent);
  });
});

describe('outgoing threading', () => {
  it('ties notices to the requester’s own mail, so the reply to a notice comes back to its ticket', async () => {
    const original = '<scanner-2-original@nusantara.test>';
    const created = await send(
      message('Siti Rahmawati <siti@nusantara.test>', 'Layar laptop bergaris', 'Ada garis hijau di layar.', { 'Message-ID': original }),
      { from: 'siti@nusantara.test' },
    );
    const number = created.ticketNumber ?? '';
    const notice = await until(async () => outbox.received.find((m) => m.to.includes('siti@nusantara.test') && m.subject.includes(number)));
    expect(notice.subject).toBe(`[${number}] Tiket Anda telah kami terima`);
    expect(notice.headers.get('in-reply-to')).toBe(original);
    expect(notice.headers.get('references')).toEqual([original, `<ticket-${number}@nusantara.test>`]);
    expect(JSON.stringify(notice.headers.get('reply-to'))).toContain('"address":"helpdesk@nusantara.test"');
    expect(notice.headers.get('auto-submitted')).toBe('auto-generated');
    const reply = await send(
      message('Siti Rahmawati <siti@nusantara.test>', `Re: ${notice.subject}`, 'Garisnya sekarang dua.', {
        'In-Reply-To': String(notice.headers.get('message-id')),
      }),
      { from: 'siti@nusantara.test' },
    );
    expect([reply.outcome, reply.ticketId]).toEqual(['threaded', created.ticketId]);
  });
});

describe('service request notices', () => {
  /** A request of Siti's for an item that always needs approval; the first step's approver and the mail the step sent them. */
  async function orderNeedingApproval() {
    const f = factories(t.ctx);
    const item = await f.catalogItem(await f.place('DEVOPS'), { alwaysApproval: true, nameId: 'Akses basis data' });
    const request = await f.serviceRequest({ requesterId: await f.userId('siti@nusantara.test'), itemId: item.id });
    const step = request.steps[0];
    if (!step) throw new Error('no approval step');
    // Hendra approves for Siti's division (the demo chain's first step).
    return { f, request, step, approver: await f.userId('hendra@nusantara.test') };
  }
  const noticeTo = (to: string, number: string, subject: RegExp) =>
    until(async () => outbox.received.find((m) => m.to.includes(to) && m.subject.includes(number) && subject.test(m.subject)));
  const header = (mail: { headers: Map<string, unknown> }, name: string) => mail.headers.get(name);

  it('thread as the request’s own (X-Request-Number, request Message-IDs), tickets’ notices as tickets’, others not at all', async () => {
    const { f, request } = await orderNeedingApproval();
    const asked = await noticeTo('hendra@nusantara.test', request.number, /./);
    expect(header(asked, 'x-request-number')).toBe(request.number);
    expect(header(asked, 'x-ticket-number')).toBeUndefined();
    expect(String(header(asked, 'message-id'))).toMatch(new RegExp(`^<request-${request.number}-d\\d+@nusantara\\.test>$`));
    expect(header(asked, 'references')).toBe(`<request-${request.number}@nusantara.test>`);
    expect(header(asked, 'in-reply-to')).toBe(`<request-${request.number}@nusantara.test>`);

    // A notice about neither (a catalog item waiting for review) carries no threading headers at all.
    const reviewer = await f.userId('siti@nusantara.test');
    await t.ctx.db.transaction((tx) =>
      notify(t.ctx, tx, {
        event: 'item_review_requested',
        occurrence: 'thread-test',
        recipients: [reviewer],
        about: { key: 'item-thread-test', variables: async () => ({ number: 'KAT-THREAD-01', title: 'Akses VPN' }) },
      }),
    );
    const review = await until(async () => outbox.received.find((m) => m.subject.includes('KAT-THREAD-01')));
    for (const name of ['x-ticket-number', 'x-request-number', 'in-reply-to', 'references']) expect(header(review, name)).toBeUndefined();

    const ticket = (await siti.post('/api/v1/tickets', { title: 'Monitor berkedip' })).body;
    const filed = await noticeTo('siti@nusantara.test', ticket.number, /telah kami terima/);
    expect(header(filed, 'x-ticket-number')).toBe(ticket.number);
    expect(header(filed, 'x-request-number')).toBeUndefined();
    expect(String(header(filed, 'message-id'))).toMatch(new RegExp(`^<ticket-${ticket.number}-d\\d+@nusantara\\.test>$`));
  });

  it('hold a reply to a request without an open fulfilment ticket for review, and thread one into the fulfilment ticket', async () => {
    const rejected = await orderNeedingApproval();
    await rejected.f.decide(rejected.approver, rejected.step.id, 'reject');
    const decided = await noticeTo('siti@nusantara.test', rejected.request.number, /ditolak|Permintaan layanan/i);
    expect(header(decided, 'x-request-number')).toBe(rejected.request.number);
    const tickets = await count('tickets');
    const held = await send(
      message('Siti Rahmawati <siti@nusantara.test>', `Re: ${decided.subject}`, 'Mengapa ditolak? Kami butuh akses ini.', {
        'In-Reply-To': String(header(decided, 'message-id')),
        References: String(header(decided, 'references')),
      }),
      { from: 'siti@nusantara.test' },
    );
    // Never a wrong ticket, never a stray new incident: the service desk reads it in quarantine.
    expect([held.outcome, held.reason, held.ticketId]).toEqual(['quarantined', 'request_reply', null]);
    expect(await count('tickets')).toBe(tickets);
    const listed = (await budi.get('/api/v1/mail/quarantine')).body.items.find((m: { id: number }) => m.id === held.id);
    expect(listed).toMatchObject({ reason: 'request_reply', ticket: null });
    // By the number in the subject alone, too.
    const bySubject = await send(
      message('Siti Rahmawati <siti@nusantara.test>', `Tentang [${rejected.request.number}]`, 'Mohon ditinjau.'),
      {
        from: 'siti@nusantara.test',
      },
    );
    expect([bySubject.outcome, bySubject.reason]).toEqual(['quarantined', 'request_reply']);

    const approved = await orderNeedingApproval();
    await approved.f.decide(approved.approver, approved.step.id, 'approve');
    const fulfilment = (
      await rows<{ ticket_id: number }>(sql`SELECT ticket_id FROM service_requests WHERE id = ${approved.request.id}`)
    )[0];
    expect(fulfilment?.ticket_id).toBeTruthy();
    const ok = await noticeTo('siti@nusantara.test', approved.request.number, /disetujui|Permintaan layanan/i);
    const reply = await send(
      message('Siti Rahmawati <siti@nusantara.test>', `Re: ${ok.subject}`, 'Terima kasih, kapan bisa dipakai?', {
        'In-Reply-To': String(header(ok, 'message-id')),
      }),
      { from: 'siti@nusantara.test' },
    );
    expect([reply.outcome, reply.ticketId]).toEqual(['threaded', Number(fulfilment?.ticket_id)]);
  });
});

describe('the quarantine', () => {
  it('is for the service desk of the mail’s company: listed, read, released into its ticket or as a new one, or discarded', async () => {
    const ticket = await send(message('Siti Rahmawati <siti@nusantara.test>', 'Kipas laptop berisik', 'Kipas berbunyi keras.'), {
      from: 'siti@nusantara.test',
    });
    const outsider = await send(
      message('Hendra Gunawan <hendra@nusantara.test>', `Re: [${ticket.ticketNumber}] Kipas laptop berisik`, 'Coba dibersihkan saja.'),
      { from: 'hendra@nusantara.test' },
    );
    expect([outsider.outcome, outsider.reason, outsider.ticketId]).toEqual(['quarantined', 'not_participant', ticket.ticketId]);
    const another = await send(message('Hendra Gunawan <hendra@nusantara.test>', `Re: [${ticket.ticketNumber}] lagi`, 'Saran kedua.'), {
      from: 'hendra@nusantara.test',
    });

    const list = (await budi.get('/api/v1/mail/quarantine')).body;
    const item = list.items.find((i: { id: number }) => i.id === outsider.id);
    expect(item).toMatchObject({
      reason: 'not_participant',
      from: { address: 'hendra@nusantara.test' },
      ticket: { number: ticket.ticketNumber },
    });
    expect((await yoga.get('/api/v1/mail/quarantine')).body.items.some((i: { id: number }) => i.id === outsider.id)).toBe(false);
    expect((await yoga.get(`/api/v1/mail/quarantine/${outsider.id}`)).status).toBe(404);
    expect((await siti.get('/api/v1/mail/quarantine')).body.code).toBe('FORBIDDEN');
    const detail = (await budi.get(`/api/v1/mail/quarantine/${outsider.id}`)).body;
    expect(detail.text).toContain('Coba dibersihkan saja.');

    const stale = await budi.post(`/api/v1/mail/quarantine/${outsider.id}/release`, { version: 9 });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    const released = await budi.post(`/api/v1/mail/quarantine/${outsider.id}/release`, { version: item.version });
    expect(released.body).toEqual({ outcome: 'released', ticket: { id: ticket.ticketId, number: ticket.ticketNumber } });
    const timeline = (await budi.get(`/api/v1/tickets/${ticket.ticketId}/timeline`)).body.items;
    expect(
      timeline.some((e: { kind: string; bodyHtml: string | null }) => e.kind === 'comment' && e.bodyHtml?.includes('Coba dibersihkan')),
    ).toBe(true);
    const again = await budi.post(`/api/v1/mail/quarantine/${outsider.id}/release`, { version: item.version + 1 });
    expect([again.status, again.body.code]).toEqual([409, 'MAIL_NOT_QUARANTINED']);

    const second = (await budi.get(`/api/v1/mail/quarantine/${another.id}`)).body;
    expect((await yoga.post(`/api/v1/mail/quarantine/${another.id}/discard`, { version: second.version })).status).toBe(404);
    expect((await budi.post(`/api/v1/mail/quarantine/${another.id}/discard`, { version: second.version })).status).toBe(204);
    const [row] = await rows<{ outcome: string; decided_by: number | null }>(
      sql`SELECT outcome, decided_by FROM inbound_mail WHERE id = ${another.id}`,
    );
    expect(row?.outcome).toBe('discarded');
    expect(row?.decided_by).not.toBeNull();
  });

  it('releases a message that failed DMARC as a new ticket when the agent says so', async () => {
    const spoof = await send(message('Rina Kartika <rina.kartika@bank-sentosa.test>', 'Permintaan kunci API', 'Kirim kunci API baru.'), {
      from: 'bounce@attacker.test',
    });
    expect([spoof.outcome, spoof.reason]).toEqual(['quarantined', 'auth_failed']);
    const [held] = (await budi.get('/api/v1/mail/quarantine')).body.items.filter((i: { id: number }) => i.id === spoof.id);
    expect(held.auth).toEqual({ spf: 'none', dmarc: 'fail' });
    const tickets = await count('tickets');
    const released = await budi.post(`/api/v1/mail/quarantine/${spoof.id}/release`, { version: held.version, asNewTicket: true });
    expect(released.status).toBe(200);
    expect(await count('tickets')).toBe(tickets + 1);
  });
});
