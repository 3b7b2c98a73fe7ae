import { accessMatrix } from '../../../test/access-matrix.ts';

// The audit log: read by Administrators (audit:read) only.

export const matrix = accessMatrix({
  'GET /audit': { call: () => '/audit', expect: { anonymous: 401, administrator: '200', others: '403' } },
  'GET /audit/actions': { call: () => '/audit/actions', expect: { anonymous: 401, administrator: '200', others: '403' } },
  'GET /audit/export.csv': { call: () => '/audit/export.csv', expect: { anonymous: 401, administrator: '200', others: '403' } },
});
