import type { Tx } from '../../platform/db/client.ts';
import { ticketEvents } from './tickets.tables.ts';

/**
 * Timeline entry kinds. `data` holds before → after as `{ field: [before, after] }`
 * for changes, or the entry's own facts (comment id, escalation target…).
 */
export type EventKind =
  | 'created'
  | 'status_changed'
  | 'fields_changed'
  | 'assigned'
  | 'priority_overridden'
  | 'comment'
  | 'internal_note'
  | 'attachment'
  | 'escalated'
  | 'linked'
  | 'unlinked'
  | 'checklist_changed'
  | 'time_logged'
  | 'sla_warning'
  | 'sla_breached'
  | 'attachment_refused'
  | 'solution_validated'
  | 'solution_rejected'
  | 'follow_up_opened'
  | 'permanent_solution'
  | 'attachment_deleted'
  | 'article_linked'
  | 'problem_linked'
  | 'problem_unlinked'
  | 'problem_resolved';

/** Appends one timeline entry in the transaction of the change it records. */
export async function recordEvent(
  tx: Tx,
  ticketId: number,
  actorId: number | null,
  kind: EventKind,
  data: Record<string, unknown>,
  isPublic = true,
) {
  await tx.insert(ticketEvents).values({ ticketId, actorId, kind, data, public: isPublic });
}

/** `{ field: [before, after] }` for the fields whose value changed. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && JSON.stringify(before[key]) !== JSON.stringify(value)) changes[key] = [before[key], value];
  }
  return changes;
}
