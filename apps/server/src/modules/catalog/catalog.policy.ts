import { type Actor, can, type Placement } from '../../platform/authz/actor.ts';

// Who may do what with a catalog item. Deny by default.

/** Service Providers register and edit items of the divisions in their scope. */
export const canProvide = (actor: Actor, provider: Placement) => can(actor, 'catalog:provide', provider);

/** Catalog Managers publish, reject and retire. */
export const canReview = (actor: Actor) => can(actor, 'catalog:approve');

export interface Audience {
  all?: boolean;
  companyIds?: number[];
  unitPaths?: string[];
}

/** May the actor order from an item offered to `audience`? */
export function inAudience(actor: Actor, audience: Audience): boolean {
  if (audience.all) return true;
  return (audience.companyIds ?? []).includes(actor.companyId) || (audience.unitPaths ?? []).some((p) => actor.unitPath.startsWith(p));
}
