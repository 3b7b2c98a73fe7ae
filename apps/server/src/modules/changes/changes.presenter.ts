import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { LoadedChange } from './changes.access.ts';
import { type ChangeSettings, changeSettings, ruleFor } from './changes.config.ts';
import { type Conflict, conflictsOf } from './changes.conflicts.ts';
import { FINAL_STATUSES, reviewRequired } from './changes.lifecycle.ts';
import type { FreezeRow, TemplateRow, WindowRow } from './changes.planning.ts';
import { allowedActions } from './changes.policy.ts';
import { presentSummary, type SummaryRow, summaryColumns } from './changes.queries.ts';
import { effectiveRisk } from './changes.risk.ts';
import { changeAttachments, changeReviews } from './changes.tables.ts';

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const SIX_MONTHS = sql`interval '6 months'`;

/**
 * Finished changes (successful or failed) of the last six months: per affected
 * service, and for the implementer team, shown beside the risk (issue 13 §2).
 */
async function successRates(tx: Tx, changeId: number, teamId: number | null, now: Date) {
  const { rows: services } = await tx.execute<{ id: number; name: string; successful: number; total: number }>(sql`
    SELECT s.id, s.name,
      count(c.id) FILTER (WHERE c.outcome = 'successful')::int AS successful, count(c.id)::int AS total
    FROM change_services mine
    JOIN business_services s ON s.id = mine.service_id
    LEFT JOIN change_services cs ON cs.service_id = mine.service_id
    LEFT JOIN changes c ON c.id = cs.change_id AND c.outcome IS NOT NULL
      AND c.finished_at >= ${now.toISOString()}::timestamptz - ${SIX_MONTHS} AND c.finished_at < ${now.toISOString()}::timestamptz
    WHERE mine.change_id = ${changeId}
    GROUP BY s.id, s.name ORDER BY s.name`);
  const team = teamId
    ? (
        await tx.execute<{ successful: number; total: number }>(sql`
          SELECT count(*) FILTER (WHERE outcome = 'successful')::int AS successful, count(*)::int AS total FROM changes
          WHERE team_id = ${teamId} AND outcome IS NOT NULL
            AND finished_at >= ${now.toISOString()}::timestamptz - ${SIX_MONTHS} AND finished_at < ${now.toISOString()}::timestamptz`)
      ).rows[0]
    : null;
  return {
    services: services.map((s) => ({ service: { id: Number(s.id), name: s.name }, successful: s.successful, total: s.total })),
    team: team ? { successful: team.successful, total: team.total } : null,
  };
}

