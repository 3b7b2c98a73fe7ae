/** Where an item stands: a first draft, waiting for review, orderable, or retired (an edit of a published item keeps it published). */
export type ItemState = 'draft' | 'pending_approval' | 'published' | 'retired';
export type ItemAction = 'edit' | 'submit' | 'approve' | 'reject' | 'retire';
/** Who takes a step: the providing division's Service Providers, the Catalog Managers, or either. */
export type ItemPerformer = 'provider' | 'reviewer' | 'provider_or_reviewer';
/** A condition on the item besides its state. */
export type ItemGuard = 'has_draft' | 'was_published';

export interface ItemTransition {
  action: ItemAction;
  from: readonly ItemState[];
  /** The state after the step; null: the state follows from the versions (an edit of a published item stays published). */
  to: ItemState | null;
  by: ItemPerformer;
  guard?: ItemGuard;
  /** Input the step cannot happen without. */
  requires?: readonly 'reason'[];
}

/** The catalog item lifecycle (issue 5: Service Provider → Catalog Manager) as data. */
export const ITEM_TRANSITIONS: readonly ItemTransition[] = [
  { action: 'edit', from: ['draft', 'published'], to: null, by: 'provider' },
  { action: 'submit', from: ['draft', 'published'], to: 'pending_approval', by: 'provider', guard: 'has_draft' },
  { action: 'approve', from: ['pending_approval'], to: 'published', by: 'reviewer' },
  { action: 'reject', from: ['pending_approval'], to: null, by: 'reviewer', requires: ['reason'] },
  { action: 'retire', from: ['published', 'pending_approval'], to: 'retired', by: 'provider_or_reviewer', guard: 'was_published' },
];

/** What the guards read of an item. */
export interface ItemFacts {
  state: ItemState;
  /** A working version in draft (or sent back) waits to be submitted. */
  hasDraft: boolean;
  /** A version was published once (retiring needs something to retire). */
  wasPublished: boolean;
}

/** What the actor is to the item. */
export interface ItemRoles {
  provides: boolean;
  reviews: boolean;
}

export const performs = (by: ItemPerformer, who: ItemRoles) =>
  by === 'provider' ? who.provides : by === 'reviewer' ? who.reviews : who.provides || who.reviews;

const GUARDS: Record<ItemGuard, (item: ItemFacts) => boolean> = {
  has_draft: (item) => item.hasDraft,
  was_published: (item) => item.wasPublished,
};

/** May the step be taken now, whoever asks: the item is in one of its states and meets its guard. */
export const open = (t: ItemTransition, item: ItemFacts) => t.from.includes(item.state) && (!t.guard || GUARDS[t.guard](item));

export const transitionOf = (action: ItemAction) => ITEM_TRANSITIONS.find((t) => t.action === action) as ItemTransition;

/** The steps the actor may take now; the UI offers exactly these (plus `order` for those in the audience). */
export function itemActions(item: ItemFacts, who: ItemRoles): ItemAction[] {
  return ITEM_TRANSITIONS.filter((t) => performs(t.by, who) && open(t, item)).map((t) => t.action);
}

/**
 * Why a step is refused: `forbidden` when the actor never takes it (a
 * provider approving, a Catalog Manager submitting), `not_now` when they do
 * but not in this state; null when it may be taken.
 */
export function refusal(action: ItemAction, item: ItemFacts, who: ItemRoles): 'forbidden' | 'not_now' | null {
  const t = transitionOf(action);
  if (!performs(t.by, who)) return 'forbidden';
  return open(t, item) ? null : 'not_now';
}
