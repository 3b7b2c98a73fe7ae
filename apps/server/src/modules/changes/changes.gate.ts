import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { t } from '../../platform/i18n/i18n.ts';
import type { LoadedChange } from './changes.access.ts';
import { conflictsOf } from './changes.conflicts.ts';

export type GateCode = 'INSIDE_WINDOW' | 'NOT_APPROVED' | 'NO_WINDOW' | 'BEFORE_WINDOW' | 'AFTER_WINDOW' | 'IN_FREEZE';

/**
 * The deployment gate (issue 13 §9): may this change be implemented now? Only
 * an approved, scheduled or running change, inside its window, and not inside
 * a freeze unless it is an emergency that justified entering it. A CI/CD job
 * polls this and deploys once `allowed` is true.
 */
export async function gateOf(tx: Tx, actor: Actor, loaded: LoadedChange, now = new Date()) {
  const { change } = loaded;
  const answer = (code: GateCode) => ({
    allowed: code === 'INSIDE_WINDOW',
    code,
    reason: t(actor.locale, `changes.gate.${code}`),
    change: { id: change.id, number: change.number, status: change.status },
    window:
      change.plannedStart && change.plannedEnd ? { start: change.plannedStart.toISOString(), end: change.plannedEnd.toISOString() } : null,
    checkedAt: now.toISOString(),
  });
  if (!['approved', 'scheduled', 'in_progress'].includes(change.status)) return answer('NOT_APPROVED');
  if (!change.plannedStart || !change.plannedEnd) return answer('NO_WINDOW');
  if (now < change.plannedStart) return answer('BEFORE_WINDOW');
  if (now >= change.plannedEnd) return answer('AFTER_WINDOW');
  // Is this moment inside a freeze? (A freeze may have been declared after the change was scheduled.)
  const freezes = (
    await conflictsOf(tx, actor, {
      id: change.id,
      start: now,
      end: new Date(now.getTime() + 1),
      implementerId: null,
      companyId: change.companyId,
    })
  ).filter((c) => c.kind === 'freeze');
  if (freezes.length && !(change.type === 'emergency' && change.freezeJustification)) return answer('IN_FREEZE');
  return answer('INSIDE_WINDOW');
}
