import { accessMatrix } from '../test/access-matrix.ts';

// The composition root's own route: liveness, open to everyone (load balancers call it).

export const matrix = accessMatrix({
  'GET /api/health': { call: () => '/api/health', expect: { anonymous: 200, others: '200' } },
});
