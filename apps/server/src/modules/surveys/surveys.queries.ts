import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { readSetting } from '../settings/index.ts';

export const CSAT_GROUPINGS = ['team', 'agent', 'category', 'month'] as const;
export type CsatGrouping = (typeof CSAT_GROUPINGS)[number];

export interface CsatQuery {
  /** First and last day (YYYY-MM-DD) in the reader's time zone; the current month when left out. */
  from?: string;
  to?: string;
  by: CsatGrouping;
}

/** Averages of answered surveys: each question (1–5), overall, and the share of satisfied answers. */
export interface CsatFigures {
  responses: number;
  service: number | null;
  restored: number | null;
  information: number | null;
  overall: number | null;
  /** Share (0–100) of answers whose three scores average 4 or more. */
  satisfiedPercent: number | null;
  /** Answers with a score of 2 or less on any question (the team lead was told). */
  lowScores: number;
}

export interface CsatReport {
  from: string;
  to: string;
  by: CsatGrouping;
  total: CsatFigures;
  groups: (CsatFigures & { key: string; label: string })[];
}

const round = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 100) / 100);

/**
 * CSAT by team, agent, category or month (of the answer), over the answered
 * surveys of a period that the reader may report on (`report:read` in their
 * scope). Team, agent and category are as they were when the survey was sent.
 * This is the stable query the reports module builds on.
 */
export async function csatReport(tx: Tx, actor: Actor, query: CsatQuery): Promise<CsatReport> {
  const zone = actor.timeZone ?? (await readSetting(tx, 'regional')).value.defaultTimeZone;
  const { rows: period } = await tx.execute<{ from: string; to: string }>(sql`
    SELECT coalesce(${query.from ?? null}::date, date_trunc('month', now() AT TIME ZONE ${zone})::date)::text AS from,
           coalesce(${query.to ?? null}::date, (date_trunc('month', now() AT TIME ZONE ${zone}) + interval '1 month - 1 day')::date)::text AS to`);
  const { from, to } = period[0] as { from: string; to: string };
  if (from > to) throw new AppError(400, 'PERIOD_REVERSED');
  const nameCol = actor.locale === 'en' ? sql.raw('c.name_en') : sql.raw('c.name_id');
  const keys: Record<CsatGrouping, { key: SQL; label: SQL }> = {
    team: { key: sql`s.team_id::text`, label: sql`(SELECT name FROM teams WHERE id = s.team_id)` },
    agent: { key: sql`s.assignee_id::text`, label: sql`(SELECT name FROM users WHERE id = s.assignee_id)` },
    category: { key: sql`s.category_id::text`, label: sql`(SELECT ${nameCol} FROM ticket_categories c WHERE c.id = s.category_id)` },
    month: { key: sql`s.month`, label: sql`s.month` },
  };
  const group = keys[query.by];
  const { rows } = await tx.execute<{
    key: string | null;
    label: string | null;
    responses: number;
    service: string | null;
    restored: string | null;
    information: string | null;
    overall: string | null;
    satisfied: number;
    low: number;
    total: number;
  }>(sql`
    SELECT grouping(${group.key}) AS total, ${group.key} AS key, min(${group.label}) AS label, count(*)::int AS responses,
      avg(s.q1) AS service, avg(s.q2) AS restored, avg(s.q3) AS information, avg((s.q1 + s.q2 + s.q3) / 3.0) AS overall,
      count(*) FILTER (WHERE s.q1 + s.q2 + s.q3 >= 12)::int AS satisfied,
      count(*) FILTER (WHERE least(s.q1, s.q2, s.q3) <= 2)::int AS low
    FROM (
      SELECT surveys.*, to_char(surveys.answered_at AT TIME ZONE ${zone}, 'YYYY-MM') AS month FROM surveys
      WHERE surveys.answered_at IS NOT NULL
        AND surveys.answered_at >= (${from}::date::timestamp AT TIME ZONE ${zone})
        AND surveys.answered_at < ((${to}::date + 1)::timestamp AT TIME ZONE ${zone})
        AND ${scopeCondition(actor, 'report:read', { companyId: sql`surveys.company_id`, unitPath: sql`surveys.unit_path` })}
    ) s
    GROUP BY GROUPING SETS ((${group.key}), ())
    ORDER BY 1, 2 NULLS FIRST`);
  const figures = (r: (typeof rows)[number]): CsatFigures => ({
    responses: r.responses,
    service: round(r.service),
    restored: round(r.restored),
    information: round(r.information),
    overall: round(r.overall),
    satisfiedPercent: r.responses ? Math.round((r.satisfied / r.responses) * 1000) / 10 : null,
    lowScores: r.low,
  });
  // The empty grouping set is the grand total (GROUPING() = 1); a group without a key (no team, no agent) has key ''.
  const totalRow = rows.find((r) => Number(r.total) === 1);
  const none = { responses: 0, service: null, restored: null, information: null, overall: null, satisfied: 0, low: 0 };
  return {
    from,
    to,
    by: query.by,
    total: figures({ ...none, ...totalRow } as (typeof rows)[number]),
    groups: rows.filter((r) => Number(r.total) === 0).map((r) => ({ key: r.key ?? '', label: r.label ?? '', ...figures(r) })),
  };
}
