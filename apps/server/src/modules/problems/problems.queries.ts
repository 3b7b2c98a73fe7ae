import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { canWorkTicket, loadVisible, statusLabels, type TicketStatus, visibleTicketIds } from '../tickets/index.ts';
import { allowedActions, visibleProblems } from './problems.policy.ts';
import type { ListProblemsQuery } from './problems.schemas.ts';
import { loadProblem } from './problems.service.ts';
import { problems } from './problems.tables.ts';

// Display names come from the owning modules' tables, read for display only.
const categoryName = (locale: 'id' | 'en') =>
  sql`(SELECT ${locale === 'en' ? sql`name_en` : sql`name_id`} FROM ticket_categories WHERE id = problems.category_id)`;
const named = (id: unknown, name: unknown) => (id == null ? null : { id: Number(id), name: String(name ?? '') });

export async function listProblems(tx: Tx, actor: Actor, query: ListProblemsQuery) {
  const conditions: (SQL | undefined)[] = [visibleProblems(actor)];
  if (query.status) conditions.push(eq(problems.status, query.status));
  if (query.q) {
    const like = `%${query.q.replace(/[%_\\]/g, '')}%`;
    conditions.push(sql`(${problems.title} ILIKE ${like} OR ${problems.number} ILIKE ${like})`);
  }
  const where = and(...conditions);
  const { rows } = await tx.execute<{
    id: number;
    number: string;
    title: string;
    status: (typeof problems.$inferSelect)['status'];
    service_id: number | null;
    service_name: string | null;
    category_id: number | null;
    category_name: string | null;
    owner_id: number | null;
    owner_name: string | null;
    incidents: number;
    updated_at: Date;
  }>(sql`
    SELECT problems.id, problems.number, problems.title, problems.status, problems.updated_at,
      problems.service_id, (SELECT name FROM business_services WHERE id = problems.service_id) AS service_name,
      problems.category_id, ${categoryName(actor.locale)} AS category_name,
      problems.owner_id, (SELECT name FROM users WHERE id = problems.owner_id) AS owner_name,
      (SELECT count(*)::int FROM problem_incidents WHERE problem_id = problems.id) AS incidents
    FROM problems WHERE ${where}
    ORDER BY problems.updated_at DESC, problems.id DESC LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`);
  const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(problems).where(where);
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      number: r.number,
      title: r.title,
      status: r.status,
      service: named(r.service_id, r.service_name),
      category: named(r.category_id, r.category_name),
      owner: named(r.owner_id, r.owner_name),
      incidentCount: r.incidents,
      updatedAt: new Date(r.updated_at).toISOString(),
    })),
    total: n,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One problem with its incidents, article and timeline, and what the caller may do. */
