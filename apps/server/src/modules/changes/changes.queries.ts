import type { ChangeStatus, RiskLevel } from '@ish/shared';
import { and, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import type { Tx } from '../../platform/db/client.ts';
import { peopleByIds, usersWithRoleOver } from '../identity/index.ts';
import { actorFacts } from './changes.access.ts';
import { visibleChanges } from './changes.policy.ts';
import type { ListQuery, PeopleQuery } from './changes.schemas.ts';
import { type ChangeRow, changes } from './changes.tables.ts';

// Read models name people, units, teams and services through scalar subqueries; they never write other modules' tables.

const place = { companyId: changes.companyId, unitPath: changes.unitPath };
const statusIn = (statuses: ChangeStatus[]) =>
  sql`${changes.status} IN (${sql.join(
    statuses.map((s) => sql`${s}`),
    sql`, `,
  )})`;

/** The columns every summary needs, for `FROM changes`. */
export const summaryColumns = sql`changes.*,
  (SELECT name FROM users WHERE id = changes.requester_id) AS requester_name,
  (SELECT name FROM units WHERE id = changes.unit_id) AS unit_name,
  (SELECT name FROM teams WHERE id = changes.team_id) AS team_name,
  (SELECT name FROM users WHERE id = changes.implementer_id) AS implementer_name,
  coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.name)
    FROM change_services cs JOIN business_services s ON s.id = cs.service_id WHERE cs.change_id = changes.id), '[]') AS services`;

/** A row of `summaryColumns` (snake_case as PostgreSQL returns it). */
export type SummaryRow = Record<string, unknown> & {
  id: number;
  number: string;
  type: ChangeRow['type'];
  title: string;
  status: ChangeStatus;
  risk_level: RiskLevel;
  risk_override: RiskLevel | null;
  approval_route: ChangeRow['approvalRoute'];
  requester_id: number;
  requester_name: string;
  unit_id: number;
  unit_name: string;
  team_id: number | null;
  team_name: string | null;
  implementer_id: number | null;
  implementer_name: string | null;
  services: { id: number; name: string }[];
  planned_start: Date | string | null;
  planned_end: Date | string | null;
  time_zone: string;
  created_at: Date | string;
  updated_at: Date | string;
  version: number;
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const named = (id: unknown, name: unknown) => (id == null ? null : { id: Number(id), name: String(name ?? '') });

export function presentSummary(r: SummaryRow) {
  return {
    id: Number(r.id),
    number: r.number,
    type: r.type,
    title: r.title,
    status: r.status,
    risk: r.risk_override ?? r.risk_level,
    approvalRoute: r.approval_route,
    requester: { id: Number(r.requester_id), name: r.requester_name },
    unit: { id: Number(r.unit_id), name: r.unit_name },
    team: named(r.team_id, r.team_name),
    implementer: named(r.implementer_id, r.implementer_name),
    services: r.services.map((s) => ({ id: Number(s.id), name: s.name })),
    plannedStart: iso(r.planned_start),
    plannedEnd: iso(r.planned_end),
    timeZone: r.time_zone,
    createdAt: iso(r.created_at) ?? '',
    updatedAt: iso(r.updated_at) ?? '',
    version: Number(r.version),
  };
}

/** What each queue holds (issue 13 §10), always inside what the caller may see. */
async function queueCondition(tx: Tx, actor: Actor, queue: ListQuery['queue']): Promise<SQL | undefined> {
  switch (queue) {
    case 'mine':
      return sql`${changes.requesterId} = ${actor.userId}`;
    case 'review':
      // Waiting for a Change Manager: to review, to decide (or record the CAB's decision), to schedule, to close.
      return and(
        scopeCondition(actor, 'change:manage', place),
        sql`(${statusIn(['submitted', 'under_review', 'pending_approval', 'approved', 'completed', 'failed'])})`,
      );
    case 'votes': {
      const me = await actorFacts(tx, actor);
      return and(
        scopeCondition(actor, 'change:vote', place),
        // Never a change they raised or carry out (separation of duties).
        sql`${changes.status} = 'pending_approval' AND ${changes.requesterId} <> ${actor.userId}
          AND ${changes.implementerId} IS DISTINCT FROM ${actor.userId}
          AND (${changes.teamId} IS NULL OR ${changes.teamId} NOT IN (SELECT m.team_id FROM team_members m WHERE m.user_id = ${actor.userId}))`,
        me.emergencyCab ? sql`${changes.approvalRoute} IN ('cab', 'emergency_cab')` : sql`${changes.approvalRoute} = 'cab'`,
        sql`NOT EXISTS (SELECT 1 FROM change_votes v WHERE v.change_id = ${changes.id} AND v.round = ${changes.approvalRound}
          AND v.voter_id = ${actor.userId})`,
      );
    }
    case 'implementation':
      return sql`(${changes.implementerId} = ${actor.userId}
        OR ${changes.teamId} IN (SELECT m.team_id FROM team_members m WHERE m.user_id = ${actor.userId}))
        AND ${statusIn(['approved', 'scheduled', 'in_progress'])}`;
    case 'all':
      return undefined;
  }
}

const ORDER: Record<ListQuery['queue'], SQL> = {
  mine: sql`changes.created_at DESC`,
  review: sql`changes.updated_at ASC`,
  votes: sql`changes.submitted_at ASC NULLS LAST`,
  implementation: sql`changes.planned_start ASC NULLS LAST`,
  all: sql`changes.created_at DESC`,
};

/** One page of the changes the caller may see, by queue, filters and search. */
export async function listChanges(tx: Tx, actor: Actor, query: ListQuery) {
  const conditions: (SQL | undefined)[] = [visibleChanges(actor), await queueCondition(tx, actor, query.queue)];
  if (query.status?.length) conditions.push(statusIn(query.status));
  if (query.type) conditions.push(sql`${changes.type} = ${query.type}`);
  if (query.risk) conditions.push(sql`coalesce(${changes.riskOverride}, ${changes.riskLevel}) = ${query.risk}`);
  if (query.teamId?.length)
    conditions.push(
      sql`${changes.teamId} IN (${sql.join(
        query.teamId.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  if (query.serviceId?.length)
    conditions.push(
      sql`EXISTS (SELECT 1 FROM change_services cs WHERE cs.change_id = ${changes.id}
        AND cs.service_id IN (${sql.join(
          query.serviceId.map((id) => sql`${id}`),
          sql`, `,
        )}))`,
    );
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, '')}%`;
    conditions.push(sql`(${changes.number} ILIKE ${like} OR ${changes.title} ILIKE ${like})`);
  }
  const where = and(...conditions);
  const offset = (query.page - 1) * query.pageSize;
  const { rows } = await tx.execute<SummaryRow>(sql`
    SELECT ${summaryColumns} FROM changes WHERE ${where}
    ORDER BY ${ORDER[query.queue]}, changes.id DESC LIMIT ${query.pageSize} OFFSET ${offset}`);
  const { rows: count } = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM changes WHERE ${where}`);
  return { items: rows.map(presentSummary), total: count[0]?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** Active implementers or CAB members over the caller's place, by name: whom they may choose as implementer or emergency CAB. */
export async function changePeople(tx: Tx, actor: Actor, role: PeopleQuery['role']) {
  const ids = await usersWithRoleOver(tx, role, { companyId: actor.companyId, unitPath: actor.unitPath });
  const people = [...(await peopleByIds(tx, ids)).values()].filter((p) => p.active);
  return people.map((p) => ({ id: p.id, name: p.name, unit: p.unit })).sort((a, b) => a.name.localeCompare(b.name));
}
