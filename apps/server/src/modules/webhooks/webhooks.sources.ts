import type { WebhookEvent } from '@ish/shared';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { invoices } from '../billing/index.ts';
import { CHANGE_PATHS, changes, effectiveRisk } from '../changes/index.ts';
import { charges } from '../charges/index.ts';
import { findUnitPlacement } from '../org/index.ts';
import { REQUEST_PATHS, serviceRequests } from '../requests/index.ts';
import { findTicketFacts, isUnnumbered, ticketComments } from '../tickets/index.ts';
import { anySubscribed, type Placement, publishEvent } from './webhooks.service.ts';

// Where each integration event comes from: a domain event of the module that owns the record,
// presented here as integrators see it (ids, numbers, statuses, whole Rupiah; no internal notes).

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const rupiah = (v: bigint) => Number(v);

async function ticketData(ctx: AppContext, tx: Tx, ticketId: number) {
  const t = await findTicketFacts(tx, ticketId);
  if (!t) return null;
  const ticket = {
    id: t.id,
    number: t.number,
    title: t.title,
    type: t.type,
    status: t.status,
    priority: t.priority,
    companyId: t.companyId,
    unitId: t.unitId,
    requesterId: t.requesterId,
    teamId: t.teamId,
    assigneeId: t.assigneeId,
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
    url: `${ctx.env.PUBLIC_URL}/tickets/${t.number}`,
  };
  return { placement: { companyId: t.companyId, unitPath: t.unitPath }, ticket };
}

async function requestData(ctx: AppContext, tx: Tx, requestId: number) {
  const [r] = await tx.select().from(serviceRequests).where(eq(serviceRequests.id, requestId));
  if (!r) return null;
  const request = {
    id: r.id,
    number: r.number,
    status: r.status,
    itemId: r.itemId,
    companyId: r.companyId,
    unitId: r.unitId,
    providerUnitId: r.providerUnitId,
    requesterId: r.requesterId,
    estimate: rupiah(r.estimate),
    ticketId: r.ticketId,
    updatedAt: iso(r.updatedAt),
    url: `${ctx.env.PUBLIC_URL}${REQUEST_PATHS.request(r.number)}`,
  };
  return { placement: { companyId: r.companyId, unitPath: r.unitPath }, request };
}

type Source = (tx: Tx) => Promise<{ recordKey: string; placement: Placement; data: Record<string, unknown> } | null>;

/** Publishes `type` when an endpoint subscribes to it; the record is loaded only then. */
function publisher(ctx: AppContext) {
  return async (tx: Tx, type: WebhookEvent, source: Source) => {
    if (!(await anySubscribed(tx, type, ctx.db))) return;
    const found = await source(tx);
    if (found) await publishEvent(ctx, tx, { type, ...found });
  };
}

