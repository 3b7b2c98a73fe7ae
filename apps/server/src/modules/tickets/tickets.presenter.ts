import { asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { Loaded } from './tickets.access.ts';
import { visibleTicketIds } from './tickets.lookup.ts';
import { allowedActions, canDeleteAttachment, seesContact, seesInternal } from './tickets.policy.ts';
import { presentSummary, type SummaryRow, statusLabels, summaryColumns, summaryJoins } from './tickets.queries.ts';
import { type ticketAttachments, ticketChecklistItems } from './tickets.tables.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** A link seen from its other end. */
const INVERSE_LINK: Record<string, string> = { parent_of: 'child_of', duplicate_of: 'duplicated_by', follow_up: 'follow_up_of' };

/** The full ticket as the caller may see it, with what they may do next. */
export async function presentTicket(tx: Tx, actor: Actor, loaded: Loaded) {
  const { ticket } = loaded;
  const internal = seesInternal(actor, loaded.facts);
  const { rows } = await tx.execute(sql`SELECT ${summaryColumns(actor.locale)}, v.name AS vendor_name FROM tickets ${summaryJoins()}
    LEFT JOIN vendors v ON v.id = tickets.vendor_id WHERE tickets.id = ${ticket.id}`);
  const row = rows[0] as unknown as SummaryRow & { vendor_name: string | null };
  const [checklist, watchers, attachments, links] = await Promise.all([
    tx.select().from(ticketChecklistItems).where(eq(ticketChecklistItems.ticketId, ticket.id)).orderBy(asc(ticketChecklistItems.position)),
    tx.execute<{ id: number; name: string }>(
      sql`SELECT u.id, u.name FROM ticket_watchers w JOIN users u ON u.id = w.user_id WHERE w.ticket_id = ${ticket.id} ORDER BY u.name`,
    ),
    tx.execute<typeof ticketAttachments.$inferSelect & { uploader_name: string }>(sql`
      SELECT a.id, a.display_name AS "displayName", a.content_type AS "contentType", a.size, a.internal, a.comment_id AS "commentId",
        a.uploaded_by AS "uploadedBy", a.created_at AS "createdAt", u.name AS uploader_name
      FROM ticket_attachments a JOIN users u ON u.id = a.uploaded_by
      WHERE a.ticket_id = ${ticket.id} AND a.deleted_at IS NULL ${internal ? sql`` : sql`AND NOT a.internal`} ORDER BY a.id`),
    tx.execute<{
      id: number;
      kind: string;
      other_id: number;
      number: string;
      title: string;
      status: string;
      outgoing: boolean;
      visible: boolean;
    }>(sql`
      SELECT l.id, l.kind, o.id AS other_id, o.number, o.title, o.status, l.ticket_id = ${ticket.id} AS outgoing,
        o.id IN (${visibleTicketIds(actor)}) AS visible
      FROM ticket_links l JOIN tickets o ON o.id = CASE WHEN l.ticket_id = ${ticket.id} THEN l.other_id ELSE l.ticket_id END
      WHERE l.ticket_id = ${ticket.id} OR l.other_id = ${ticket.id} ORDER BY l.id`),
  ]);
  const label = await statusLabels(tx, actor.locale);
  const contact = seesContact(actor, loaded.facts, loaded.me);
  return {
    ...presentSummary(row, label),
    descriptionHtml: ticket.descriptionHtml,
    awaitingValidation: ticket.awaitingValidation,
    origin: ticket.origin ? { ...ticket.origin, serviceName: ticket.origin.serviceName[actor.locale] } : null,
    contactName: ticket.contactName,
    contactPhone: contact ? ticket.contactPhone : null,
    contactEmail: contact ? ticket.contactEmail : null,
    priorityOverridden: ticket.priorityOverridden,
    hierarchicalLevel: ticket.hierarchicalLevel,
    vendor: ticket.vendorId ? { id: ticket.vendorId, name: row.vendor_name ?? '' } : null,
    vendorRef: ticket.vendorRef,
    pendingReason: ticket.pendingReason,
    solutionSummary: ticket.solutionSummary,
    fulfilment: ticket.fulfilment,
    firstResponseAt: iso(ticket.firstResponseAt),
    startedAt: iso(ticket.startedAt),
    resolvedAt: iso(ticket.resolvedAt),
    closedAt: iso(ticket.closedAt),
    cancelledAt: iso(ticket.cancelledAt),
    timeSpentMinutes: ticket.timeSpentMinutes,
    checklist: checklist.map((c) => ({ id: c.id, text: c.text, done: c.done, doneAt: iso(c.doneAt) })),
    watchers: watchers.rows.map((w) => ({ id: Number(w.id), name: w.name })),
    attachments: attachments.rows.map((a) => ({
      id: Number(a.id),
      name: a.displayName,
      contentType: a.contentType,
      size: a.size,
      internal: a.internal,
      commentId: a.commentId === null ? null : Number(a.commentId),
      uploadedBy: { id: Number(a.uploadedBy), name: a.uploader_name },
      createdAt: new Date(a.createdAt).toISOString(),
      url: `/api/v1/tickets/${ticket.id}/attachments/${a.id}`,
      canDelete: canDeleteAttachment(actor, loaded.facts, Number(a.uploadedBy)),
    })),
    links: links.rows.map((l) => ({
      id: Number(l.id),
      kind: l.outgoing ? l.kind : (INVERSE_LINK[l.kind] ?? l.kind),
      // A linked ticket the reader may not open shows its number only: its title and status stay with those who may.
      ticket: l.visible
        ? {
            id: Number(l.other_id),
            number: l.number,
            title: l.title as string | null,
            status: l.status as typeof ticket.status | null,
            visible: true,
          }
        : { id: Number(l.other_id), number: l.number, title: null, status: null, visible: false },
    })),
    allowedActions: allowedActions(actor, loaded.facts, loaded.me),
  };
}

/** Timeline: requesters see public entries, people working the ticket see all. */
export async function presentTimeline(tx: Tx, actor: Actor, loaded: Loaded) {
  const internal = seesInternal(actor, loaded.facts);
  const rows = await tx.execute<{
    id: number;
    at: Date;
    kind: string;
    public: boolean;
    actor_id: number | null;
    actor_name: string | null;
    data: Record<string, unknown>;
    body_html: string | null;
  }>(sql`
    SELECT e.id, e.at, e.kind, e.public, e.actor_id, u.name AS actor_name, e.data, c.body_html
    FROM ticket_events e
    LEFT JOIN users u ON u.id = e.actor_id
    LEFT JOIN ticket_comments c ON c.id = (e.data->>'commentId')::bigint
    WHERE e.ticket_id = ${loaded.ticket.id} ${internal ? sql`` : sql`AND e.public`}
    ORDER BY e.at, e.id`);
  return {
    items: rows.rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      kind: r.kind,
      public: r.public,
      actor: r.actor_id == null ? null : { id: Number(r.actor_id), name: r.actor_name ?? '' },
      data: r.data,
      bodyHtml: r.body_html,
    })),
    ...(await namesIn(tx, rows.rows)),
  };
}

/** Ids in entries' data that name people and teams, keyed `{ field: [before, after] }` or `{ field: id }`. */
const PERSON_FIELDS = ['assigneeId', 'targetUserId', 'targetUserIds', 'onBehalfOf'];
const TEAM_FIELDS = ['teamId'];

/** The names of the people and teams the entries refer to (an escalation's team and target, an assignment's before and after). */
async function namesIn(tx: Tx, entries: { data: Record<string, unknown> }[]) {
  const collect = (fields: string[]) =>
    [
      ...new Set(
        entries.flatMap((e) => fields.flatMap((f) => [e.data[f]].flat())).filter((v): v is number => typeof v === 'number' && v > 0),
      ),
    ].map(String);
  const [people, teams] = [collect(PERSON_FIELDS), collect(TEAM_FIELDS)];
  const named = async (table: 'users' | 'teams', ids: string[]) => {
    if (!ids.length) return {};
    const { rows } = await tx.execute<{ id: number; name: string }>(
      sql`SELECT id, name FROM ${sql.identifier(table)} WHERE id IN ${ids.map(Number)}`,
    );
    return Object.fromEntries(rows.map((r) => [String(r.id), r.name]));
  };
  return { people: await named('users', people), teams: await named('teams', teams) };
}
