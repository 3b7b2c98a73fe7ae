import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { Loaded } from './tickets.access.ts';
import { visibleTicketIds } from './tickets.lookup.ts';
import { allowedActions, seesInternal } from './tickets.policy.ts';
import { presentSummary, type SummaryRow, statusLabels, summaryColumns, summaryJoins } from './tickets.queries.ts';
import { ticketAttachments, ticketChecklistItems } from './tickets.tables.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

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
    tx
      .select()
      .from(ticketAttachments)
      .where(and(eq(ticketAttachments.ticketId, ticket.id), internal ? undefined : eq(ticketAttachments.internal, false)))
      .orderBy(asc(ticketAttachments.id)),
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
  return {
    ...presentSummary(row, label),
    descriptionHtml: ticket.descriptionHtml,
    contactName: ticket.contactName,
    contactPhone: ticket.contactPhone,
    contactEmail: ticket.contactEmail,
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
    attachments: attachments.map((a) => ({
      id: a.id,
      name: a.displayName,
      contentType: a.contentType,
      size: a.size,
      internal: a.internal,
      commentId: a.commentId,
      createdAt: a.createdAt.toISOString(),
      url: `/api/v1/tickets/${ticket.id}/attachments/${a.id}`,
    })),
    links: links.rows.map((l) => ({
      id: Number(l.id),
      kind: l.outgoing ? l.kind : l.kind === 'parent_of' ? 'child_of' : l.kind === 'duplicate_of' ? 'duplicated_by' : l.kind,
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
  };
}
