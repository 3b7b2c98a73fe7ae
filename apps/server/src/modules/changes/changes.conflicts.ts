import { and, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { loadVisibleChange } from './changes.access.ts';
import { CALENDAR_STATUSES } from './changes.lifecycle.ts';
import { visibleChanges } from './changes.policy.ts';
import { changes } from './changes.tables.ts';

export const CONFLICT_KINDS = ['service', 'implementer', 'freeze', 'maintenance'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

/**
 * Why a window is a problem: another change on the same business service or by
 * the same implementer overlaps it, it enters a freeze, or it leaves the
 * service's maintenance windows. Another change the caller may not see is named
 * as such, without number or title.
 */
export interface Conflict {
  kind: ConflictKind;
  change: { id: number; number: string; title: string; start: string; end: string } | null;
  service: { id: number; name: string } | null;
  freeze: { id: number; name: string; startsAt: string; endsAt: string } | null;
}

/** A window to check for one change (its own, or one proposed for it). */
export interface Candidate {
  id: number;
  start: Date;
  end: Date;
  implementerId: number | null;
  companyId: number;
}

type Row = {
  change_id: number;
  kind: ConflictKind;
  other_id: number | null;
  other_number: string | null;
  other_title: string | null;
  other_start: Date | null;
  other_end: Date | null;
  service_id: number | null;
  service_name: string | null;
  freeze_id: number | null;
  freeze_name: string | null;
  freeze_start: Date | null;
  freeze_end: Date | null;
};

const calendar = sql.raw(CALENDAR_STATUSES.map((s) => `'${s}'`).join(', '));

/**
 * Every conflict of each candidate, found by PostgreSQL: ranges overlap (`&&`,
 * half-open, so touching windows do not) through GiST indexes on
 * (service, window) and (implementer, window) with btree_gist, freezes by
 * their period, and maintenance windows as weekly local-time occurrences that
 * must contain the whole window (occurrences may cross midnight; each is
 * placed in its own time zone). Nothing loads the calendar into memory.
 */
export async function findConflicts(tx: Tx, actor: Actor, candidates: readonly Candidate[]): Promise<Map<number, Conflict[]>> {
  const result = new Map<number, Conflict[]>(candidates.map((c) => [c.id, []]));
  if (!candidates.length) return result;
  const values = sql.join(
    candidates.map(
      (c) =>
        sql`(${c.id}::bigint, tstzrange(${c.start.toISOString()}::timestamptz, ${c.end.toISOString()}::timestamptz, '[)'), ${c.implementerId}::bigint, ${c.companyId}::bigint)`,
    ),
    sql`, `,
  );
  const none = sql`NULL::bigint, NULL::text, NULL::timestamptz, NULL::timestamptz`;
  const { rows } = await tx.execute<Row>(sql`
    WITH cand(id, planned, implementer_id, company_id) AS (VALUES ${values})
    SELECT cand.id AS change_id, 'service' AS kind, o.id AS other_id, o.number AS other_number, o.title AS other_title,
      lower(o.planned) AS other_start, upper(o.planned) AS other_end, s.service_id, bs.name AS service_name,
      NULL::bigint AS freeze_id, NULL::text AS freeze_name, NULL::timestamptz AS freeze_start, NULL::timestamptz AS freeze_end
    FROM cand
    JOIN change_services mine ON mine.change_id = cand.id
    JOIN change_services s ON s.service_id = mine.service_id AND s.on_calendar AND s.planned && cand.planned AND s.change_id <> cand.id
    JOIN changes o ON o.id = s.change_id
    JOIN business_services bs ON bs.id = s.service_id
    UNION ALL
    SELECT cand.id, 'implementer', o.id, o.number, o.title, lower(o.planned), upper(o.planned), NULL, NULL, ${none}
    FROM cand
    JOIN changes o ON o.implementer_id = cand.implementer_id AND o.status IN (${calendar}) AND o.planned && cand.planned AND o.id <> cand.id
    UNION ALL
    SELECT cand.id, 'freeze', NULL, NULL, NULL, NULL, NULL, NULL, NULL, f.id, f.name, f.starts_at, f.ends_at
    FROM cand
    JOIN change_freezes f ON f.active AND f.period && cand.planned AND (f.company_id IS NULL OR f.company_id = cand.company_id)
    UNION ALL
    SELECT cand.id, 'maintenance', NULL, NULL, NULL, NULL, NULL, mine.service_id, bs.name, ${none}
    FROM cand
    JOIN change_services mine ON mine.change_id = cand.id
    JOIN business_services bs ON bs.id = mine.service_id
    WHERE EXISTS (SELECT 1 FROM change_maintenance_windows w WHERE w.service_id = mine.service_id AND w.active)
      AND NOT EXISTS (
        SELECT 1 FROM change_maintenance_windows w
        CROSS JOIN LATERAL generate_series(
          ((lower(cand.planned) AT TIME ZONE w.time_zone)::date - 7)::timestamp,
          ((upper(cand.planned) AT TIME ZONE w.time_zone)::date)::timestamp,
          interval '1 day') AS d(day)
        WHERE w.service_id = mine.service_id AND w.active AND extract(isodow FROM d.day) = w.weekday
          AND tstzrange((d.day + w.start_time) AT TIME ZONE w.time_zone,
                        (d.day + w.start_time + make_interval(mins => w.duration_minutes)) AT TIME ZONE w.time_zone, '[)') @> cand.planned)
    ORDER BY 1, 2, 6`);
  const otherIds = [...new Set(rows.flatMap((r) => (r.other_id === null ? [] : [Number(r.other_id)])))];
  const visible = new Set(
    otherIds.length
      ? (
          await tx
            .select({ id: changes.id })
            .from(changes)
            .where(and(inArray(changes.id, otherIds), visibleChanges(actor)))
        ).map((r) => r.id)
      : [],
  );
  const iso = (d: Date | string | null) => (d === null ? '' : new Date(d).toISOString());
  for (const r of rows) {
    const seen = r.other_id !== null && visible.has(Number(r.other_id));
    result.get(Number(r.change_id))?.push({
      kind: r.kind,
      change:
        r.other_id === null
          ? null
          : {
              id: seen ? Number(r.other_id) : 0,
              number: seen ? (r.other_number ?? '') : '',
              title: seen ? (r.other_title ?? '') : '',
              start: iso(r.other_start),
              end: iso(r.other_end),
            },
      service: r.service_id === null ? null : { id: Number(r.service_id), name: r.service_name ?? '' },
      freeze:
        r.freeze_id === null
          ? null
          : { id: Number(r.freeze_id), name: r.freeze_name ?? '', startsAt: iso(r.freeze_start), endsAt: iso(r.freeze_end) },
    });
  }
  return result;
}

/** The conflicts of one window for one change. */
export async function conflictsOf(tx: Tx, actor: Actor, candidate: Candidate): Promise<Conflict[]> {
  return (await findConflicts(tx, actor, [candidate])).get(candidate.id) ?? [];
}

/** The conflicts a proposed window would have for a change the caller may see (before scheduling it). */
export async function windowConflicts(tx: Tx, actor: Actor, id: number, window: { start: string; end: string }): Promise<Conflict[]> {
  const { change } = await loadVisibleChange(tx, actor, String(id));
  return conflictsOf(tx, actor, {
    id: change.id,
    start: new Date(window.start),
    end: new Date(window.end),
    implementerId: change.implementerId,
    companyId: change.companyId,
  });
}
