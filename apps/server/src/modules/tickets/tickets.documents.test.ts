import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let requester: Client;
let agent: Client;
let budi: number;
const dir = mkdtempSync(join(tmpdir(), 'ish-pdf-'));

beforeAll(async () => {
  t = await createTestApp();
  [requester, agent] = await Promise.all([t.actingAs('requester'), t.actingAs('agent')]);
  budi = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = 'budi@nusantara.test'`)).rows[0]?.id);
});
afterAll(() => t.close());

/** The PDF's text as pdftotext reads it. */
async function pdfText(client: Client, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: client.cookie ?? '' } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  const file = join(dir, `${Math.random()}.pdf`);
  writeFileSync(file, res.rawPayload);
  return execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
}

async function resolvedTicket() {
  const ticket = (await requester.post('/api/v1/tickets', { title: 'Jaringan lantai 2 putus', urgency: 'high', impact: 'medium' })).body;
  const started = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: budi });
  await agent.patch(`/api/v1/tickets/${ticket.id}`, {
    version: started.body.version,
    checklist: [
      { text: 'Cek kabel patch panel', done: true },
      { text: 'Ganti konektor RJ45', done: true },
    ],
  });
  const resolved = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, {
    to: 'resolved',
    solutionSummary: 'Konektor RJ45 diganti, koneksi normal.',
  });
  return resolved.body;
}

describe('documents', () => {
  it('prints the Berita Acara with number, summary, checklist, completion date and the responsible person', async () => {
    const ticket = await resolvedTicket();
    const text = await pdfText(requester, `/api/v1/tickets/${ticket.number}/document?kind=berita-acara`);
    expect(text).toContain('BERITA ACARA PENYELESAIAN PEKERJAAN');
    expect(text).toContain(ticket.number);
    expect(text).toContain('Konektor RJ45 diganti, koneksi normal.');
    expect(text).toContain('[x] Cek kabel patch panel');
    expect(text).toContain('Budi Santoso');
    expect(text).toMatch(/Tanggal selesai\s+\d{1,2} \w+ \d{4}/);
    expect(text).toContain('WIB');
    expect(text).toContain('Mengetahui');
    expect(text).toContain('Halaman 1 dari 1');
  });

  it('prints in the reader’s language', async () => {
    const ticket = await resolvedTicket();
    await t.ctx.db.execute(sql`UPDATE users SET locale = 'en' WHERE email = 'budi@nusantara.test'`);
    const english = await t.signIn('budi@nusantara.test');
    const text = await pdfText(english, `/api/v1/tickets/${ticket.id}/document?kind=berita-acara`);
    expect(text).toContain('WORK COMPLETION REPORT');
    expect(text).toContain('Responsible person');
    await t.ctx.db.execute(sql`UPDATE users SET locale = 'id' WHERE email = 'budi@nusantara.test'`);
  });

  it('prints the ticket form for an open ticket, refuses the Berita Acara before resolution, hides it from other units', async () => {
    const ticket = (
      await requester.post('/api/v1/tickets', {
        title: 'Printer macet',
        description: '<p>Kertas <b>tersangkut</b></p>',
        urgency: 'low',
        impact: 'low',
      })
    ).body;
    const text = await pdfText(requester, `/api/v1/tickets/${ticket.id}/document?kind=ticket`);
    expect(text).toContain('FORMULIR TIKET');
    expect(text).toContain('Kertas tersangkut');
    expect(text).toContain('P5 Perencanaan (1/5)');
    const early = await requester.get(`/api/v1/tickets/${ticket.id}/document?kind=berita-acara`);
    expectProblem(early, 409, 'DOCUMENT_NOT_READY');
    expect(early.body.code).toBe('DOCUMENT_NOT_READY');
    const outsider = await t.signIn('teguh@nusantara.test');
    expectProblem(await outsider.get(`/api/v1/tickets/${ticket.id}/document?kind=ticket`), 404, 'NOT_FOUND');
  });
});
