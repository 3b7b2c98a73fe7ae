import { accessMatrix, type Cell } from '../../../test/access-matrix.ts';

// The service catalog (catalog.policy.ts): providers register and edit items of their divisions, Catalog
// Managers publish, reject and retire; a published item is seen by its audience (here: the providing
// division's company), a draft by its providers and Catalog Managers; an item the caller may not see answers 404.

/** A published item of the cell's place, offered to that place's company. */
const offered = (c: Cell) => c.shared('item', () => c.f.catalogItem(c.place, { audience: { companyIds: [c.place.companyId] } }));

export const matrix = accessMatrix({
  'GET /catalog/items': { call: () => '/catalog/items', expect: { anonymous: 401, others: '200' } },
  'GET /catalog/provider-divisions': {
    call: () => '/catalog/provider-divisions',
    expect: { anonymous: 401, service_provider: '200', administrator: '200', others: '403' },
  },
  'POST /catalog/items': {
    call: (c) => ({
      path: '/catalog/items',
      body: {
        providerUnitId: c.place.unitId,
        nameId: 'Pemasangan printer',
        nameEn: 'Printer setup',
        category: 'Perangkat',
        costModel: 'fixed',
        rate: 150_000,
        responseMinutes: 240,
        resolutionMinutes: 1440,
      },
    }),
    expect: { anonymous: 401, service_provider: '201 403 403', administrator: '201', others: '403' },
  },
  'GET /catalog/items/{id}': {
    call: async (c) => `/catalog/items/${(await offered(c)).id}`,
    expect: { anonymous: 401, catalog_manager: '200', administrator: '200', others: '200 200 404' },
  },
  'PATCH /catalog/items/{id}': {
    call: async (c) => ({
      path: `/catalog/items/${(await c.f.catalogItem(c.place, { state: 'draft' })).id}`,
      body: { version: 1, nameEn: 'VPN for staff' },
    }),
    expect: { anonymous: 401, service_provider: '200 404 404', administrator: '200', others: '403' },
  },
  'POST /catalog/items/{id}/submit': {
    call: async (c) => ({ path: `/catalog/items/${(await c.f.catalogItem(c.place, { state: 'draft' })).id}/submit`, body: { version: 1 } }),
    expect: { anonymous: 401, service_provider: '200 404 404', administrator: '200', others: '403' },
  },
  'POST /catalog/items/{id}/approve': {
    call: async (c) => ({
      path: `/catalog/items/${(await c.f.catalogItem(c.place, { state: 'pending_approval' })).id}/approve`,
      body: { version: 1 },
    }),
    expect: { anonymous: 401, service_provider: '403 404 404', catalog_manager: '200', administrator: '200', others: '403' },
  },
  'POST /catalog/items/{id}/reject': {
    call: async (c) => ({
      path: `/catalog/items/${(await c.f.catalogItem(c.place, { state: 'pending_approval' })).id}/reject`,
      body: { version: 1, reason: 'Tarif belum disepakati' },
    }),
    expect: { anonymous: 401, service_provider: '403 404 404', catalog_manager: '200', administrator: '200', others: '403' },
  },
  'POST /catalog/items/{id}/retire': {
    call: async (c) => ({ path: `/catalog/items/${(await c.f.catalogItem(c.place)).id}/retire`, body: { version: 1 } }),
    expect: { anonymous: 401, service_provider: '200 403 403', catalog_manager: '200', administrator: '200', others: '403' },
  },
});
