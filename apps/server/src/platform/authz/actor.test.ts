import { describe, expect, it } from 'vitest';
import { actor, PLACES } from '../../../test/actors.ts';
import { assertCan, can, hasRole, permissionsOf, type Scope, scopeContains, scopeCovers, scopesFor } from './actor.ts';

const org: Scope = { kind: 'organisation' };
const company1: Scope = { kind: 'company', companyId: 1 };
const produk: Scope = { kind: 'unit', unitId: 1, unitPath: '/1/', companyId: 1 };
const aplikasi: Scope = { kind: 'unit', unitId: 2, unitPath: '/1/2/', companyId: 1 };
const ouJakarta: Scope = { kind: 'unit', unitId: 9, unitPath: '/9/', companyId: 2 };

describe('scopes', () => {
  it.each([
    [org, PLACES.ouJakarta, true],
    [company1, PLACES.devops, true],
    [company1, PLACES.ouJakarta, false],
    [produk, PLACES.aplikasi, true],
    [aplikasi, PLACES.produk, false],
    [produk, PLACES.devops, false],
  ] as const)('%o covers %o: %s', (scope, place, covers) => {
    expect(scopeCovers(scope, place)).toBe(covers);
  });

  it.each([
    [org, org, true],
    [org, ouJakarta, true],
    [company1, org, false],
    [company1, company1, true],
    [company1, { kind: 'company', companyId: 2 } as Scope, false],
    [company1, aplikasi, true],
    [company1, ouJakarta, false],
    [produk, aplikasi, true],
    [aplikasi, produk, false],
    [produk, company1, false],
    [produk, org, false],
  ] as const)('%o contains %o: %s', (outer, inner, contains) => {
    expect(scopeContains(outer, inner)).toBe(contains);
  });
});

describe('permissions', () => {
  const yuni = actor([
    ['billing_coordinator', 'produk'],
    ['requester', 'produk'],
  ]);
  it('holds a permission where a grant’s role carries it, and nowhere else', () => {
    expect(can(yuni, 'invoice:manage')).toBe(true);
    expect(can(yuni, 'invoice:manage', PLACES.aplikasi)).toBe(true);
    expect(can(yuni, 'invoice:manage', PLACES.devops)).toBe(false);
    expect(can(yuni, 'ticket:work')).toBe(false);
    expect(scopesFor(yuni, 'ticket:read')).toEqual([produk]);
    expect(scopesFor(yuni, 'charge:read')).toEqual([produk]);
  });
  it('lists the union of its roles’ permissions once each, sorted', () => {
    const perms = permissionsOf(yuni);
    expect(perms).toEqual([...new Set(perms)].sort());
    expect(perms).toEqual(expect.arrayContaining(['charge:read', 'invoice:manage', 'request:approve', 'ticket:create']));
    expect(perms).not.toContain('ticket:work');
  });
  it('refuses with 403 FORBIDDEN where the permission is missing', () => {
    expect(() => assertCan(yuni, 'invoice:manage', PLACES.produk)).not.toThrow();
    expect(() => assertCan(yuni, 'invoice:manage', PLACES.devops)).toThrow(expect.objectContaining({ status: 403, code: 'FORBIDDEN' }));
  });
  it('knows which roles are held', () => {
    expect(hasRole(yuni, 'billing_coordinator')).toBe(true);
    expect(hasRole(yuni, 'administrator')).toBe(false);
  });
});
