import type { Tx } from '../../platform/db/client.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { sanitizeRichText } from '../../platform/security/html.ts';
import { companyTimeZone, type findUnitPlacement } from '../org/index.ts';
import type { TicketRow } from './tickets.access.ts';
import { numberPatternFor, serviceDeskSettings } from './tickets.config.ts';
import { priorityFor } from './tickets.priority.ts';
import type { CreateTicketInput } from './tickets.schemas.ts';
import { type TicketOrigin, tickets } from './tickets.tables.ts';
import { recordEvent } from './tickets.timeline.ts';

type Placement = NonNullable<Awaited<ReturnType<typeof findUnitPlacement>>>;

/** Numbers and inserts a ticket and records its creation; the caller has authorised it and announces it. */
export async function insertTicket(
  tx: Tx,
  p: {
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
  },
): Promise<TicketRow> {
  const { placement, requester, input } = p;
  const number = await nextNumber(tx, 'ticket', numberPatternFor(await serviceDeskSettings(tx), input.type), {
    at: p.at,
    // The number's year is the requester's company's year (a ticket logged at 00:30 WITA on 1 January is next year's).
    timeZone: await companyTimeZone(tx, placement.companyId),
    unitCode: placement.unitCode,
  });
  const onBehalf = requester.id !== p.createdBy;
  const [ticket] = await tx
    .insert(tickets)
    .values({
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
      channel: input.channel ?? (onBehalf ? 'phone' : 'web'),
      urgency: input.urgency,
      impact: input.impact,
      priority: await priorityFor(tx, input.urgency, input.impact),
      tags: normaliseTags(input.tags ?? []),
      teamId: p.teamId ?? null,
      status: p.teamId ? 'assigned' : 'new',
      createdBy: p.createdBy,
      origin: p.origin ?? null,
      createdAt: p.at,
      updatedAt: p.at,
    })
    .returning();
  if (!ticket) throw new Error('ticket insert failed');
  await recordEvent(tx, ticket.id, p.createdBy, 'created', {
    number,
    priority: ticket.priority,
    channel: ticket.channel,
    onBehalfOf: onBehalf ? requester.id : null,
    ...(p.teamId ? { teamId: p.teamId } : {}),
    ...(p.urgentPosition ? { urgentPosition: p.urgentPosition } : {}),
    ...p.createdData,
  });
  return ticket;
}

export const normaliseTags = (tags: string[]) => [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();
