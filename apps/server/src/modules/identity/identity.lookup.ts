import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { users } from './identity.tables.ts';

// Read-only lookups other modules use instead of reading identity tables themselves.

/** An active user's public facts, or null. */
export async function findActiveUser(tx: Tx, id: number) {
  const [user] = await tx
    .select({ id: users.id, email: users.email, name: users.name, phone: users.phone, unitId: users.unitId, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true)));
  return user ?? null;
}

/** Active users placed in a unit (blocks deactivating it). */
export async function countActiveUsersInUnit(tx: Tx, unitId: number): Promise<number> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.unitId, unitId), eq(users.active, true)));
  return rows.length;
}
