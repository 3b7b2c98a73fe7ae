import type { Tx } from '../../platform/db/client.ts';
import { changeEvents } from './changes.tables.ts';

/**
 * Timeline entry kinds. `data` holds before → after as `{ field: [before, after] }`
 * for edits, or the entry's own facts (status, comment, vote, conflicts seen…).
 */
export type ChangeEventKind =
  | 'created'
  | 'status_changed'
  | 'fields_changed'
  | 'risk_overridden'
  | 'vote'
  | 'comment'
  | 'attachment'
  | 'linked'
  | 'unlinked'
  | 'task'
  | 'review'
  | 'meeting';

/** Appends one timeline entry in the transaction of the change it records. */
export async function recordChangeEvent(
  tx: Tx,
  changeId: number,
  actorId: number | null,
  kind: ChangeEventKind,
  data: Record<string, unknown>,
  at: Date,
) {
  await tx.insert(changeEvents).values({ changeId, actorId, kind, data, at });
}

/** `{ field: [before, after] }` for the fields whose value changed. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const changed: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && JSON.stringify(before[key]) !== JSON.stringify(value)) changed[key] = [before[key], value];
  }
  return changed;
}
