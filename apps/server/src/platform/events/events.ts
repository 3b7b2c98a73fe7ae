import type { Tx } from '../db/client.ts';

/** Domain events one module announces and others react to, inside the same transaction. */
export interface DomainEventMap {
  /**
   * `slaTargets`: the ticket's own targets (a catalog item's), instead of the matching policy's.
   * The ticket may not have its number yet (it is given last, just before commit): whatever shows
   * or keeps the number (webhook payloads, messages to contacts) follows `ticket.numbered` instead.
   */
  'ticket.created': { ticketId: number; actorId: number; slaTargets?: { responseMinutes: number; resolutionMinutes: number } };
  /** A new ticket has its number: the last event of its creation, after `ticket.created` and what that caused. */
  'ticket.numbered': { ticketId: number };
  /** Any update; `changed` names the followed fields it set (status, team, assignee, priority, category, type, channel, resolution). */
  'ticket.updated': { ticketId: number; changed: string[]; version: number };
  /** `version` is the ticket's version after the change: it tells one occurrence from another. */
  'ticket.status_changed': {
    ticketId: number;
    from: string;
    to: string;
    actorId: number | null;
    version: number;
    /** `awaiting`: resolved, but the team lead validates before the requester is asked; `rejected`: the lead sent it back. */
    validation?: 'awaiting' | 'rejected';
  };
  'ticket.priority_changed': { ticketId: number };
  'ticket.first_response': { ticketId: number };
  'ticket.assigned': { ticketId: number; assigneeId: number; actorId: number | null; version: number };
  /** The person or team in charge of a ticket changed (its requester is told, SOP 002 §4.k). */
  'ticket.handler_changed': { ticketId: number; actorId: number | null; version: number };
  /** A team lead validated a resolved ticket's solution: now the requester is asked to confirm (003 §6). */
  'ticket.solution_validated': { ticketId: number; actorId: number; version: number };
  'ticket.commented': { ticketId: number; commentId: number; authorId: number; internal: boolean };
  'ticket.escalated': { ticketId: number; targetUserId: number; reason: string; actorId: number | null; version: number };
  'sla.warning': { ticketId: number; percent: number };
  'sla.breached': { ticketId: number; target: 'response' | 'resolution' };
  /** A provider submitted a catalog item's version for review (the Catalog Managers hear of it). */
  'catalog.item_submitted': { itemId: number; versionId: number; itemVersion: number; actorId: number };
  /** An approval step now waits for its approvers (`reminder`: still waiting, one day before it expires). */
  'approval.pending': { approvalId: number; reminder: boolean };
  /** A request's approval chain came to its end: every step approved, one rejected, or one expired. */
  'approval.concluded': { requestId: number; outcome: 'approved' | 'rejected' | 'expired' };
  /** The request's status followed its approval outcome (its requester hears of it). */
  'request.decided': { requestId: number; outcome: 'approved' | 'rejected' | 'expired' };
  /** A resolved ticket closes by itself soon: its requester is reminded to confirm or reply. */
  'ticket.close_reminder': { ticketId: number; requesterId: number };
  /** A ticket still waits for its requester (`occurrence` tells one reminder from the next). */
  'ticket.pending_reminder': { ticketId: number; requesterId: number; occurrence: string };

  // Refusals: a module whose records still refer to something refuses its change by throwing from the handler
  // (the whole transaction rolls back). The module that owns the thing need not know who refers to it.
  /** A unit is about to be deactivated (identity refuses while active people are placed there). */
  'unit.deactivating': { unitId: number };
  /** People are about to be named on a record (a team's lead or members): identity refuses unknown or inactive ones on `field`. */
  'people.naming': { userIds: number[]; field: string };
  /** A business calendar is about to be deactivated (the SLA module refuses while an active policy uses it). */
  'calendar.deactivating': { calendarId: number };
  /** A service request moved to another status (`version` is its version after the move). */
  'request.status_changed': { requestId: number; from: string; to: string; version: number };
  /** An invoice moved to another status (issued, paid, disputed, overdue …). */
  'invoice.status_changed': { invoiceId: number; from: string; to: string; version: number };
  /** A change moved to another status. */
  'change.status_changed': { changeId: number; from: string; to: string; version: number };
  /** A charge or a reversing charge was recorded against the requesting division. */
  'charge.recorded': { chargeId: number; requestingUnitId: number };
}

type Handler<K extends keyof DomainEventMap> = (tx: Tx, event: DomainEventMap[K]) => Promise<void>;

/**
 * Synchronous, in-transaction fan-out: a handler's writes commit or roll back
 * with the change that caused them. Work that may be slow or fail (email,
 * gateways) is queued as a job by the handler, never done here.
 */
export class DomainEvents {
  private readonly handlers = new Map<keyof DomainEventMap, Handler<never>[]>();

  on<K extends keyof DomainEventMap>(name: K, handler: Handler<K>): void {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler as Handler<never>]);
  }

  async emit<K extends keyof DomainEventMap>(tx: Tx, name: K, event: DomainEventMap[K]): Promise<void> {
    for (const handler of this.handlers.get(name) ?? []) await (handler as Handler<K>)(tx, event);
  }
}