/** The full change as the caller may see it, with what they may do next. */
export async function presentChange(tx: Tx, actor: Actor, loaded: LoadedChange, now = new Date()) {
  const { change } = loaded;
  const id = change.id;
  const { rows } = await tx.execute<
    SummaryRow & { company_name: string; template_name: string | null; decided_by_name: string | null }
  >(sql`SELECT ${summaryColumns},
      (SELECT name FROM companies WHERE id = changes.company_id) AS company_name,
      (SELECT name FROM change_templates WHERE id = changes.template_id) AS template_name,
      (SELECT name FROM users WHERE id = changes.decided_by) AS decided_by_name
    FROM changes WHERE changes.id = ${id}`);
  const row = rows[0];
  if (!row) throw new Error('change vanished');
  const { rows: services } = await tx.execute<{ id: number; name: string; users_description: string | null }>(sql`
    SELECT s.id, s.name, s.users_description FROM change_services cs JOIN business_services s ON s.id = cs.service_id
    WHERE cs.change_id = ${id} ORDER BY s.name`);
  const { rows: units } = await tx.execute<{ id: number; name: string }>(sql`
    SELECT u.id, u.name FROM change_units cu JOIN units u ON u.id = cu.unit_id WHERE cu.change_id = ${id} ORDER BY u.name`);
  const { rows: votes } = await tx.execute<{
    voter_id: number;
    name: string;
    vote: 'approve' | 'reject' | 'abstain';
    comment: string | null;
    at: Date;
  }>(sql`
    SELECT v.voter_id, u.name, v.vote, v.comment, v.updated_at AS at FROM change_votes v JOIN users u ON u.id = v.voter_id
    WHERE v.change_id = ${id} AND v.round = ${change.approvalRound} ORDER BY v.created_at, v.id`);
  const { rows: links } = await tx.execute<{
    id: number;
    kind: 'trigger' | 'caused';
    ticket_id: number | null;
    ticket_number: string | null;
    ticket_title: string | null;
    ticket_type: string | null;
    ticket_status: string | null;
    request_id: number | null;
    request_number: string | null;
    request_status: string | null;
  }>(sql`
    SELECT l.id, l.kind, t.id AS ticket_id, t.number AS ticket_number, t.title AS ticket_title, t.type AS ticket_type,
      t.status AS ticket_status, r.id AS request_id, r.number AS request_number, r.status AS request_status
    FROM change_links l LEFT JOIN tickets t ON t.id = l.ticket_id LEFT JOIN service_requests r ON r.id = l.request_id
    WHERE l.change_id = ${id} ORDER BY l.id`);
  const { rows: tasks } = await tx.execute<{
    id: number;
    text: string;
    done: boolean;
    done_at: Date | null;
    done_by: number | null;
    name: string | null;
  }>(sql`
    SELECT t.id, t.text, t.done, t.done_at, t.done_by, u.name FROM change_tasks t LEFT JOIN users u ON u.id = t.done_by
    WHERE t.change_id = ${id} ORDER BY t.position`);
  const { rows: meetings } = await tx.execute<{
    id: number;
    title: string;
    starts_at: Date;
    decision: 'approve' | 'reject' | 'defer' | null;
  }>(sql`
    SELECT m.id, m.title, m.starts_at, i.decision FROM cab_meeting_items i JOIN cab_meetings m ON m.id = i.meeting_id
    WHERE i.change_id = ${id} ORDER BY m.starts_at`);
  const [review] = await tx.select().from(changeReviews).where(eq(changeReviews.changeId, id));
  const reviewer = review
    ? (await tx.execute<{ name: string }>(sql`SELECT name FROM users WHERE id = ${review.reviewedBy}`)).rows[0]?.name
    : undefined;
  const attachments = await tx
    .select()
    .from(changeAttachments)
    .where(and(eq(changeAttachments.changeId, id)))
    .orderBy(asc(changeAttachments.id));
  const risk = effectiveRisk(change);
  const settings = await changeSettings(tx);
  const route = change.approvalRoute;
  const conflicts: Conflict[] =
    change.plannedStart && change.plannedEnd && !FINAL_STATUSES.includes(change.status) && !change.finishedAt
      ? await conflictsOf(tx, actor, {
          id,
          start: change.plannedStart,
          end: change.plannedEnd,
          implementerId: change.implementerId,
          companyId: change.companyId,
        })
      : [];
  return {
    ...presentSummary(row),
    template: change.templateId ? { id: change.templateId, name: row.template_name ?? '' } : null,
    company: { id: change.companyId, name: row.company_name },
    description: change.description,
    reason: change.reason,
    category: change.category,
    impact: change.impact,
    implementationPlan: change.implementationPlan,
    testPlan: change.testPlan,
    rollbackPlan: change.rollbackPlan,
    emergencyJustification: change.emergencyJustification,
    freezeJustification: change.freezeJustification,
    source: change.source,
    services: services.map((s) => ({ id: Number(s.id), name: s.name, usersDescription: s.users_description })),
    units: units.map((u) => ({ id: Number(u.id), name: u.name })),
    riskAssessment: {
      answers: change.riskAnswers,
      score: change.riskScore,
      level: change.riskLevel,
      override: change.riskOverride,
      overrideReason: change.riskOverrideReason,
    },
    successRates: await successRates(tx, id, change.teamId, now),
    approval: {
      route,
      round: change.approvalRound,
      rule: route === 'cab' || route === 'emergency_cab' ? ruleFor(settings, route) : null,
      votes: votes.map((v) => ({
        voter: { id: Number(v.voter_id), name: v.name },
        vote: v.vote,
        comment: v.comment,
        at: iso(v.at) ?? '',
      })),
      decisionSource: change.decisionSource,
      decidedBy: change.decidedBy ? { id: change.decidedBy, name: row.decided_by_name ?? '' } : null,
      decisionNote: change.decisionNote,
    },
    links: links.map((l) => ({
      id: Number(l.id),
      kind: l.kind,
      ticket:
        l.ticket_id === null
          ? null
          : {
              id: Number(l.ticket_id),
              number: l.ticket_number ?? '',
              title: l.ticket_title ?? '',
              type: l.ticket_type ?? '',
              status: l.ticket_status ?? '',
            },
      request: l.request_id === null ? null : { id: Number(l.request_id), number: l.request_number ?? '', status: l.request_status ?? '' },
    })),
    tasks: tasks.map((t) => ({
      id: Number(t.id),
      text: t.text,
      done: t.done,
      doneAt: iso(t.done_at),
      doneBy: t.done_by === null ? null : { id: Number(t.done_by), name: t.name ?? '' },
    })),
    outcome: change.outcome,
    rollbackExecuted: change.rollbackExecuted,
    resultNotes: change.resultNotes,
    causedIncident: change.causedIncident,
    reviewRequired: reviewRequired(change, risk),
    review: review
      ? {
          objectivesMet: review.objectivesMet,
          sideEffects: review.sideEffects,
          incidentsCaused: review.incidentsCaused,
          lessonsLearned: review.lessonsLearned,
          followUpActions: review.followUpActions,
          reviewedBy: { id: review.reviewedBy, name: reviewer ?? '' },
          reviewedAt: review.reviewedAt.toISOString(),
          version: review.version,
        }
      : null,
    meetings: meetings.map((m) => ({ id: Number(m.id), title: m.title, startsAt: iso(m.starts_at) ?? '', decision: m.decision })),
    attachments: attachments.map((a) => ({
      id: a.id,
      name: a.displayName,
      contentType: a.contentType,
      size: a.size,
      createdAt: a.createdAt.toISOString(),
      url: `/api/v1/changes/${id}/attachments/${a.id}`,
    })),
    conflicts,
    submittedAt: iso(change.submittedAt),
    approvedAt: iso(change.approvedAt),
    scheduledAt: iso(change.scheduledAt),
    startedAt: iso(change.startedAt),
    finishedAt: iso(change.finishedAt),
    closedAt: iso(change.closedAt),
    cancelledAt: iso(change.cancelledAt),
    allowedActions: allowedActions(actor, loaded.facts, loaded.me),
  };
}

