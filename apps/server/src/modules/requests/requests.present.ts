import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { notFound } from '../../platform/http/errors.ts';
import { findChargeOfRequest } from '../charges/index.ts';
import { peopleByIds } from '../identity/identity.lookup.ts';
import { canSeeRequest, eligible, eligibleApprovals, visibleRequests } from './requests.access.ts';
import type { Field } from './requests.form.ts';
import { approvals, type RequestStatus, serviceRequests } from './requests.tables.ts';

type Request = typeof serviceRequests.$inferSelect;
interface Page {
  page: number;
  pageSize: number;
}

/**
 * A request as the API shows it: the item's version with its typed questions
 * in the reader's language, the answers (people as names), the approval steps
 * with who decided them, the fulfilment ticket and the charge.
 */
async function presentRequest(tx: Tx, actor: Actor, request: Request) {
  const en = actor.locale === 'en';
  const steps = await tx.select().from(approvals).where(eq(approvals.requestId, request.id)).orderBy(asc(approvals.position));
  const charge = await findChargeOfRequest(tx, request.id);
  const { rows } = await tx.execute<{
    name_id: string;
    name_en: string;
    cost_model: string;
    unit_label: string | null;
    number: number;
    ticket_number: string | null;
    form: Field[];
  }>(sql`
    SELECT v.name_id, v.name_en, v.cost_model, v.unit_label, v.number, v.form, t.number AS ticket_number
    FROM catalog_item_versions v LEFT JOIN tickets t ON t.id = ${request.ticketId ?? 0} WHERE v.id = ${request.versionId}`);
  const v = rows[0];
  const form = v?.form ?? [];
  const personKeys = form.filter((f) => f.type === 'person' && typeof request.answers[f.key] === 'number').map((f) => f.key);
  const people = await peopleByIds(tx, [
    request.requesterId,
    ...steps.flatMap((a) => (a.decidedBy === null ? [] : [a.decidedBy])),
    ...personKeys.map((k) => request.answers[k] as number),
  ]);
  const person = (id: number) => ({ id, name: people.get(id)?.name ?? '' });
  const requester = people.get(request.requesterId);
  return {
    id: request.id,
    number: request.number,
    status: request.status,
    requester: { ...person(request.requesterId), unit: requester?.unit ?? { id: request.unitId, name: '' } },
    item: {
      id: request.itemId,
      version: Number(v?.number ?? 0),
      name: (en ? v?.name_en : v?.name_id) ?? '',
      costModel: v?.cost_model ?? 'fixed',
      unitLabel: v?.unit_label ?? null,
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
    ticket: request.ticketId ? { id: request.ticketId, number: v?.ticket_number ?? '' } : null,
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
      canDecide: a.state === 'pending' && eligible(actor, a, request),
    })),
    charge: charge ? { id: charge.id, amount: Number(charge.amount), quantity: charge.quantityHundredths / 100 } : null,
    createdAt: request.createdAt.toISOString(),
    version: request.version,
  };
}

export async function getRequest(tx: Tx, actor: Actor, id: number) {
  const [request] = await tx.select().from(serviceRequests).where(eq(serviceRequests.id, id));
  if (!request || !(await canSeeRequest(tx, actor, request))) throw notFound();
  return presentRequest(tx, actor, request);
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

/** One page of the steps waiting for the actor (soonest deadline first), or of those they decided (latest first). */
export async function listApprovals(tx: Tx, actor: Actor, query: Page & { state: 'pending' | 'decided' }) {
  const where: SQL | undefined =
    query.state === 'pending'
      ? and(eq(approvals.state, 'pending'), eligibleApprovals(actor))
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
