import { type Actor, type Placement, scopeCovers, scopesFor } from '../../platform/authz/actor.ts';

// Who may do what with charges. Deny by default; a charge concerns two divisions, the one that asked and the one that provided.

/** Reads a division's charges (spent and earned). */
export const mayReadCharges = (actor: Actor, division: Placement) => scopesFor(actor, 'charge:read').some((s) => scopeCovers(s, division));

/** Sees a charge: reads charges of either of its divisions. */
export const maySeeCharge = (actor: Actor, requesting: Placement, providing: Placement) =>
  mayReadCharges(actor, requesting) || mayReadCharges(actor, providing);

/** Reverses a charge: manages invoices of either of its divisions. */
export const mayReverseCharge = (actor: Actor, requesting: Placement, providing: Placement) =>
  scopesFor(actor, 'invoice:manage').some((s) => scopeCovers(s, requesting) || scopeCovers(s, providing));
