import { accessMatrix } from '../../../test/access-matrix.ts';

// Global search: open to everyone signed in; every kind applies its own row rules (search.test.ts proves
// nothing out of the caller's reach comes back).

export const matrix = accessMatrix({
  'GET /search': { call: () => '/search?q=printer', expect: { anonymous: 401, others: '200' } },
});
