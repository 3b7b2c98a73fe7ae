import { accessMatrix } from '../test/access-matrix.ts';

// The composition root's own routes: liveness and readiness, open to everyone (load balancers call them).

export const matrix = accessMatrix({
  'GET /api/health': { call: () => '/api/health', expect: { anonymous: 200, others: '200' } },
  'GET /api/ready': { call: () => '/api/ready', expect: { anonymous: 200, others: '200' } },
});
