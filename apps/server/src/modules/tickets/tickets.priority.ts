import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { type Level, type Priority, priorityMatrix } from './tickets.tables.ts';

/** 004 Table 5, the default matrix; the database copy is admin-editable. */
export const DEFAULT_MATRIX: Record<Level, Record<Level, Priority>> = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P5' },
};

/** The priority for urgency × impact from the editable matrix. */
export async function priorityFor(tx: Tx, urgency: Level, impact: Level): Promise<Priority> {
  const [row] = await tx
    .select({ priority: priorityMatrix.priority })
    .from(priorityMatrix)
    .where(and(eq(priorityMatrix.urgency, urgency), eq(priorityMatrix.impact, impact)));
  return row?.priority ?? DEFAULT_MATRIX[urgency][impact];
}

/** P1 → 5 stars … P5 → 1 star (003 shows priority as stars). */
export const starsOf = (priority: Priority) => 6 - Number(priority.slice(1));