export function registerWebhookSources(ctx: AppContext): void {
  const publish = publisher(ctx);
  const ticket =
    (ticketId: number, extra: Record<string, unknown> = {}, change = false) =>
    async (tx: Tx) => {
      const found = await ticketData(ctx, tx, ticketId);
      if (change && found && isUnnumbered(found.ticket.number)) return null;
      return found && { recordKey: `ticket:${ticketId}`, placement: found.placement, data: { ticket: found.ticket, ...extra } };
    };
  // A new ticket is published once it has its number, as it stands then: changes made while it was
  // being created (automatic assignment, a security escalation) are part of its ticket.created.
  ctx.events.on('ticket.numbered', (tx, e) => publish(tx, 'ticket.created', ticket(e.ticketId)));
  ctx.events.on('ticket.updated', (tx, e) => publish(tx, 'ticket.updated', ticket(e.ticketId, { changed: e.changed }, true)));
  ctx.events.on('ticket.status_changed', (tx, e) =>
    publish(tx, 'ticket.status_changed', ticket(e.ticketId, { previousStatus: e.from }, true)),
  );
  ctx.events.on('ticket.commented', async (tx, e) => {
    // Internal notes stay inside the service desk.
    if (e.internal) return;
    await publish(tx, 'ticket.commented', async (inner) => {
      const [comment] = await inner.select().from(ticketComments).where(eq(ticketComments.id, e.commentId));
      const found = await ticketData(ctx, inner, e.ticketId);
      if (!found || !comment) return null;
      return {
        recordKey: `ticket:${e.ticketId}`,
        placement: found.placement,
        data: {
          ticket: found.ticket,
          comment: { id: comment.id, authorId: comment.authorId, bodyHtml: comment.bodyHtml, createdAt: iso(comment.createdAt) },
        },
      };
    });
  });

  const request = (requestId: number, extra: Record<string, unknown>) => async (tx: Tx) => {
    const found = await requestData(ctx, tx, requestId);
    return found && { recordKey: `request:${requestId}`, placement: found.placement, data: { request: found.request, ...extra } };
  };
  ctx.events.on('request.status_changed', (tx, e) =>
    publish(tx, 'request.status_changed', request(e.requestId, { previousStatus: e.from })),
  );
  ctx.events.on('approval.concluded', (tx, e) => publish(tx, 'approval.decided', request(e.requestId, { outcome: e.outcome })));

  ctx.events.on('charge.recorded', (tx, e) =>
    publish(tx, 'charge.recorded', async (inner) => {
      const [c] = await inner.select().from(charges).where(eq(charges.id, e.chargeId));
      const unit = c && (await findUnitPlacement(inner, c.requestingUnitId));
      if (!c || !unit) return null;
      return {
        recordKey: `charge:${c.id}`,
        placement: { companyId: unit.companyId, unitPath: unit.unitPath },
        data: {
          charge: {
            id: c.id,
            kind: c.kind,
            requestId: c.requestId,
            reversalOf: c.reversalOf,
            requestingUnitId: c.requestingUnitId,
            providingUnitId: c.providingUnitId,
            itemId: c.itemId,
            quantity: c.quantityHundredths / 100,
            rate: rupiah(c.rate),
            amount: rupiah(c.amount),
            chargedAt: iso(c.chargedAt),
          },
        },
      };
    }),
  );

  ctx.events.on('invoice.status_changed', async (tx, e) => {
    const type = ({ issued: 'invoice.issued', paid: 'invoice.paid', disputed: 'invoice.disputed' } as const)[e.to as 'issued'];
    if (!type) return;
    await publish(tx, type, async (inner) => {
      const [i] = await inner.select().from(invoices).where(eq(invoices.id, e.invoiceId));
      if (!i) return null;
      return {
        recordKey: `invoice:${i.id}`,
        placement: { companyId: i.companyId, unitPath: i.unitPath },
        data: {
          invoice: {
            id: i.id,
            number: i.number,
            status: i.status,
            period: i.period,
            companyId: i.companyId,
            unitId: i.unitId,
            total: rupiah(i.total),
            dueDate: i.dueDate,
            issuedAt: iso(i.issuedAt),
            paidAt: iso(i.paidAt),
          },
          previousStatus: e.from,
        },
      };
    });
  });

  ctx.events.on('change.status_changed', (tx, e) =>
    publish(tx, 'change.status_changed', async (inner) => {
      const [c] = await inner.select().from(changes).where(eq(changes.id, e.changeId));
      if (!c) return null;
      return {
        recordKey: `change:${c.id}`,
        placement: { companyId: c.companyId, unitPath: c.unitPath },
        data: {
          change: {
            id: c.id,
            number: c.number,
            title: c.title,
            type: c.type,
            status: c.status,
            risk: effectiveRisk(c),
            companyId: c.companyId,
            unitId: c.unitId,
            plannedStart: iso(c.plannedStart),
            plannedEnd: iso(c.plannedEnd),
            version: c.version,
            url: `${ctx.env.PUBLIC_URL}${CHANGE_PATHS.change(c.number)}`,
          },
          previousStatus: e.from,
        },
      };
    }),
  );
}
