import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import type { Tx } from '../../platform/db/client.ts';
import { approvals, decidableBy } from '../approvals/index.ts';
import { visibleRequests } from './requests.policy.ts';
import { presentRequest } from './requests.presenter.ts';
import type { CatalogGapQuery } from './requests.schemas.ts';
import { type RequestStatus, serviceRequests } from './requests.tables.ts';

interface Page {
  page: number;
  pageSize: number;
}

/** One page of the requests the actor may see (or only their own), newest first. */
export async function listRequests(tx: Tx, actor: Actor, query: Page & { mine: boolean; status?: RequestStatus }) {
  const where = and(
    query.mine ? eq(serviceRequests.requesterId, actor.userId) : visibleRequests(actor),
    query.status ? eq(serviceRequests.status, query.status) : undefined,
  );
  const [total] = await tx.select({ n: count() }).from(serviceRequests).where(where);
  const rows = await tx
    .select()
    .from(serviceRequests)
    .where(where)
    .orderBy(desc(serviceRequests.createdAt), desc(serviceRequests.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const items = [];
  for (const r of rows) items.push(await presentRequest(tx, actor, r));
  return { items, total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** Requests the actor may see whose number or item name holds `q` (global search), newest first. */
export async function searchRequests(tx: Tx, actor: Actor, q: string, limit: number) {
  const like = `%${q.replace(/[%_\\]/g, '')}%`;
  const { rows } = await tx.execute<{
    id: number;
    number: string;
    status: RequestStatus;
    name_id: string;
    name_en: string;
    created_at: Date;
  }>(sql`
    SELECT service_requests.id, service_requests.number, service_requests.status, v.name_id, v.name_en, service_requests.created_at
    FROM service_requests JOIN catalog_item_versions v ON v.id = service_requests.version_id
    WHERE ${visibleRequests(actor)} AND (service_requests.number ILIKE ${like} OR v.name_id ILIKE ${like} OR v.name_en ILIKE ${like})
    ORDER BY service_requests.created_at DESC, service_requests.id DESC LIMIT ${limit}`);
  return rows.map((r) => ({
    id: Number(r.id),
    number: r.number,
    status: r.status,
    name: actor.locale === 'en' ? r.name_en : r.name_id,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** One page of the steps waiting for the actor (soonest deadline first), or of those they decided (latest first). */
export async function listApprovalQueue(tx: Tx, actor: Actor, query: Page & { state: 'pending' | 'decided' }) {
  const where: SQL | undefined =
    query.state === 'pending'
      ? and(eq(approvals.state, 'pending'), decidableBy(actor))
      : // A decider who has since lost the role no longer sees the request.
        and(eq(approvals.decidedBy, actor.userId), visibleRequests(actor));
  const [total] = await tx
    .select({ n: count() })
    .from(approvals)
    .innerJoin(serviceRequests, eq(serviceRequests.id, approvals.requestId))
    .where(where);
  const rows = await tx
    .select({ approval: approvals, request: serviceRequests })
    .from(approvals)
    .innerJoin(serviceRequests, eq(serviceRequests.id, approvals.requestId))
    .where(where)
    .orderBy(query.state === 'pending' ? asc(approvals.dueAt) : desc(approvals.decidedAt), desc(approvals.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const items = [];
  for (const r of rows)
    items.push({
      id: r.approval.id,
      position: r.approval.position,
      state: r.approval.state,
      dueAt: r.approval.dueAt?.toISOString() ?? null,
      request: await presentRequest(tx, actor, r.request),
    });
  return { items, total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}

/** The id of a request by its number; 0 (found by nobody) when there is none. */
export async function requestIdOf(tx: Tx, number: string): Promise<number> {
  const [row] = await tx.select({ id: serviceRequests.id }).from(serviceRequests).where(eq(serviceRequests.number, number));
  return row?.id ?? 0;
}

/**
 * SOP 002 §6.m: which frequent requests are still handled ad hoc (tickets not
 * ordered from the catalog), grouped by category over a period, so the service
 * desk can add them to the catalog. Only tickets the reader may read count.
 */
export async function listCatalogGaps(tx: Tx, actor: Actor, { from, to, type, limit }: CatalogGapQuery) {
  const visible = scopeCondition(actor, 'ticket:read', { companyId: sql`t.company_id`, unitPath: sql`t.unit_path` });
  const { rows } = await tx.execute<{ category_id: number | null; category: string | null; tickets: number; last_at: Date }>(sql`
    SELECT t.category_id, ${actor.locale === 'en' ? sql`c.name_en` : sql`c.name_id`} AS category, count(*)::int AS tickets, max(t.created_at) AS last_at
    FROM tickets t LEFT JOIN ticket_categories c ON c.id = t.category_id JOIN companies co ON co.id = t.company_id
    WHERE t.type = ${type} AND ${visible}
      -- Whole days of each ticket's company calendar.
      AND t.created_at >= (${from}::date::timestamp AT TIME ZONE co.time_zone)
      AND t.created_at < ((${to}::date + 1)::timestamp AT TIME ZONE co.time_zone)
      AND NOT EXISTS (SELECT 1 FROM ${serviceRequests} r WHERE r.ticket_id = t.id)
    GROUP BY t.category_id, category ORDER BY tickets DESC, category LIMIT ${limit}`);
  return {
    items: rows.map((r) => ({
      categoryId: r.category_id === null ? null : Number(r.category_id),
      category: r.category ?? '-',
      tickets: Number(r.tickets),
      lastAt: new Date(r.last_at).toISOString(),
    })),
  };
}
