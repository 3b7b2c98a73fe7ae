import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { forbidden } from '../../platform/http/errors.ts';
import type { Loaded } from './tickets.access.ts';
import { canWork, isLead } from './tickets.policy.ts';

/**
 * Who the caller may hand the ticket to (the "Assign to…" control): a lead
 * any active team of the ticket's company, an agent their own teams; each
 * team with its members, since an assignee must belong to the ticket's team.
 */
export async function listAssignees(tx: Tx, actor: Actor, loaded: Loaded) {
  if (!canWork(actor, loaded.facts, loaded.me)) throw forbidden();
  const lead = isLead(actor, loaded.facts);
  const mine = loaded.me.teamIds.length ? loaded.me.teamIds : [0];
  const { rows } = await tx.execute<{ id: number; name: string; level: number; members: { id: number; name: string }[] | null }>(sql`
    SELECT t.id, t.name, t.level,
      (SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name)
         FROM team_members m JOIN users u ON u.id = m.user_id AND u.active WHERE m.team_id = t.id) AS members
    FROM teams t
    WHERE t.active AND ${lead ? sql`t.company_id = ${loaded.ticket.companyId}` : sql`t.id IN ${mine}`}
    ORDER BY t.level, t.name`);
  return {
    teams: rows.map((r) => ({
      id: Number(r.id),
      name: r.name,
      level: Number(r.level),
      members: (r.members ?? []).map((m) => ({ id: Number(m.id), name: m.name })),
    })),
  };
}
