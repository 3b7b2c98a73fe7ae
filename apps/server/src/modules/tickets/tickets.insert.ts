import { randomUUID } from 'node:crypto';
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import { referenceCacheThrough } from '../../platform/cache/reference.ts';
import type { Tx } from '../../platform/db/client.ts';
import { type NumberPlan, numberSql, planNumber } from '../../platform/numbering/numbering.ts';
import { sanitizeRichText } from '../../platform/security/html.ts';
import { companyTimeZone, type findUnitPlacement } from '../org/index.ts';
import type { TicketRow } from './tickets.access.ts';
import { numberPatternFor, type ServiceDeskSettings, serviceDeskSettings } from './tickets.config.ts';
import { priorityFor } from './tickets.priority.ts';
import type { CreateTicketInput } from './tickets.schemas.ts';
import { type TicketOrigin, tickets } from './tickets.tables.ts';
import { recordEvent } from './tickets.timeline.ts';

type Placement = NonNullable<Awaited<ReturnType<typeof findUnitPlacement>>>;

interface NewTicket {
  placement: Placement;
  requester: { id: number; name: string; email: string; phone: string | null };
  createdBy: number;
  input: Omit<CreateTicketInput, 'requesterId' | 'watcherIds' | 'unitId' | 'teamId'>;
  teamId?: number | null;
  /** The reporter's position that raised urgency to high. */
  urgentPosition?: string | null;
  origin?: TicketOrigin;
  /** When it was logged (the context's clock). */
  at: Date;
  /** More facts of the creation for its timeline entry (the channel's contact name). */
  createdData?: Record<string, unknown>;
  /** The service desk settings when the caller has read them already. */
  settings?: ServiceDeskSettings;
  /** The database whose process cache may serve the company's time zone and the priority matrix (see `referenceCacheThrough`). */
  cache?: Tx;
}

const timeZoneCache = referenceCacheThrough<string>('companies');
const priorityCache = referenceCacheThrough<TicketRow['priority']>('priority_matrix');
const priorityOf = (tx: Tx, p: NewTicket) =>
  priorityCache(p.cache, `${p.input.urgency}:${p.input.impact}`, () => priorityFor(tx, p.input.urgency, p.input.impact));

/** What a ticket's number will be made of (no lock taken yet). */
async function planFor(tx: Tx, p: NewTicket): Promise<NumberPlan> {
  return planNumber('ticket', numberPatternFor(p.settings ?? (await serviceDeskSettings(tx)), p.input.type), {
    at: p.at,
    // The number's year is the requester's company's year (a ticket logged at 00:30 WITA on 1 January is next year's).
    timeZone: await timeZoneCache(p.cache, p.placement.companyId, () => companyTimeZone(tx, p.placement.companyId)),
    unitCode: p.placement.unitCode,
  });
}

/** Until it is numbered, a ticket carries a placeholder no one outside its transaction ever sees. */
const UNNUMBERED = '~';
export const isUnnumbered = (number: string) => number.startsWith(UNNUMBERED);

/** The row of a new ticket (its number, or a placeholder) and its creation entry's data. */
function newRow(p: NewTicket, number: SQL<string> | string, priority: TicketRow['priority']) {
  const { placement, requester, input } = p;
  const onBehalf = requester.id !== p.createdBy;
  const channel = input.channel ?? (onBehalf ? 'phone' : 'web');
  const row = {
    number,
    type: input.type,
    title: input.title,
    descriptionHtml: sanitizeRichText(input.description),
    categoryId: input.categoryId ?? null,
    serviceId: input.serviceId ?? null,
    companyId: placement.companyId,
    requesterId: requester.id,
    unitId: placement.unitId,
    unitPath: placement.unitPath,
    contactName: input.contactName ?? requester.name,
    contactPhone: input.contactPhone ?? requester.phone ?? null,
    contactEmail: input.contactEmail ?? requester.email,
    channel,
    urgency: input.urgency,
    impact: input.impact,
    priority,
    tags: normaliseTags(input.tags ?? []),
    teamId: p.teamId ?? null,
    status: p.teamId ? ('assigned' as const) : ('new' as const),
    createdBy: p.createdBy,
    origin: p.origin ?? null,
    createdAt: p.at,
    updatedAt: p.at,
  };
  const created = {
    priority,
    channel,
    onBehalfOf: onBehalf ? requester.id : null,
    ...(p.teamId ? { teamId: p.teamId } : {}),
    ...(p.urgentPosition ? { urgentPosition: p.urgentPosition } : {}),
    ...p.createdData,
  };
  return { row, created };
}

/** Numbers and inserts a ticket and records its creation; the caller has authorised it and announces it. */
export async function insertTicket(tx: Tx, p: NewTicket): Promise<TicketRow> {
  const plan = await planFor(tx, p);
  const { row, created } = newRow(p, numberSql(plan), await priorityOf(tx, p));
  const [ticket] = await tx.insert(tickets).values(row).returning();
  if (!ticket) throw new Error('ticket insert failed');
  await recordEvent(tx, ticket.id, p.createdBy, 'created', { number: ticket.number, ...created });
  return ticket;
}

/**
 * Inserts a ticket without its number: the caller announces it, does the rest
 * of its work and calls `give` as the very last step of its transaction, which
 * draws the number, writes it and records the creation on the timeline (first
 * there all the same: its entry's id is taken now). The number's sequence is
 * then locked for that one statement and the commit only, so concurrent
 * creations hardly wait on each other; numbers stay gapless (a rollback gives
 * the number back).
 */
export async function insertUnnumbered(tx: Tx, p: NewTicket): Promise<{ ticket: TicketRow; give: () => Promise<string> }> {
  const plan = await planFor(tx, p);
  const { row, created } = newRow(p, `${UNNUMBERED}${randomUUID()}`, await priorityOf(tx, p));
  const [inserted] = await tx
    .insert(tickets)
    .values(row)
    .returning({ ...getTableColumns(tickets), entryId: sql<string>`nextval(pg_get_serial_sequence('ticket_events', 'id'))` });
  if (!inserted) throw new Error('ticket insert failed');
  const { entryId, ...ticket } = inserted;
  const give = async () => {
    const { rows } = await tx.execute<{ number: string }>(sql`
      WITH numbered AS (UPDATE tickets SET number = ${numberSql(plan)} WHERE id = ${ticket.id} RETURNING number),
      entry AS (INSERT INTO ticket_events (id, ticket_id, actor_id, kind, public, data) OVERRIDING SYSTEM VALUE
        SELECT ${entryId}, ${ticket.id}, ${p.createdBy}, 'created', true, ${JSON.stringify(created)}::jsonb || jsonb_build_object('number', n.number)
        FROM numbered n)
      SELECT number FROM numbered`);
    const number = rows[0]?.number;
    if (!number) throw new Error('ticket numbering failed');
    return number;
  };
  return { ticket, give };
}

export const normaliseTags = (tags: string[]) => [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();
