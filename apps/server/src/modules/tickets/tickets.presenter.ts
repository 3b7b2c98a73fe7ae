import { eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { isoInstant } from '../../platform/time/instant.ts';
import { type Loaded, readVisible, ticketRow, ticketRowId } from './tickets.access.ts';
import { allowedActions, canDeleteAttachment, canSee, seesContact, seesInternal, type TicketFacts } from './tickets.policy.ts';
import { presentSummary, type SummaryRow, summaryColumns, summaryJoins } from './tickets.queries.ts';
import type { TicketStatus } from './tickets.tables.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** A timestamp as JSON aggregates carry it. */
const when = (d: string | null) => (d ? isoInstant(d) : null);
/** A link seen from its other end. */
const INVERSE_LINK: Record<string, string> = { parent_of: 'child_of', duplicate_of: 'duplicated_by', follow_up: 'follow_up_of' };

type Id = number | string;
const json = <T>(query: SQL) => sql<T>`(${query})`;
const list = <T>(object: SQL, from: SQL, order: SQL) =>
  json<T[]>(sql`SELECT coalesce(json_agg(${object} ORDER BY ${order}), '[]'::json) ${from}`);

/**
 * What the ticket page shows beyond the row, as columns of the statement reading the ticket
 * (`ticketRow`): names through the list's own summary columns, the checklist, watchers, files
 * and links as JSON aggregates. Internal files come along and are dropped here for those who may
 * not see them; a linked ticket's `visible` applies the list condition to it alone.
 */
function detailColumns(actor: Actor) {
  const id = ticketRowId;
  return {
    summary: json<SummaryRow & { vendor_name: string | null; status_label: string | null }>(sql`
      SELECT row_to_json(s) FROM (SELECT ${summaryColumns(actor.locale)}, v.name AS vendor_name, l.label AS status_label
        FROM tickets ${summaryJoins()} LEFT JOIN vendors v ON v.id = tickets.vendor_id
        LEFT JOIN ticket_status_labels l ON l.status = tickets.status AND l.locale = ${actor.locale}
        WHERE tickets.id = ${id}) s`),
    checklist: list<{ id: Id; text: string; done: boolean; doneAt: string | null }>(
      sql`json_build_object('id', c.id, 'text', c.text, 'done', c.done, 'doneAt', c.done_at)`,
      sql`FROM ticket_checklist_items c WHERE c.ticket_id = ${id}`,
      sql`c.position`,
    ),
    watchers: list<{ id: Id; name: string }>(
      sql`json_build_object('id', u.id, 'name', u.name)`,
      sql`FROM ticket_watchers w JOIN users u ON u.id = w.user_id WHERE w.ticket_id = ${id}`,
      sql`u.name, u.id`,
    ),
    attachments: list<{
      id: Id;
      displayName: string;
      contentType: string;
      size: number;
      internal: boolean;
      commentId: Id | null;
      uploadedBy: Id;
      createdAt: string;
      uploaderName: string;
    }>(
      sql`json_build_object('id', a.id, 'displayName', a.display_name, 'contentType', a.content_type, 'size', a.size,
        'internal', a.internal, 'commentId', a.comment_id, 'uploadedBy', a.uploaded_by, 'createdAt', a.created_at, 'uploaderName', u.name)`,
      sql`FROM ticket_attachments a JOIN users u ON u.id = a.uploaded_by WHERE a.ticket_id = ${id} AND a.deleted_at IS NULL`,
      sql`a.id`,
    ),
    // A linked ticket carries the facts the policy needs, so that `canSee` decides whether its title shows.
    links: list<{
      id: Id;
      kind: string;
      outgoing: boolean;
      other: { id: Id; number: string; title: string; facts: Omit<TicketFacts, 'startedAt'> & { startedAt: string | null } };
    }>(
      // The other ticket by a scalar subquery (one index lookup), not a join the planner has to weigh.
      sql`json_build_object('id', l.id, 'kind', l.kind, 'outgoing', l.ticket_id = ${id}, 'other', (
        SELECT json_build_object('id', o.id, 'number', o.number, 'title', o.title,
          'facts', json_build_object('companyId', o.company_id, 'unitPath', o.unit_path, 'requesterId', o.requester_id, 'teamId', o.team_id,
            'assigneeId', o.assignee_id, 'status', o.status, 'awaitingValidation', o.awaiting_validation, 'startedAt', o.started_at,
            'watcher', EXISTS (SELECT 1 FROM ticket_watchers ow WHERE ow.ticket_id = o.id AND ow.user_id = ${actor.userId})))
        FROM tickets o WHERE o.id = CASE WHEN l.ticket_id = ${id} THEN l.other_id ELSE l.ticket_id END))`,
      sql`FROM ticket_links l WHERE l.ticket_id = ${id} OR l.other_id = ${id}`,
      sql`l.id`,
    ),
  };
}

type Detail = Awaited<ReturnType<typeof readVisible<ReturnType<typeof detailColumns>>>>['extra'];

/** The ticket page (`GET /tickets/:id`): the ticket, its visibility facts and all it shows, in one statement. */
export async function showTicket(tx: Tx, actor: Actor, idOrNumber: string) {
  const { extra, ...loaded } = await readVisible(tx, actor, idOrNumber, detailColumns(actor));
  return present(actor, loaded, extra);
}

/** The full ticket as the caller may see it, with what they may do next (after a change: one statement). */
export async function presentTicket(tx: Tx, actor: Actor, loaded: Loaded) {
  const [row] = await tx.select(detailColumns(actor)).from(ticketRow).where(eq(ticketRow.id, loaded.ticket.id));
  if (!row) throw notFound();
  return present(actor, loaded, row);
}

function present(actor: Actor, loaded: Loaded, detail: Detail) {
  const { ticket } = loaded;
  const internal = seesInternal(actor, loaded.facts);
  const { summary: row } = detail;
  const label = (status: TicketStatus) =>
    status === row.status && row.status_label !== null ? row.status_label : t(actor.locale, `tickets.status.${status}`);
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
    checklist: detail.checklist.map((c) => ({ id: Number(c.id), text: c.text, done: c.done, doneAt: when(c.doneAt) })),
    watchers: detail.watchers.map((w) => ({ id: Number(w.id), name: w.name })),
    attachments: detail.attachments
      .filter((a) => internal || !a.internal)
      .map((a) => ({
        id: Number(a.id),
        name: a.displayName,
        contentType: a.contentType,
        size: a.size,
        internal: a.internal,
        commentId: a.commentId === null ? null : Number(a.commentId),
        uploadedBy: { id: Number(a.uploadedBy), name: a.uploaderName },
        createdAt: isoInstant(a.createdAt),
        url: `/api/v1/tickets/${ticket.id}/attachments/${a.id}`,
        canDelete: canDeleteAttachment(actor, loaded.facts, Number(a.uploadedBy)),
      })),
    links: detail.links.map(({ id, kind, outgoing, other: { facts, ...other } }) => {
      const theirs = { ...facts, startedAt: facts.startedAt === null ? null : new Date(facts.startedAt) };
      // A linked ticket the reader may not open shows its number only: its title and status stay with those who may.
      const visible = canSee(actor, theirs, loaded.me);
      return {
        id: Number(id),
        kind: outgoing ? kind : (INVERSE_LINK[kind] ?? kind),
        ticket: {
          id: Number(other.id),
          number: other.number,
          title: visible ? other.title : null,
          status: visible ? theirs.status : null,
          visible,
        },
      };
    }),
    allowedActions: allowedActions(actor, loaded.facts, loaded.me),
  };
}

