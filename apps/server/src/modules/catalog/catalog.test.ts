import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, expectProblem, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let devopsProvider: Client; // andi, Service Provider of DevOps
let bigDataProvider: Client; // lina, Service Provider of Big Data
let manager: Client; // rina, Catalog Manager
let requester: Client; // siti, Produk
const unit: Record<string, number> = {};

beforeAll(async () => {
  t = await createTestApp();
  [devopsProvider, manager, requester] = await Promise.all([
    t.actingAs('service_provider'),
    t.actingAs('catalog_manager'),
    t.actingAs('requester'),
  ]);
  bigDataProvider = await t.signIn('lina@nusantara.test');
  for (const r of (await t.ctx.db.execute<{ id: number; code: string }>(sql`SELECT id, code FROM units`)).rows) unit[r.code] = Number(r.id);
});
afterAll(() => t.close());

const vm = (overrides: Record<string, unknown> = {}) => ({
  providerUnitId: unit.DEVOPS,
  nameId: 'Penyediaan VM',
  nameEn: 'VM provisioning',
  descriptionId: 'Mesin virtual siap pakai.',
  category: 'Infrastruktur',
  costModel: 'per_unit',
  rate: 750_000,
  unitLabel: 'VM',
  responseMinutes: 240,
  resolutionMinutes: 1440,
  form: [
    {
      key: 'os',
      type: 'choice',
      labelId: 'Sistem operasi',
      labelEn: 'Operating system',
      required: true,
      options: [
        { value: 'ubuntu', labelId: 'Ubuntu', labelEn: 'Ubuntu' },
        { value: 'rhel', labelId: 'RHEL', labelEn: 'RHEL' },
      ],
    },
    { key: 'purpose', type: 'long_text', labelId: 'Keperluan', labelEn: 'Purpose' },
  ],
  ...overrides,
});

