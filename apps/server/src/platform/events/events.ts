import type { Tx } from '../db/client.ts';

/** Domain events one module announces and others react to, inside the same transaction. */
export interface DomainEventMap {
  'ticket.created': { ticketId: number; actorId: number };
  /** `version` is the ticket's version after the change: it tells one occurrence from another. */
  'ticket.status_changed': { ticketId: number; from: string; to: string; actorId: number | null; version: number };
  'ticket.priority_changed': { ticketId: number };
  'ticket.first_response': { ticketId: number };
  'ticket.assigned': { ticketId: number; assigneeId: number; actorId: number | null; version: number };
  'ticket.commented': { ticketId: number; commentId: number; authorId: number; internal: boolean };
  'ticket.escalated': { ticketId: number; targetUserId: number; reason: string; actorId: number | null; version: number };
  'sla.warning': { ticketId: number; percent: number };
  'sla.breached': { ticketId: number; target: 'response' | 'resolution' };
  /** An approval step now waits for its approvers (`reminder`: still waiting, one day before it expires). */
  'approval.pending': { approvalId: number; reminder: boolean };
  'request.decided': { requestId: number; outcome: 'approved' | 'rejected' | 'expired' };
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
