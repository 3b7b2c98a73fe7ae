import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/http/errors.ts';
import { mayDecide, stepsOf } from '../approvals/index.ts';
import { findItemVersion } from '../catalog/index.ts';
import { findChargeOfRequest } from '../charges/index.ts';
import { peopleByIds } from '../identity/index.ts';
import { canWorkTicket, findTicketFacts, ticketActionsFor } from '../tickets/index.ts';
import type { Field } from './requests.form.ts';
import { actionOpen, REQUEST_ACTIONS, type RequestAction } from './requests.lifecycle.ts';
import { canSeeRequest } from './requests.policy.ts';
import { serviceRequests } from './requests.tables.ts';

export type Request = typeof serviceRequests.$inferSelect;

/**
 * A request as the API shows it: the item's version with its typed questions
 * in the reader's language, the answers (people as names), the approval steps
 * with who decided them, the fulfilment ticket and the charge.
 */
export async function presentRequest(tx: Tx, actor: Actor, request: Request) {
  const en = actor.locale === 'en';
  const steps = await stepsOf(tx, request.id);
  const charge = await findChargeOfRequest(tx, request.id);
  const v = await findItemVersion(tx, request.versionId);
  const ticket = request.ticketId ? await findTicketFacts(tx, request.ticketId) : null;
  const form = (v?.form ?? []) as Field[];
  const personKeys = form.filter((f) => f.type === 'person' && typeof request.answers[f.key] === 'number').map((f) => f.key);
  const people = await peopleByIds(tx, [
    request.requesterId,
    ...steps.flatMap((a) => (a.decidedBy === null ? [] : [a.decidedBy])),
    ...personKeys.map((k) => request.answers[k] as number),
  ]);
  const person = (id: number) => ({ id, name: people.get(id)?.name ?? '' });
  const actions = await requestActions(tx, actor, request, v?.costModel ?? 'fixed');
  const requester = people.get(request.requesterId);
  return {
    id: request.id,
    number: request.number,
    status: request.status,
    requester: { ...person(request.requesterId), unit: requester?.unit ?? { id: request.unitId, name: '' } },
    item: {
      id: request.itemId,
      version: v?.number ?? 0,
      name: (en ? v?.nameEn : v?.nameId) ?? '',
      costModel: v?.costModel ?? 'fixed',
      unitLabel: v?.unitLabel ?? null,
      /** The form's questions as the version asked them, to label and read the answers. */
      fields: form.map((f) => ({
        key: f.key,
        type: f.type,
        label: en ? f.labelEn : f.labelId,
        options: (f.options ?? []).map((o) => ({ value: o.value, label: en ? o.labelEn : o.labelId })),
      })),
    },
    quantity: request.quantityHundredths / 100,
    actualQuantity: request.actualQuantityHundredths === null ? null : request.actualQuantityHundredths / 100,
    rate: Number(request.rate),
    estimate: Number(request.estimate),
    answers: {
      ...request.answers,
      ...Object.fromEntries(personKeys.map((k) => [k, person(request.answers[k] as number)])),
    },
    ticket: request.ticketId ? { id: request.ticketId, number: ticket?.number ?? '' } : null,
    approvals: steps.map((a) => ({
      id: a.id,
      position: a.position,
      threshold: Number(a.threshold),
      role: a.role,
      state: a.state,
      decidedBy: a.decidedBy === null ? null : person(a.decidedBy),
      comment: a.comment,
      decidedAt: a.decidedAt?.toISOString() ?? null,
      dueAt: a.dueAt?.toISOString() ?? null,
      canDecide: a.state === 'pending' && mayDecide(actor, a),
    })),
    canWithdraw: request.status === 'pending_approval' && request.requesterId === actor.userId,
    charge: charge ? { id: charge.id, amount: Number(charge.amount), quantity: charge.quantityHundredths / 100 } : null,
    createdAt: request.createdAt.toISOString(),
    version: request.version,
    allowedActions: actions,
  };
}

/**
 * What the caller may do with a request now; the UI offers exactly these.
 * Fulfilment runs on the provider's ticket, so its actions follow what the
 * ticket allows the caller: start and complete it, record the actual quantity
 * (measured items) while it is worked, and confirm it once done.
 */
async function requestActions(tx: Tx, actor: Actor, request: Request, costModel: string): Promise<RequestAction[]> {
  const ticketId = request.ticketId;
  if (ticketId === null || !Object.keys(REQUEST_ACTIONS).some((a) => actionOpen(a as RequestAction, request.status))) return [];
  const ticket = await ticketActionsFor(tx, actor, ticketId);
  const may: Record<RequestAction, () => Promise<boolean> | boolean> = {
    start: () => ticket.includes('start'),
    record_quantity: async () => costModel !== 'fixed' && (await canWorkTicket(tx, actor, ticketId)),
    complete: () => ticket.includes('resolve'),
    confirm: () => ticket.includes('confirm'),
  };
  const actions: RequestAction[] = [];
  for (const action of Object.keys(REQUEST_ACTIONS) as RequestAction[])
    if (actionOpen(action, request.status) && (await may[action]())) actions.push(action);
  return actions;
}

/** A request the actor may see, presented; 404 otherwise. */
export async function getRequest(tx: Tx, actor: Actor, id: number) {
  const [request] = await tx.select().from(serviceRequests).where(eq(serviceRequests.id, id));
  if (!request || !(await canSeeRequest(tx, actor, request))) throw notFound();
  return presentRequest(tx, actor, request);
}