export async function getProblem(tx: Tx, actor: Actor, id: number) {
  const problem = await loadProblem(tx, actor, id);
  const { rows: names } = await tx.execute<Record<string, string | null>>(sql`
    SELECT (SELECT name FROM companies WHERE id = ${problem.companyId}) AS company,
      (SELECT name FROM business_services WHERE id = ${problem.serviceId}) AS service,
      (SELECT ${actor.locale === 'en' ? sql`name_en` : sql`name_id`} FROM ticket_categories WHERE id = ${problem.categoryId}) AS category,
      (SELECT name FROM users WHERE id = ${problem.ownerId}) AS owner,
      (SELECT number FROM knowledge_articles WHERE id = ${problem.articleId}) AS article`);
  const n = names[0] ?? {};
  // Every linked incident counts, but only those the reader may see are shown (number, title), on the list and the timeline.
  const { rows: linked } = await tx.execute<{ id: number; number: string; title: string; status: TicketStatus; visible: boolean }>(sql`
    SELECT t.id, t.number, t.title, t.status, t.id IN (${visibleTicketIds(actor)}) AS visible
    FROM problem_incidents l JOIN tickets t ON t.id = l.ticket_id
    WHERE l.problem_id = ${id} ORDER BY l.linked_at, t.id`);
  const incidents = linked.filter((i) => i.visible);
  const { rows: events } = await tx.execute<{
    id: number;
    at: Date;
    kind: string;
    actor_id: number | null;
    actor_name: string | null;
    data: Record<string, unknown>;
  }>(sql`
    SELECT e.id, e.at, e.kind, e.actor_id, u.name AS actor_name, e.data FROM problem_events e LEFT JOIN users u ON u.id = e.actor_id
    WHERE e.problem_id = ${id} ORDER BY e.at, e.id`);
  const mentioned = events.filter((e) => e.kind.startsWith('incident_')).map((e) => Number(e.data.ticketId));
  const { rows: seenRows } = mentioned.length
    ? await tx.execute<{ id: number }>(sql`SELECT id FROM (${visibleTicketIds(actor)}) v WHERE id IN ${mentioned}`)
    : { rows: [] };
  const seen = new Set(seenRows.map((r) => Number(r.id)));
  const label = await statusLabels(tx, actor.locale);
  return {
    id: problem.id,
    number: problem.number,
    title: problem.title,
    status: problem.status,
    service: named(problem.serviceId, n.service),
    category: named(problem.categoryId, n.category),
    owner: named(problem.ownerId, n.owner),
    incidentCount: linked.length,
    updatedAt: problem.updatedAt.toISOString(),
    descriptionHtml: problem.descriptionHtml,
    company: { id: problem.companyId, name: n.company ?? '' },
    rootCause: problem.rootCause,
    workaround: problem.workaround,
    permanentFix: problem.permanentFix,
    article: problem.articleId && n.article ? { id: problem.articleId, number: n.article } : null,
    incidents: incidents.map((i) => ({
      id: Number(i.id),
      number: i.number,
      title: i.title,
      status: i.status,
      statusLabel: label(i.status),
      resolvable: i.status === 'in_progress' || i.status === 'pending',
    })),
    timeline: events
      .filter((e) => !(e.kind.startsWith('incident_') && !seen.has(Number(e.data.ticketId))))
      .map((e) => ({
        id: Number(e.id),
        at: new Date(e.at).toISOString(),
        kind: e.kind,
        actor: named(e.actor_id, e.actor_name),
        data: e.data,
      })),
    createdAt: problem.createdAt.toISOString(),
    resolvedAt: problem.resolvedAt?.toISOString() ?? null,
    closedAt: problem.closedAt?.toISOString() ?? null,
    version: problem.version,
    allowedActions: allowedActions(actor, problem),
  };
}

/**
 * "Known error" hints for a ticket an agent works: known errors of the same
 * service and category (where the problem names them), its workaround first.
 */
export async function problemHints(tx: Tx, actor: Actor, ticketId: number) {
  const { ticket } = await loadVisible(tx, actor, String(ticketId));
  if (!(await canWorkTicket(tx, actor, ticketId))) throw forbidden();
  if (ticket.serviceId === null && ticket.categoryId === null) return { items: [] };
  const { rows } = await tx.execute<{
    id: number;
    number: string;
    title: string;
    workaround: string | null;
    article_id: number | null;
    article: string | null;
    linked: boolean;
  }>(sql`
    SELECT problems.id, problems.number, problems.title, problems.workaround, problems.article_id,
      (SELECT number FROM knowledge_articles WHERE id = problems.article_id) AS article,
      EXISTS (SELECT 1 FROM problem_incidents l WHERE l.problem_id = problems.id AND l.ticket_id = ${ticketId}) AS linked
    FROM problems
    WHERE ${visibleProblems(actor)} AND problems.status = 'known_error'
      AND (problems.service_id IS NOT NULL OR problems.category_id IS NOT NULL)
      AND (problems.service_id IS NULL OR problems.service_id = ${ticket.serviceId})
      AND (problems.category_id IS NULL OR problems.category_id = ${ticket.categoryId})
    ORDER BY problems.updated_at DESC LIMIT 5`);
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      number: r.number,
      title: r.title,
      workaround: r.workaround,
      article: r.article_id && r.article ? { id: Number(r.article_id), number: r.article } : null,
      linked: r.linked,
    })),
  };
}
