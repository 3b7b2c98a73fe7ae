import { accessMatrix } from '../../../test/access-matrix.ts';

// Approval chains: Administrators see and set any division's, a Division Admin his own division's; for
// anyone else a division's chain does not exist (404).

export const matrix = accessMatrix({
  'GET /approval-chains': {
    call: () => '/approval-chains',
    expect: { anonymous: 401, division_admin: '200', administrator: '200', others: '403' },
  },
  'GET /approval-chains/{id}': {
    call: (c) => `/approval-chains/${c.place.unitId}`,
    expect: { anonymous: 401, division_admin: '200 404 404', administrator: '200', others: '403' },
  },
  'PUT /approval-chains/{id}': {
    call: (c) => ({
      path: `/approval-chains/${c.place.unitId}`,
      body: {
        steps: [
          { position: 1, threshold: 5_000_000, role: 'approver', userIds: [], expiryDays: 3 },
          { position: 2, threshold: 50_000_000, role: 'billing_coordinator', userIds: [], expiryDays: 3 },
        ],
      },
    }),
    expect: { anonymous: 401, division_admin: '204 404 404', administrator: '204', others: '403' },
  },
});
