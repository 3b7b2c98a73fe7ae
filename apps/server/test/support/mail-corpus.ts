import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { IngestResult } from '../../src/modules/mail-intake/index.ts';
import { htmlToText } from '../../src/platform/security/html.ts';
import { CORPUS, type Expectation } from '../fixtures/mail/corpus.ts';
import type { Client, TestApp } from '../harness.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/mail');

/** Sets up email intake as an Administrator would: the helpdesk address, PT Nusantara's IT unit and Service Desk for unknown senders. */
export async function configureMailIntake(t: TestApp, admin: Client, imap?: { port: number; user: string; password: string }) {
  const { rows } = await t.ctx.db.execute<{ company: number; unit: number; team: number }>(sql`
    SELECT c.id AS company, u.id AS unit, tm.id AS team FROM companies c JOIN units u ON u.company_id = c.id AND u.code = 'IT'
    JOIN teams tm ON tm.code = 'SD' WHERE c.code = 'NDS'`);
  const ids = rows[0] as { company: number; unit: number; team: number };
  const current = (await admin.get('/api/v1/settings/mail-intake')).body;
  const res = await admin.put('/api/v1/settings/mail-intake', {
    version: current.version,
    helpdeskAddress: 'helpdesk@nusantara.test',
    companyId: ids.company,
    unitId: ids.unit,
    teamId: ids.team,
    unknownSenders: 'contact',
    perSenderPerHour: 50,
    imap: imap
      ? { enabled: true, host: '127.0.0.1', port: imap.port, secure: false, user: imap.user, password: imap.password, folder: 'INBOX' }
      : { enabled: false, host: '', port: 993, secure: true, user: '', folder: 'INBOX' },
  });
  if (res.status !== 200) throw new Error(`mail intake settings: ${res.status} ${res.text}`);
  return ids;
}

