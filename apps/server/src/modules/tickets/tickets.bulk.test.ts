import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories, type Place } from '../../../test/factories.ts';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let f: ReturnType<typeof factories>;
let lead: Client; // dewi, lead of Service Desk
let requester: Client; // siti, unit PRODUK
let dewi: number;
let produk: Place;

beforeAll(async () => {
  t = await createTestApp();
  f = factories(t.ctx);
  [lead, requester] = await Promise.all([t.actingAs('team_lead'), t.actingAs('requester')]);
  dewi = await f.userId('dewi@nusantara.test');
  produk = await f.place('PRODUK');
});
afterAll(() => t.close());

/** Tickets of Produk being worked by the lead. */
const working = (n: number) =>
  Promise.all(Array.from({ length: n }, () => f.ticket(produk, { status: 'in_progress', assigneeId: dewi, startedAt: new Date() })));
const read = async (id: number) => (await lead.get(`/api/v1/tickets/${id}`)).body;
const byId = (results: { id: number; ok: boolean; code?: string }[]) => new Map(results.map((r) => [r.id, r]));

describe('bulk pend and resolve', () => {
  it('puts three tickets on hold with one pending reason', async () => {
    const three = await working(3);
    const res = await lead.post('/api/v1/tickets/bulk', {
      ids: three.map((x) => x.id),
      status: 'pending',
      pendingReason: 'vendor',
      reason: 'Menunggu suku cadang dari vendor',
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual(three.map((x) => ({ id: x.id, ok: true })));
    for (const x of three) expect(await read(x.id)).toMatchObject({ status: 'pending', pendingReason: 'vendor' });
  });

  it('resolves tickets with one solution summary, refusing on its own the ticket the lead may not work', async () => {
    const two = await working(2);
    // Another company's ticket the lead watches: visible to her, not hers to work.
    const elsewhere = await f.ticket(await f.place('OU-JKT'), { status: 'in_progress', watcherIds: [dewi] });
    const res = await lead.post('/api/v1/tickets/bulk', {
      ids: [two[0]?.id, elsewhere.id, two[1]?.id],
      status: 'resolved',
      solutionSummary: 'Driver printer dipasang ulang.',
      fulfilment: 'temporary',
    });
    expect(res.status).toBe(200);
    const results = byId(res.body.results);
    for (const x of two) expect(results.get(x.id)).toEqual({ id: x.id, ok: true });
    expect(results.get(elsewhere.id)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    for (const x of two)
      expect(await read(x.id)).toMatchObject({
        status: 'resolved',
        solutionSummary: 'Driver printer dipasang ulang.',
        fulfilment: 'temporary',
      });
    expect((await read(elsewhere.id)).status).toBe('in_progress');
  });

  it('refuses the whole change, naming the field, when the pending reason or solution is missing', async () => {
    const two = await working(2);
    const ids = two.map((x) => x.id);
    const noReason = await lead.post('/api/v1/tickets/bulk', { ids, status: 'pending', reason: 'Menunggu' });
    expectProblem(noReason, 400, 'PENDING_REASON_REQUIRED');
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'pendingReason' })]);
    expect(noReason.body.detail).toMatch(/alasan menunggu/i);
    const blank = await lead.post('/api/v1/tickets/bulk', { ids, status: 'resolved', solutionSummary: '   ' });
    expectProblem(blank, 400, 'SOLUTION_REQUIRED');
    expect(blank.body.errors).toEqual([expect.objectContaining({ path: 'solutionSummary' })]);
    for (const x of two) expect(await read(x.id)).toMatchObject({ status: 'in_progress', version: x.version });
  });

  it('refuses a requester before reading the tickets', async () => {
    const [mine] = await working(1);
    const res = await requester.post('/api/v1/tickets/bulk', { ids: [mine?.id], status: 'resolved', solutionSummary: 'Sudah beres.' });
    expectProblem(res, 403, 'FORBIDDEN');
    expect((await read(mine?.id as number)).status).toBe('in_progress');
  });
});