describe('catalog publishing', () => {
  it('lets a provider register only for their own division', async () => {
    const mine = await devopsProvider.post('/api/v1/catalog/items', vm());
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({
      state: 'draft',
      code: expect.stringMatching(/^SVC-\d{4}$/),
      allowedActions: expect.arrayContaining(['edit', 'submit']),
    });
    expectProblem(await devopsProvider.post('/api/v1/catalog/items', vm({ providerUnitId: unit.BIGDATA })), 403, 'FORBIDDEN');
    expectProblem(await requester.post('/api/v1/catalog/items', vm()), 403, 'FORBIDDEN');
    // Big Data cannot see a DevOps draft at all, let alone edit it.
    expect((await bigDataProvider.patch(`/api/v1/catalog/items/${mine.body.id}`, { version: mine.body.version, rate: 1 })).status).toBe(
      404,
    );
    const bigData = await bigDataProvider.post(
      '/api/v1/catalog/items',
      vm({
        providerUnitId: unit.BIGDATA,
        nameId: 'Ekstraksi data',
        nameEn: 'Data extraction',
        costModel: 'per_hour',
        rate: 250_000,
        unitLabel: 'jam',
      }),
    );
    expect(bigData.status).toBe(201);
  });

  it('validates money and forms', async () => {
    expectProblem(await devopsProvider.post('/api/v1/catalog/items', vm({ rate: 2.5 })), 400, 'VALIDATION_FAILED');
    expectProblem(
      await devopsProvider.post(
        '/api/v1/catalog/items',
        vm({ form: [{ key: 'x', type: 'choice', labelId: 'X', labelEn: 'X', options: [] }] }),
      ),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await devopsProvider.post(
        '/api/v1/catalog/items',
        vm({
          form: [
            { key: 'a', type: 'short_text', labelId: 'A', labelEn: 'A' },
            { key: 'a', type: 'number', labelId: 'B', labelEn: 'B' },
          ],
        }),
      ),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('is published only by a Catalog Manager, with a rejection sending it back to draft', async () => {
    const item = (await devopsProvider.post('/api/v1/catalog/items', vm({ nameId: 'Backup harian', nameEn: 'Daily backup' }))).body;
    const submitted = await devopsProvider.post(`/api/v1/catalog/items/${item.id}/submit`, { version: item.version });
    expect(submitted.body.state).toBe('pending_approval');
    // Providers never approve (403); a requester cannot even act on catalog items (403 before the item is read).
    const ownApproval = await devopsProvider.post(`/api/v1/catalog/items/${item.id}/approve`, { version: submitted.body.version });
    expect([ownApproval.status, ownApproval.body.code]).toEqual([403, 'FORBIDDEN']);
    const byRequester = await requester.post(`/api/v1/catalog/items/${item.id}/approve`, { version: submitted.body.version });
    expect([byRequester.status, byRequester.body.code]).toEqual([403, 'FORBIDDEN']);
    // A Catalog Manager may approve, but not what is not waiting for review (409), and never submits (403).
    const resubmit = await manager.post(`/api/v1/catalog/items/${item.id}/submit`, { version: submitted.body.version });
    expect([resubmit.status, resubmit.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await manager.get('/api/v1/catalog/items?view=review')).body.items.map((i: { id: number }) => i.id)).toContain(item.id);
    // While it waits for review it stays on its provider's own list, and only there.
    const ids = async (client: Client) => (await client.get('/api/v1/catalog/items?view=mine')).body.items.map((i: { id: number }) => i.id);
    expect(await ids(devopsProvider)).toContain(item.id);
    expect(await ids(bigDataProvider)).not.toContain(item.id);
    expectProblem(await devopsProvider.get('/api/v1/catalog/items?view=review'), 403, 'FORBIDDEN');
    const noReason = await manager.post(`/api/v1/catalog/items/${item.id}/reject`, { version: submitted.body.version });
    expect([noReason.status, noReason.body.code]).toEqual([400, 'REASON_REQUIRED']);
    const rejected = await manager.post(`/api/v1/catalog/items/${item.id}/reject`, {
      version: submitted.body.version,
      reason: 'Lengkapi deskripsi.',
    });
    expect(rejected.body).toMatchObject({ state: 'draft', working: { rejectionReason: 'Lengkapi deskripsi.' } });
    const again = await devopsProvider.post(`/api/v1/catalog/items/${item.id}/submit`, { version: rejected.body.version });
    const published = await manager.post(`/api/v1/catalog/items/${item.id}/approve`, { version: again.body.version });
    expect(published.body).toMatchObject({ state: 'published', published: { number: 1, state: 'published' }, working: null });
    // Nothing waits for review now: approving again is not a step of this state.
    const twice = await manager.post(`/api/v1/catalog/items/${item.id}/approve`, { version: published.body.version });
    expect([twice.status, twice.body.code]).toEqual([409, 'CATALOG_TRANSITION_NOT_ALLOWED']);
    expect((await requester.get('/api/v1/catalog/items')).body.items.map((i: { id: number }) => i.id)).toContain(item.id);
  });

  it('tells the Catalog Managers, in the app and by email, that an item waits for their review (issue 16 point 9)', async () => {
    const item = (await devopsProvider.post('/api/v1/catalog/items', vm({ nameId: 'Pemantauan log', nameEn: 'Log monitoring' }))).body;
    const notices = async () =>
      (
        await t.ctx.db.execute<{ email: string; channel: string }>(sql`
          SELECT u.email, d.channel FROM notification_deliveries d JOIN users u ON u.id = d.user_id
          WHERE d.event = 'item_review_requested' AND d.variables->>'number' = ${item.code} ORDER BY u.email, d.channel`)
      ).rows;
    expect(await notices()).toEqual([]); // a draft is nobody's business yet
    const submitted = (await devopsProvider.post(`/api/v1/catalog/items/${item.id}/submit`, { version: item.version })).body;
    expect(await notices()).toEqual([
      { email: 'rina@nusantara.test', channel: 'email' },
      { email: 'rina@nusantara.test', channel: 'in_app' },
    ]);
    const inbox = (await manager.get('/api/v1/notifications')).body.items as { title: string; link: string }[];
    expect(inbox.find((n) => n.link === `/catalog/items/${item.id}`)?.title).toBe(
      `[${item.code}] Layanan menunggu tinjauan: Pemantauan log`,
    );
    // Sent back and submitted again: told again.
    const rejected = (await manager.post(`/api/v1/catalog/items/${item.id}/reject`, { version: submitted.version, reason: 'Tambah SLA.' }))
      .body;
    await devopsProvider.post(`/api/v1/catalog/items/${item.id}/submit`, { version: rejected.version });
    expect((await notices()).filter((n) => n.channel === 'in_app')).toHaveLength(2);
  });

  it('keeps the published version orderable while an edit is reviewed, and keeps the history', async () => {
    const item = (
      await devopsProvider.post(
        '/api/v1/catalog/items',
        vm({ nameId: 'Domain baru', nameEn: 'New domain', costModel: 'fixed', rate: 300_000, unitLabel: null }),
      )
    ).body;
    let current = (await devopsProvider.post(`/api/v1/catalog/items/${item.id}/submit`, { version: item.version })).body;
    current = (await manager.post(`/api/v1/catalog/items/${item.id}/approve`, { version: current.version })).body;
    const edited = await devopsProvider.patch(`/api/v1/catalog/items/${item.id}`, { version: current.version, rate: 350_000 });
    expect(edited.body).toMatchObject({
      state: 'published',
      published: { number: 1, rate: 300_000 },
      working: { number: 2, rate: 350_000, state: 'draft' },
    });
    expect((await requester.get(`/api/v1/catalog/items/${item.id}`)).body).toMatchObject({
      published: { rate: 300_000 },
      working: null,
      history: [],
    });
    current = (await devopsProvider.post(`/api/v1/catalog/items/${item.id}/submit`, { version: edited.body.version })).body;
    expect((await devopsProvider.patch(`/api/v1/catalog/items/${item.id}`, { version: current.version, rate: 1 })).body.code).toBe(
      'CATALOG_ITEM_IN_REVIEW',
    );
    current = (await manager.post(`/api/v1/catalog/items/${item.id}/approve`, { version: current.version })).body;
    expect(current.published).toMatchObject({ number: 2, rate: 350_000 });
    expect(current.history.map((h: { number: number; state: string }) => `${h.number}:${h.state}`)).toEqual([
      '2:published',
      '1:superseded',
    ]);
    const retired = await manager.post(`/api/v1/catalog/items/${item.id}/retire`, { version: current.version });
    expect(retired.body.state).toBe('retired');
    expect((await requester.get('/api/v1/catalog/items')).body.items.map((i: { id: number }) => i.id)).not.toContain(item.id);
    expectProblem(await requester.get(`/api/v1/catalog/items/${item.id}`), 404, 'NOT_FOUND');
    const afterRetiring = await devopsProvider.patch(`/api/v1/catalog/items/${item.id}`, { version: retired.body.version, rate: 1 });
    expect([afterRetiring.status, afterRetiring.body.code]).toEqual([409, 'CATALOG_ITEM_RETIRED']);
  });

  it('offers an item only to its audience', async () => {
    let item = (
      await devopsProvider.post(
        '/api/v1/catalog/items',
        vm({ nameId: 'Khusus Big Data', nameEn: 'Big Data only', audience: { unitIds: [unit.BIGDATA] } }),
      )
    ).body;
    item = (await devopsProvider.post(`/api/v1/catalog/items/${item.id}/submit`, { version: item.version })).body;
    await manager.post(`/api/v1/catalog/items/${item.id}/approve`, { version: item.version });
    expectProblem(await requester.get(`/api/v1/catalog/items/${item.id}`), 404, 'NOT_FOUND');
    const teguh = await t.signIn('teguh@nusantara.test');
    expect((await teguh.get(`/api/v1/catalog/items/${item.id}`)).body.allowedActions).toContain('order');
  });
});

describe('catalog categories in two languages', () => {
  it('names the category in the reader’s language, falls back to Indonesian and filters by either', async () => {
    const named = await devopsProvider.post('/api/v1/catalog/items', vm({ category: 'Jaringan kantor', categoryEn: 'Office network' }));
    expect(named.status).toBe(201);
    expect(named.body.working).toMatchObject({
      category: 'Jaringan kantor',
      categoryEn: 'Office network',
      categoryName: 'Jaringan kantor',
    });
    const untranslated = await devopsProvider.post('/api/v1/catalog/items', vm({ category: 'Keamanan kantor' }));
    expect(untranslated.body.working).toMatchObject({ categoryEn: '', categoryName: 'Keamanan kantor' });
    await t.ctx.db.execute(sql`UPDATE users SET locale = 'en' WHERE email = 'andi@nusantara.test'`);
    try {
      const english = await t.actingAs('service_provider');
      expect((await english.get(`/api/v1/catalog/items/${named.body.id}`)).body.working.categoryName).toBe('Office network');
      expect((await english.get(`/api/v1/catalog/items/${untranslated.body.id}`)).body.working.categoryName).toBe('Keamanan kantor');
      for (const category of ['Office network', 'Jaringan kantor']) {
        const found = await english.get(`/api/v1/catalog/items?view=mine&category=${encodeURIComponent(category)}`);
        expect(found.body.items.map((i: { id: number }) => i.id)).toEqual([named.body.id]);
      }
    } finally {
      await t.ctx.db.execute(sql`UPDATE users SET locale = 'id' WHERE email = 'andi@nusantara.test'`);
    }
    const edited = await devopsProvider.patch(`/api/v1/catalog/items/${untranslated.body.id}`, {
      version: untranslated.body.version,
      categoryEn: 'Office security',
    });
    expect(edited.body.working).toMatchObject({ category: 'Keamanan kantor', categoryEn: 'Office security' });
  });
});
