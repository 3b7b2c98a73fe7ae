import type { Role } from '@ish/shared';
import type { Actor, Grant, Scope } from '../src/platform/authz/actor.ts';

/**
 * Actors for pure policy tests, without a database. The organisation: company 1 (units `/1/` Produk with
 * `/1/2/` Aplikasi under it, `/3/` DevOps) and company 2 (`/9/` OU Jakarta).
 */
export const PLACES = {
  produk: { companyId: 1, unitPath: '/1/' },
  aplikasi: { companyId: 1, unitPath: '/1/2/' },
  devops: { companyId: 1, unitPath: '/3/' },
  ouJakarta: { companyId: 2, unitPath: '/9/' },
} as const;
export type PlaceName = keyof typeof PLACES;

const unitIds: Record<PlaceName, number> = { produk: 1, aplikasi: 2, devops: 3, ouJakarta: 9 };

/** A grant's scope: the organisation, a company by id, or a place (its unit and sub-units). */
export type At = 'organisation' | { company: number } | PlaceName;

function scopeOf(at: At): Scope {
  if (at === 'organisation') return { kind: 'organisation' };
  if (typeof at === 'object') return { kind: 'company', companyId: at.company };
  const p = PLACES[at];
  return { kind: 'unit', unitId: unitIds[at], unitPath: p.unitPath, companyId: p.companyId };
}

/** An actor sitting in `place` (default Produk) with the given grants. */
export function actor(grants: [Role, At][], o: { id?: number; place?: PlaceName } = {}): Actor {
  const place = PLACES[o.place ?? 'produk'];
  return {
    userId: o.id ?? 100,
    email: 'orang@nusantara.test',
    name: 'Orang Uji',
    unitId: unitIds[o.place ?? 'produk'],
    unitPath: place.unitPath,
    companyId: place.companyId,
    locale: 'id',
    timeZone: null,
    sessionId: null,
    grants: grants.map(([role, at], i): Grant => ({ id: i + 1, role, scope: scopeOf(at) })),
  };
}
