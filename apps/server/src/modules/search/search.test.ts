import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskFactories } from '../../../test/factories/desk.ts';
import { factories } from '../../../test/factories.ts';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let requester: Client; // siti, Produk (Nusantara)
let agent: Client; // budi
let lead: Client; // dewi
let arif: Client; // Arduo

beforeAll(async () => {
  t = await createTestApp();
  [requester, agent, lead] = await Promise.all([t.actingAs('requester'), t.actingAs('agent'), t.actingAs('team_lead')]);
  arif = await t.signIn('arif@arduo.test');
});
afterAll(() => t.close());

describe('global search', () => {
  it('finds across kinds what each caller may see, and people only for the service desk', async () => {
    const mine = (await requester.post('/api/v1/tickets', { title: 'Proyektor ruang rapat berkedip', urgency: 'low', impact: 'low' })).body;
    const theirs = (await arif.post('/api/v1/tickets', { title: 'Proyektor kantor Jakarta mati', urgency: 'low', impact: 'low' })).body;
    const draft = (await agent.post('/api/v1/knowledge/articles', { titleId: 'Menyambungkan proyektor nirkabel' })).body;
    await agent.post(`/api/v1/knowledge/articles/${draft.id}/submit`, { version: draft.version });
    const article = (await lead.post(`/api/v1/knowledge/articles/${draft.id}/approve`, { version: draft.version + 1 })).body;

    const forSiti = (await requester.get('/api/v1/search?q=proyektor')).body;
    expect(forSiti.tickets.map((x: { number: string }) => x.number)).toEqual([mine.number]);
    expect(forSiti.articles.map((a: { id: number }) => a.id)).toEqual([article.id]);
    expect(forSiti.people).toEqual([]);
    const forArif = (await arif.get('/api/v1/search?q=proyektor')).body;
    expect(forArif.tickets.map((x: { number: string }) => x.number)).toEqual([theirs.number]);

    // The service desk of Nusantara: Nusantara's tickets whatever their queue, and people by name.
    const forBudi = (await agent.get('/api/v1/search?q=proyektor')).body;
    expect(forBudi.tickets.map((x: { number: string }) => x.number)).toContain(mine.number);
    expect(forBudi.tickets.map((x: { number: string }) => x.number)).not.toContain(theirs.number);
    expect((await agent.get('/api/v1/search?q=siti')).body.people[0]).toMatchObject({ name: 'Siti Rahmawati', unit: 'Produk' });
    // Part of a number finds the ticket.
    const part = mine.number.slice(-6);
    expect((await agent.get(`/api/v1/search?q=${part}`)).body.tickets.map((x: { number: string }) => x.number)).toContain(mine.number);
  });

  it('finds catalog items one may order and one’s own service requests', async () => {
    const [andi, manager] = await Promise.all([t.actingAs('service_provider'), t.actingAs('catalog_manager')]);
    const me = (await andi.get('/api/v1/me')).body;
    const team = (await andi.get('/api/v1/teams?q=DEVOPS-SVC')).body.items[0];
    let item = (
      await andi.post('/api/v1/catalog/items', {
        providerUnitId: me.unit.id,
        teamId: team.id,
        nameId: 'Pemasangan kluster Kubernetes',
        nameEn: 'Kubernetes cluster setup',
        category: 'Infrastruktur',
        costModel: 'fixed',
        rate: 100_000,
        responseMinutes: 240,
        resolutionMinutes: 2880,
        form: [],
      })
    ).body;
    item = (await andi.post(`/api/v1/catalog/items/${item.id}/submit`, { version: item.version })).body;
    item = (await manager.post(`/api/v1/catalog/items/${item.id}/approve`, { version: item.version })).body;
    expect((await requester.get('/api/v1/search?q=kubernetes')).body.catalogItems).toEqual([
      expect.objectContaining({ id: item.id, name: 'Pemasangan kluster Kubernetes' }),
    ]);
    const request = (await requester.post('/api/v1/service-requests', { itemId: item.id, quantity: 1, answers: {} })).body;
    expect((await requester.get(`/api/v1/search?q=${request.number}`)).body.requests.map((r: { number: string }) => r.number)).toEqual([
      request.number,
    ]);
    expect((await arif.get(`/api/v1/search?q=${request.number}`)).body.requests).toEqual([]);
  });

  it('never returns what the caller may not see, of any kind', async () => {
    const f = factories(t.ctx);
    const desk = deskFactories(t.ctx, f);
    const [bigdata, jakarta] = [await f.place('BIGDATA'), await f.place('OU-JKT')];
    const arduo = jakarta.companyId;
    // One word in everything: tickets of another unit and company, a draft and another company's article, a
    // colleague's request, an item offered to another company only, a person of another company.
    const word = 'Zebrakuda';
    const otherUnit = await f.ticket(bigdata, { title: `${word} di Big Data` });
    const otherCompany = await f.ticket(jakarta, { title: `${word} di Jakarta` });
    const draft = await desk.article(bigdata, { state: 'draft', title: `${word} draf` });
    const theirs = await desk.article(jakarta, { title: `${word} khusus Arduo` });
    const offered = await f.catalogItem(bigdata, { nameId: `${word} terbatas`, audience: { companyIds: [arduo] } });
    const colleague = await f.user(bigdata);
    const ordered = await f.catalogItem(bigdata, { nameId: `${word} umum` });
    const request = await f.serviceRequest({ requesterId: colleague.id, itemId: ordered.id });
    const outsider = await f.user(jakarta, { name: `${word} Arduo` });
    const ids = (items: { id: number }[]) => items.map((x) => x.id);

    // Siti (requester, Produk) sees none of it (the request's fulfilment ticket sits in Big Data too).
    const forSiti = (await requester.get(`/api/v1/search?q=${word}&limit=20`)).body;
    expect(forSiti).toMatchObject({ tickets: [], requests: [], articles: [], people: [] });
    expect(ids(forSiti.catalogItems)).not.toContain(offered.id);
    expect(ids(forSiti.catalogItems)).toContain(ordered.id);

    // Budi (Nusantara's service desk): his company's ticket and request and the draft (he writes articles), never
    // Arduo's ticket, article, item or person.
    const forBudi = (await agent.get(`/api/v1/search?q=${word}&limit=20`)).body;
    expect(ids(forBudi.tickets)).toContain(otherUnit.id);
    expect(ids(forBudi.tickets)).not.toContain(otherCompany.id);
    expect(ids(forBudi.requests)).toContain(request.id);
    expect(ids(forBudi.articles)).toContain(draft.id);
    expect(ids(forBudi.people)).not.toContain(outsider.id);
    expect(ids(forBudi.catalogItems)).not.toContain(offered.id);

    // Arif (requester in OU Jakarta): his unit's ticket and Arduo's article, nothing of Nusantara's, and no people.
    const forArif = (await arif.get(`/api/v1/search?q=${word}&limit=20`)).body;
    expect(forArif).toMatchObject({ requests: [], people: [] });
    expect(ids(forArif.tickets)).toEqual([otherCompany.id]);
    expect(ids(forArif.articles)).toEqual([theirs.id]);
  });

  it('refuses a missing or one-letter query and anonymous callers', async () => {
    expect((await requester.get('/api/v1/search?q=a')).status).toBe(400);
    const anonymous = await t.anonymous().get('/api/v1/search?q=printer');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('UNAUTHENTICATED');
  });
});
