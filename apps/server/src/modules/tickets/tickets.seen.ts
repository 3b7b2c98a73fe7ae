import type { Actor } from '../../platform/authz/actor.ts';
import type { Loaded, TicketRow } from './tickets.access.ts';

/**
 * The ticket as its changer sees it once the change is made, from the row the change wrote and
 * the facts it loaded, without reading them again: watchers and the changer's teams stay as
 * they were, and `worked` says whether the change is work on the ticket (it records a work
 * entry: a status change, an internal note), which makes the changer one who worked it.
 */
export function seenAfter(actor: Actor, before: Loaded, saved: TicketRow, worked: boolean): Loaded {
  return {
    ticket: saved,
    facts: { ...saved, watcher: before.facts.watcher },
    me: { teamIds: before.me.teamIds, worked: worked || before.me.worked || saved.assigneeId === actor.userId },
  };
}