/** Ids in entries' data that name people and teams, keyed `{ field: [before, after] }` or `{ field: id }`. */
const PERSON_FIELDS = ['assigneeId', 'targetUserId', 'targetUserIds', 'onBehalfOf'];
const TEAM_FIELDS = ['teamId'];

/** A JSON path to the positive whole numbers under `fields`, alone or in an array (`[before, after]`, a list of ids). */
const idsPath = (fields: string[]) =>
  `lax $.keyvalue() ? (${fields.map((f) => `@.key == ${JSON.stringify(f)}`).join(' || ')}).value[*] ? (@.type() == "number" && @ > 0 && @ == @.floor())`;

/** `{ id: name }` of the rows of `table` an entry's data names under `fields`. */
const namesIn = (table: 'users' | 'teams', fields: string[]) =>
  sql`(SELECT json_object_agg(n.id, n.name) FROM ${sql.identifier(table)} n
    WHERE n.id = ANY (ARRAY(SELECT v::bigint FROM jsonb_path_query(e.data, ${idsPath(fields)}::jsonpath, '{}', true) v)))`;

interface Entry {
  id: Id;
  at: string;
  kind: string;
  public: boolean;
  actorId: Id | null;
  actorName: string | null;
  data: Record<string, unknown>;
  bodyHtml: string | null;
  people: Record<string, string> | null;
  teams: Record<string, string> | null;
}

/**
 * The timeline as a column of the statement reading the ticket: its entries oldest first (one range
 * of `ticket_events_ticket_idx`), each with its actor, its reply's body and the names its data
 * refers to, so that dropping an internal entry drops its names too.
 */
const timelineColumn = () =>
  list<Entry>(
    sql`json_build_object('id', e.id, 'at', e.at, 'kind', e.kind, 'public', e.public, 'actorId', e.actor_id, 'actorName', u.name,
      'data', e.data, 'bodyHtml', c.body_html, 'people', ${namesIn('users', PERSON_FIELDS)}, 'teams', ${namesIn('teams', TEAM_FIELDS)})`,
    sql`FROM ticket_events e
      LEFT JOIN users u ON u.id = e.actor_id
      LEFT JOIN ticket_comments c ON c.id = (e.data->>'commentId')::bigint
      WHERE e.ticket_id = ${ticketRowId}`,
    sql`e.at, e.id`,
  );

/** The timeline page (`GET /tickets/:id/timeline`): the ticket's visibility facts and its entries in one statement. */
export async function showTimeline(tx: Tx, actor: Actor, idOrNumber: string) {
  const { extra, ...loaded } = await readVisible(tx, actor, idOrNumber, { entries: timelineColumn() });
  return timeline(actor, loaded, extra.entries);
}

/** Timeline: requesters see public entries, people working the ticket see all. */
export async function presentTimeline(tx: Tx, actor: Actor, loaded: Loaded) {
  const [row] = await tx.select({ entries: timelineColumn() }).from(ticketRow).where(eq(ticketRow.id, loaded.ticket.id));
  return timeline(actor, loaded, row?.entries ?? []);
}

function timeline(actor: Actor, loaded: Loaded, entries: Entry[]) {
  const internal = seesInternal(actor, loaded.facts);
  const shown = entries.filter((e) => internal || e.public);
  return {
    items: shown.map((e) => ({
      id: Number(e.id),
      at: isoInstant(e.at),
      kind: e.kind,
      public: e.public,
      actor: e.actorId == null ? null : { id: Number(e.actorId), name: e.actorName ?? '' },
      data: e.data,
      bodyHtml: e.bodyHtml,
    })),
    // The names of the people and teams the entries refer to (an escalation's team and target, an assignment's before and after).
    people: Object.assign({}, ...shown.map((e) => e.people)) as Record<string, string>,
    teams: Object.assign({}, ...shown.map((e) => e.teams)) as Record<string, string>,
  };
}
