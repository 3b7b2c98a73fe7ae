import { describe, expect, it } from 'vitest';
import { actor, PLACES } from '../../../test/actors.ts';
import type { Scope } from '../../platform/authz/actor.ts';
import { canGrant, canManageUser, canReadUser, canSeePerson, managesAnyUser } from './users.policy.ts';

// Who reads and manages which people and grants, as a table: a Division Admin's powers stop at their subtree,
// only an organisation-wide manager hands out wider scopes, only an Administrator grants Administrator.
const admin = actor([['administrator', 'organisation']]);
const divisionAdmin = actor([['division_admin', 'produk']]);
const companyAdmin = actor([['division_admin', { company: 1 }]]);
const requester = actor([['requester', 'produk']]);
const aplikasi: Scope = { kind: 'unit', unitId: 2, unitPath: '/1/2/', companyId: 1 };
const devops: Scope = { kind: 'unit', unitId: 3, unitPath: '/3/', companyId: 1 };
const company1: Scope = { kind: 'company', companyId: 1 };

describe('reading and managing people', () => {
  it.each([
    ['a Division Admin, in their subtree', divisionAdmin, PLACES.aplikasi, true],
    ['a Division Admin, outside it', divisionAdmin, PLACES.devops, false],
    ['an Administrator, anywhere', admin, PLACES.ouJakarta, true],
    ['a requester', requester, PLACES.produk, false],
  ] as const)('%s → %s', (_who, a, at, may) => {
    expect(canReadUser(a, at)).toBe(may);
    expect(canManageUser(a, at)).toBe(may);
  });
  it('knows who manages anybody at all', () => {
    expect([managesAnyUser(divisionAdmin), managesAnyUser(requester)]).toEqual([true, false]);
  });
  it.each([
    ['a colleague of the same company', requester, PLACES.devops, true],
    ['someone of another company', requester, PLACES.ouJakarta, false],
    ['a reader of users there', actor([['division_admin', 'ouJakarta']]), PLACES.ouJakarta, true],
    ['an organisation-wide role', actor([['executive', 'organisation']]), PLACES.ouJakarta, true],
    [
      'an organisation-wide role beside a local one',
      actor([
        ['requester', 'produk'],
        ['executive', 'organisation'],
      ]),
      PLACES.ouJakarta,
      true,
    ],
  ] as const)('a person’s face and name: %s → %s', (_who, a, at, sees) => {
    expect(canSeePerson(a, at)).toBe(sees);
  });
});

describe('granting roles', () => {
  it.each([
    ['a Division Admin: an agent role in their subtree', divisionAdmin, PLACES.aplikasi, 'agent', aplikasi, true],
    ['a Division Admin: a role outside their subtree', divisionAdmin, PLACES.devops, 'agent', devops, false],
    ['a Division Admin: a company-wide scope', divisionAdmin, PLACES.aplikasi, 'agent', company1, false],
    ['a Division Admin: Administrator', divisionAdmin, PLACES.aplikasi, 'administrator', aplikasi, false],
    ['a company-wide manager: a company scope', companyAdmin, PLACES.devops, 'executive', company1, true],
    ['a company-wide manager: Administrator', companyAdmin, PLACES.devops, 'administrator', company1, false],
    ['an Administrator: Administrator', admin, PLACES.ouJakarta, 'administrator', { kind: 'organisation' } as Scope, true],
    ['a requester: anything', requester, PLACES.produk, 'requester', aplikasi, false],
    [
      'an organisation-wide user manager who is no Administrator: Administrator',
      actor([['division_admin', 'organisation']]),
      PLACES.produk,
      'administrator',
      company1,
      false,
    ],
    [
      'an organisation-wide user manager: a company scope',
      actor([['division_admin', 'organisation']]),
      PLACES.produk,
      'agent',
      company1,
      true,
    ],
  ] as const)('%s → %s', (_who, a, at, role, scope, may) => {
    expect(canGrant(a, at, role, scope)).toBe(may);
  });
});
