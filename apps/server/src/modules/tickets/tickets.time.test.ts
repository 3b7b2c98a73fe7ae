import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Factories, factories } from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { manualClock } from '../../platform/time/clock.ts';

// The organisation clock: what is dated follows the calendar of the company it belongs to, at the context's "now".
const clock = manualClock('2026-12-31T16:30:00Z'); // 23.30 WIB on 31 December, 00.30 WITA on 1 January
let t: TestApp;
let f: Factories;

beforeAll(async () => {
  t = await createTestApp({ clock });
  f = factories(t.ctx);
});
afterAll(() => t.close());

describe('time in the company’s zone', () => {
  it('numbers a ticket by the year of its requester’s company calendar, at the context’s now', async () => {
    const jakarta = await (await t.signIn('siti@nusantara.test')).post('/api/v1/tickets', { title: 'Proyektor ruang rapat mati' });
    const makassar = await (await t.signIn('arif@arduo.test')).post('/api/v1/tickets', { title: 'Printer OU Jakarta macet' });
    expect(jakarta.body.number).toMatch(/^INC-2026-\d{6}$/);
    expect(makassar.body.number).toMatch(/^INC-2027-\d{6}$/);
    expect(jakarta.body.createdAt).toBe('2026-12-31T16:30:00.000Z');
  });

  it('counts the dashboard’s default month in the reader’s company calendar', async () => {
    const nds = await (await t.signIn('siti@nusantara.test')).get('/api/v1/tickets/counts');
    expect([nds.body.from, nds.body.to]).toEqual(['2026-12-01', '2026-12-31']);
    const aki = await (await t.signIn('arif@arduo.test')).get('/api/v1/tickets/counts');
    expect([aki.body.from, aki.body.to]).toEqual(['2027-01-01', '2027-01-31']);
  });

  it('offers each division’s charges from its company’s current month', async () => {
    const admin = await t.actingAs('administrator');
    const divisions = (await admin.get('/api/v1/charges/divisions')).body.items as { id: number; currentPeriod: string }[];
    const byId = new Map(divisions.map((d) => [d.id, d.currentPeriod]));
    expect(byId.get((await f.place('DEVOPS')).unitId)).toBe('2026-12');
    expect(byId.get((await f.place('OU-JKT')).unitId)).toBe('2027-01');
  });
});