/** Every timeline entry, oldest first. */
export async function presentTimeline(tx: Tx, loaded: LoadedChange) {
  const { rows } = await tx.execute<{
    id: number;
    at: Date;
    kind: string;
    actor_id: number | null;
    actor_name: string | null;
    data: Record<string, unknown>;
  }>(sql`
    SELECT e.id, e.at, e.kind, e.actor_id, u.name AS actor_name, e.data FROM change_events e LEFT JOIN users u ON u.id = e.actor_id
    WHERE e.change_id = ${loaded.change.id} ORDER BY e.at, e.id`);
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      kind: r.kind,
      actor: r.actor_id === null ? null : { id: Number(r.actor_id), name: r.actor_name ?? '' },
      data: r.data,
    })),
  };
}

// What the Change Manager plans with, as answered.

export const presentTemplate = (r: TemplateRow) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  category: r.category,
  reason: r.reason,
  impact: r.impact,
  implementationPlan: r.implementationPlan,
  testPlan: r.testPlan,
  rollbackPlan: r.rollbackPlan,
  tasks: r.tasks,
  serviceIds: r.serviceIds,
  teamId: r.teamId,
  durationMinutes: r.durationMinutes,
  active: r.active,
  version: r.version,
});

export const presentFreeze = (f: FreezeRow) => ({
  id: f.id,
  name: f.name,
  reason: f.reason,
  companyId: f.companyId,
  startsAt: f.startsAt.toISOString(),
  endsAt: f.endsAt.toISOString(),
  active: f.active,
  version: f.version,
});

export const presentWindow = (w: WindowRow) => ({
  id: w.id,
  serviceId: w.serviceId,
  weekday: w.weekday,
  startTime: w.startTime.slice(0, 5),
  durationMinutes: w.durationMinutes,
  timeZone: w.timeZone,
  version: w.version,
});

/** The CAB's settings with the version an edit carries. */
export const presentSettings = ({ value, version }: { value: ChangeSettings; version: number }) => ({ ...value, version });