/** A fixture's bytes with CRLF line ends and `{{number:…}}` filled in from the tickets earlier fixtures opened. */
export function fixture(file: string, numbers: Map<string, { id: number; number: string }>): Buffer {
  let data = readFileSync(join(FIXTURES, `${file}.eml`));
  const text = data.toString('latin1').replace(/\{\{number:([\w-]+)\}\}/g, (_m, ref: string) => {
    const found = numbers.get(ref);
    if (!found) throw new Error(`${file} names ${ref}, which opened no ticket`);
    return found.number;
  });
  data = Buffer.from(text, 'latin1');
  return Buffer.from(data.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

/** The envelope sender a fixture was sent with: its Return-Path ('' for `<>`). */
export function envelopeFrom(raw: Buffer): string {
  const match = /^Return-Path:\s*<([^>]*)>/im.exec(raw.toString('latin1'));
  return match?.[1] ?? '';
}

/**
 * The table-driven corpus test: every fixture is delivered (over SMTP or IMAP,
 * by `deliver`) in order, and what became of it is checked against its
 * expectation in `corpus.ts`, in the database the service desk works on.
 */
export function corpusTests(
  getApp: () => { t: TestApp; agent: Client; requester: Client },
  deliver: (raw: Buffer) => Promise<IngestResult>,
) {
  const numbers = new Map<string, { id: number; number: string }>();
  const one = async <T>(query: ReturnType<typeof sql>) => {
    const { t } = getApp();
    return (await t.ctx.db.execute<T & Record<string, unknown>>(query)).rows[0] as T;
  };
  const count = async (table: 'tickets' | 'notification_deliveries') =>
    (await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`)).n;

  async function closeTicket(ref: string) {
    const { agent, t } = getApp();
    const ticket = numbers.get(ref);
    if (!ticket) throw new Error(`no ticket for ${ref}`);
    const budi = (await one<{ id: number }>(sql`SELECT id FROM users WHERE email = 'budi@nusantara.test'`)).id;
    await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: budi });
    await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'resolved', solutionSummary: 'Kipas switch diganti.' });
    const eko = await t.signIn('eko@nusantara.test');
    expect((await eko.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'closed' })).status).toBe(200);
  }

  async function check(e: Expectation, result: IngestResult, before: { tickets: number; deliveries: number }) {
    expect([result.outcome, result.reason ?? undefined]).toEqual([e.outcome, e.reason]);
    if (e.outcome === 'dropped' || e.outcome === 'duplicate') {
      // Nothing happens: no ticket, and nobody is told (no mail loop).
      expect(await count('tickets')).toBe(before.tickets);
      expect(await count('notification_deliveries')).toBe(before.deliveries);
      return;
    }
    if (e.outcome === 'quarantined') {
      expect(result.ticketId).toBe(e.into ? numbers.get(e.into)?.id : null);
      expect(await count('tickets')).toBe(before.tickets);
      const held = await one<{ raw_file_id: number | null }>(sql`SELECT raw_file_id FROM inbound_mail WHERE id = ${result.id}`);
      expect(held.raw_file_id).not.toBeNull();
      return;
    }
    const ticketId = result.ticketId as number;
    let commentId: number | null = null;
    if (e.outcome === 'created') {
      expect(await count('tickets')).toBe(before.tickets + 1);
      numbers.set(e.file, { id: ticketId, number: result.ticketNumber as string });
      const ticket = await one<{ title: string; description_html: string; channel: string; requester: string; contact: string | null }>(sql`
        SELECT t.title, t.description_html, t.channel, u.email AS requester, c.email AS contact FROM tickets t
        JOIN users u ON u.id = t.requester_id LEFT JOIN ticket_contacts tc ON tc.ticket_id = t.id LEFT JOIN contacts c ON c.id = tc.contact_id
        WHERE t.id = ${ticketId}`);
      expect(ticket.channel).toBe('email');
      if (e.requester) expect(e.requester.startsWith('contact:') ? `contact:${ticket.contact}` : ticket.requester).toBe(e.requester);
      if (e.title) expect(ticket.title).toBe(e.title);
      expect(ticket.title.length).toBeLessThanOrEqual(200);
      checkText(e, ticket.description_html);
    } else {
      expect(ticketId).toBe(numbers.get(e.into as string)?.id);
      const comment = await one<{ id: number; body_html: string; author: string; contact_name: string | null }>(sql`
        SELECT c.id, c.body_html, u.email AS author, e.data->>'contactName' AS contact_name FROM ticket_comments c
        JOIN users u ON u.id = c.author_id
        JOIN ticket_events e ON e.ticket_id = c.ticket_id AND e.kind = 'comment' AND (e.data->>'commentId')::bigint = c.id
        WHERE c.ticket_id = ${ticketId} ORDER BY c.id DESC LIMIT 1`);
      if (e.author) expect(e.author.startsWith('contact:') ? `contact:${comment.contact_name}` : comment.author).toBe(e.author);
      checkText(e, comment.body_html);
      commentId = comment.id;
    }
    // The original message stays with the ticket (with the reply it brought), for the service desk only.
    const files = (
      await getApp().t.ctx.db.execute<{ name: string; internal: boolean; content_type: string }>(sql`
        SELECT display_name AS name, internal, content_type FROM ticket_attachments
        WHERE ticket_id = ${ticketId} AND ${commentId === null ? sql`true` : sql`comment_id = ${commentId}`} ORDER BY id`)
    ).rows;
    expect(files.filter((f) => f.content_type === 'message/rfc822').map((f) => f.internal)).toEqual([true]);
    if (e.files)
      expect(
        files
          .filter((f) => !f.internal)
          .map((f) => f.name)
          .sort(),
      ).toEqual([...e.files].sort());
    if (e.refused) {
      const noted = await one<{ names: string[] }>(
        sql`SELECT data->'names' AS names FROM ticket_events WHERE ticket_id = ${ticketId} AND kind = 'attachment_refused' ORDER BY id DESC LIMIT 1`,
      );
      expect(noted.names).toEqual(e.refused);
    }
  }

  function checkText(e: Expectation, html: string) {
    const text = htmlToText(html);
    for (const s of e.text ?? []) expect(text).toContain(s);
    for (const s of e.lacks ?? []) expect(text).not.toContain(s);
    for (const s of e.htmlLacks ?? []) expect(html).not.toContain(s);
  }

  for (const e of CORPUS) {
    it(`${e.file} → ${e.outcome}${e.reason ? ` (${e.reason})` : ''}${e.into ? ` ${e.into}` : ''}`, async () => {
      if (e.before?.close) await closeTicket(e.before.close);
      const before = { tickets: await count('tickets'), deliveries: await count('notification_deliveries') };
      await check(e, await deliver(fixture(e.file, numbers)), before);
    });
  }
}
