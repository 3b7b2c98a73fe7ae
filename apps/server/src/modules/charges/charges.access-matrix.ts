import { accessMatrix, type Cell } from '../../../test/access-matrix.ts';

// Charges between divisions (charges.policy.ts): read by those who read charges of the division (spent or
// earned); a division outside the reader's scope answers 404. Reversals are for those who manage invoices
// of either division. The demo Billing Administrator reads and manages the charges of her whole company (DevOps,
// the provider of every cell's charge, included).

/** A charge the cell's place owes DevOps for a request fulfilled there. */
async function charged(c: Cell) {
  const provider = await c.f.place('DEVOPS');
  const item = await c.f.catalogItem(provider);
  const requester = await c.f.user(c.place);
  const request = await c.f.serviceRequest({ requesterId: requester.id, itemId: item.id });
  return c.f.charge({
    requestId: request.id,
    requestingUnitId: c.place.unitId,
    providingUnitId: provider.unitId,
    itemId: item.id,
    versionId: item.version.id,
  });
}

export const matrix = accessMatrix({
  'GET /charges/divisions': {
    call: () => '/charges/divisions',
    expect: { anonymous: 401, billing_coordinator: '200', billing_admin: '200', executive: '200', administrator: '200', others: '403' },
  },
  'GET /charges': {
    call: (c) => `/charges?division=${c.place.unitId}&period=2026-11`,
    expect: {
      anonymous: 401,
      billing_coordinator: '200 404 404',
      billing_admin: '200 200 404',
      executive: '200',
      administrator: '200',
      others: '403',
    },
  },
  'POST /charges/{id}/reverse': {
    call: async (c) => ({ path: `/charges/${(await charged(c)).id}/reverse`, body: { reason: 'Dibebankan dua kali' } }),
    expect: { anonymous: 401, billing_coordinator: '204 404 404', billing_admin: '204', administrator: '204', others: '403' },
  },
});
