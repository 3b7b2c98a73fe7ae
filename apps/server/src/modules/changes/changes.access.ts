import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, notFound, versionConflict } from '../../platform/http/errors.ts';
import { teamIdsOf } from '../org/index.ts';
import { changeSettings } from './changes.config.ts';
import { FINAL_STATUSES } from './changes.lifecycle.ts';
import { type ActorFacts, type ChangeFacts, canSee } from './changes.policy.ts';
import { type ChangeRow, changes } from './changes.tables.ts';

export interface LoadedChange {
  change: ChangeRow;
  facts: ChangeFacts;
  me: ActorFacts;
}

/** `12` or a change number such as `CHG-2026-000012`. */
export function changeRefCondition(ref: string) {
  return /^\d+$/.test(ref) ? eq(changes.id, Number(ref)) : eq(changes.number, ref);
}

export async function actorFacts(tx: Tx, actor: Actor): Promise<ActorFacts> {
  const settings = await changeSettings(tx);
  return { teamIds: await teamIdsOf(tx, actor.userId), emergencyCab: settings.emergencyCabUserIds.includes(actor.userId) };
}

async function withFacts(tx: Tx, actor: Actor, change: ChangeRow): Promise<LoadedChange> {
  const loaded = { change, facts: change, me: await actorFacts(tx, actor) };
  if (!canSee(actor, loaded.facts, loaded.me)) throw notFound();
  return loaded;
}

/** A change the actor may see, by id or number; anything else answers 404 (its existence stays hidden). */
export async function loadVisibleChange(tx: Tx, actor: Actor, ref: string): Promise<LoadedChange> {
  const [change] = await tx.select().from(changes).where(changeRefCondition(ref));
  if (!change) throw notFound();
  return withFacts(tx, actor, change);
}

/**
 * A change to act on: locked for the transaction, hidden (404) from those who may
 * not see it, refused when it has ended (409 CHANGE_CLOSED) or the caller's
 * version is stale (409 VERSION_CONFLICT).
 */
export async function loadChangeForUpdate(tx: Tx, actor: Actor, id: number, version?: number): Promise<LoadedChange> {
  const [change] = await tx.select().from(changes).where(eq(changes.id, id)).for('update');
  if (!change) throw notFound();
  const loaded = await withFacts(tx, actor, change);
  if (FINAL_STATUSES.includes(change.status)) throw new AppError(409, 'CHANGE_CLOSED');
  if (version !== undefined && version !== change.version) throw versionConflict();
  return loaded;
}

/** Saves `values` (with the moment of the change as `updatedAt`) under a new version. */
export async function saveChange(tx: Tx, id: number, values: Partial<ChangeRow> & { updatedAt: Date }): Promise<ChangeRow> {
  const [row] = await tx
    .update(changes)
    .set({ ...values, version: sql`${changes.version} + 1` })
    .where(eq(changes.id, id))
    .returning();
  if (!row) throw notFound();
  return row;
}
