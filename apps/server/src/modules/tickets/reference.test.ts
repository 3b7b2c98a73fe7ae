import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let admin: Client;
let agent: Client;
let requester: Client;
let budi: number;

beforeAll(async () => {
  t = await createTestApp();
  [admin, agent, requester] = await Promise.all([t.actingAs('administrator'), t.actingAs('agent'), t.actingAs('requester')]);
  budi = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = 'budi@nusantara.test'`)).rows[0]?.id);
});
afterAll(() => t.close());

const settings = async () => (await admin.get('/api/v1/service-desk-settings')).body;
const put = async (changes: Record<string, unknown>) => {
  const { allowableTypes: _a, ...current } = await settings();
  return admin.put('/api/v1/service-desk-settings', { ...current, ...changes });
};

describe('reference data', () => {
  it('lists categories in the reader’s language and lets only Administrators change them, without cycles', async () => {
    const list = await agent.get('/api/v1/ticket-categories?pageSize=200');
    expect(list.body.items.map((c: { name: string }) => c.name)).toContain('Perangkat Keras');
    const en = await agent.get('/api/v1/ticket-categories?pageSize=200', { 'accept-language': 'en' });
    expect(en.body.items.map((c: { name: string }) => c.name)).toContain('Perangkat Keras'); // the profile language (id) wins over the header
    expect((await agent.post('/api/v1/ticket-categories', { code: 'X', nameId: 'X', nameEn: 'X' })).status).toBe(403);
    const parent = (await admin.post('/api/v1/ticket-categories', { code: 'PRN', nameId: 'Cetak', nameEn: 'Printing' })).body;
    const child = (await admin.post('/api/v1/ticket-categories', { code: 'PRN-INK', nameId: 'Tinta', nameEn: 'Ink', parentId: parent.id }))
      .body;
    const cycle = await admin.patch(`/api/v1/ticket-categories/${parent.id}`, { version: parent.version, parentId: child.id });
    expect(cycle.status).toBe(409);
    expect(cycle.body.code).toBe('CATEGORY_CYCLE');
    expect((await admin.post('/api/v1/business-services', { code: 'IPOS', name: 'Dobel' })).status).toBe(409);
  });

  it('changes the priority matrix for new tickets', async () => {
    const cells = (await agent.get('/api/v1/priority-matrix')).body.cells;
    expect(cells).toHaveLength(9);
    expect((await agent.put('/api/v1/priority-matrix', { cells })).status).toBe(403);
    const changed = cells.map((c: { urgency: string; impact: string }) =>
      c.urgency === 'low' && c.impact === 'low' ? { ...c, priority: 'P4' } : c,
    );
    expect((await admin.put('/api/v1/priority-matrix', { cells: changed })).status).toBe(200);
    expect((await admin.put('/api/v1/priority-matrix', { cells: [...changed.slice(0, 8), changed[0]] })).status).toBe(400);
    expect((await requester.post('/api/v1/tickets', { title: 'Kecil', urgency: 'low', impact: 'low' })).body.priority).toBe('P4');
  });

  it('shows Administrator status labels such as Selesai', async () => {
    const labels = await admin.put('/api/v1/ticket-status-labels', { labels: [{ status: 'resolved', locale: 'id', label: 'Selesai' }] });
    expect(labels.body.items.find((l: { status: string; locale: string }) => l.status === 'resolved' && l.locale === 'id')).toMatchObject({
      label: 'Selesai',
      custom: true,
    });
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Label', urgency: 'low', impact: 'low' })).body;
    await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: budi });
    const resolved = await agent.post(`/api/v1/tickets/${ticket.id}/transitions`, { to: 'resolved', solutionSummary: 'ok' });
    expect(resolved.body.statusLabel).toBe('Selesai');
  });

  it('numbers tickets with a 004-style pattern and refuses an invalid one', async () => {
    expect((await put({ ticketNumberPattern: 'INC-{yyyy}' })).status).toBe(400);
    expect((await put({ ticketNumberPattern: '{unit}.{dd}{mm}{yyyy}.{seq:3}' })).status).toBe(200);
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Pola', urgency: 'low', impact: 'low' })).body;
    const d = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' })
        .formatToParts(new Date())
        .map((p) => [p.type, p.value]),
    );
    expect(ticket.number).toBe(`PRODUK.${d.day}${d.month}${d.year}.001`);
    expect((await put({ ticketNumberPattern: 'INC-{yyyy}-{seq:6}' })).status).toBe(200);
  });

  it('applies the attachment policy', async () => {
    expect((await put({ attachmentTypes: ['text/html'] })).status).toBe(400);
    expect((await put({ attachmentTypes: ['application/pdf'] })).status).toBe(200);
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Lampiran', urgency: 'low', impact: 'low' })).body;
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    expect(
      (await requester.upload(`/api/v1/tickets/${ticket.id}/attachments`, { name: 'a.png', type: 'image/png', data: png })).status,
    ).toBe(415);
    expect((await agent.get('/api/v1/service-desk-settings')).status).toBe(403);
  });
});
