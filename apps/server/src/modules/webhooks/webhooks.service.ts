import { randomBytes, randomUUID } from 'node:crypto';
import type { WebhookEvent } from '@ish/shared';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, type Scope, scopeContains, scopesFor } from '../../platform/authz/actor.ts';
import { referenceCacheThrough } from '../../platform/cache/reference.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, notFound, versionConflict } from '../../platform/http/errors.ts';
import { assertOutboundAllowed, outboundPolicyOf } from '../../platform/outbound/outbound.ts';
import { encryptSecret } from '../../platform/security/tokens.ts';
import { companies, findUnitPlacement } from '../org/index.ts';
import { type EndpointRow, webhookAttempts, webhookDeliveries, webhookEndpoints, webhookEvents } from './webhooks.tables.ts';

export const WEBHOOK_DELIVER_JOB = 'webhooks.deliver';
/** The payload's shape; a breaking change raises it (receivers read `apiVersion`). */
export const PAYLOAD_VERSION = 1;
/** After a rotation the previous secret keeps signing this long. */
const ROTATION_OVERLAP_HOURS = 24;

export interface Placement {
  companyId: number;
  unitPath: string;
}

export type EndpointScope = { kind: 'organisation' } | { kind: 'company'; companyId: number } | { kind: 'unit'; unitId: number };

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

/** The place an endpoint covers, as a grant's scope. */
export function scopeOfEndpoint(e: EndpointRow): Scope {
  if (e.scopeKind === 'organisation') return { kind: 'organisation' };
  if (e.scopeKind === 'company') return { kind: 'company', companyId: Number(e.companyId) };
  return { kind: 'unit', unitId: Number(e.unitId), unitPath: String(e.unitPath), companyId: Number(e.companyId) };
}

/** Whether the actor manages webhooks over all of `scope` (Administrators everywhere, Division Admins in their unit). */
const manages = (actor: Actor, scope: Scope) => scopesFor(actor, 'webhook:manage').some((held) => scopeContains(held, scope));

async function resolveScope(tx: Tx, scope: EndpointScope): Promise<Scope> {
  if (scope.kind === 'organisation') return scope;
  if (scope.kind === 'company') {
    const [company] = await tx.select({ id: companies.id }).from(companies).where(eq(companies.id, scope.companyId));
    if (!company) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'scope.companyId', message: 'NOT_FOUND' }]);
    return scope;
  }
  const unit = await findUnitPlacement(tx, scope.unitId);
  if (!unit) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'scope.unitId', message: 'NOT_FOUND' }]);
  return { kind: 'unit', unitId: unit.unitId, unitPath: unit.unitPath, companyId: unit.companyId };
}

async function assertTarget(ctx: AppContext, url: string) {
  try {
    await assertOutboundAllowed(url, outboundPolicyOf(ctx.env));
  } catch (error) {
    if (error instanceof AppError && error.code === 'OUTBOUND_NOT_ALLOWED')
      throw new AppError(400, 'WEBHOOK_URL_REFUSED', {}, [{ path: 'url', message: 'WEBHOOK_URL_REFUSED' }]);
    throw error;
  }
}

/** An endpoint the actor manages, or 404 (an endpoint outside their scope is not theirs to know of). */
export async function getEndpoint(tx: Tx, actor: Actor, id: number): Promise<EndpointRow> {
  const [row] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  if (!row || !manages(actor, scopeOfEndpoint(row))) throw notFound();
  return row;
}

export async function listEndpoints(tx: Tx, actor: Actor): Promise<EndpointRow[]> {
  const rows = await tx.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.active), webhookEndpoints.name, webhookEndpoints.id);
  return rows.filter((r) => manages(actor, scopeOfEndpoint(r)));
}

/** Subscribes an HTTPS endpoint (the outbound policy decides) to events in a scope the actor manages; the secret is returned once. */
export async function createEndpoint(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; url: string; events: WebhookEvent[]; scope: EndpointScope },
  source: AuditSource,
): Promise<{ row: EndpointRow; secret: string }> {
  await assertTarget(ctx, input.url);
  return ctx.db.transaction(async (tx) => {
    const scope = await resolveScope(tx, input.scope);
    if (!manages(actor, scope)) throw new AppError(403, 'FORBIDDEN');
    const secret = newSecret();
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        name: input.name,
        url: input.url,
        events: [...new Set(input.events)],
        scopeKind: scope.kind,
        companyId: scope.kind === 'organisation' ? null : scope.companyId,
        unitId: scope.kind === 'unit' ? scope.unitId : null,
        unitPath: scope.kind === 'unit' ? scope.unitPath : null,
        secretEncrypted: encryptSecret(secret, ctx.env.APP_SECRET),
        createdBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error('endpoint insert failed');
    await recordAudit(tx, source, {
      action: 'webhook.created',
      targetType: 'webhook',
      targetId: row.id,
      after: { name: row.name, url: row.url, events: row.events, scope: input.scope },
    });
    return { row, secret };
  });
}

/** Renames, re-points, re-subscribes, pauses or resumes an endpoint (resuming clears its failure streak). */
export async function updateEndpoint(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { version: number; name?: string; url?: string; events?: WebhookEvent[]; active?: boolean },
  source: AuditSource,
): Promise<EndpointRow> {
  if (input.url) await assertTarget(ctx, input.url);
  return ctx.db.transaction(async (tx) => {
    const before = await getEndpoint(tx, actor, id);
    const { version, ...changes } = input;
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        ...changes,
        ...(changes.events ? { events: [...new Set(changes.events)] } : {}),
        ...(changes.active === true ? { disabledReason: null, failureStreak: 0 } : {}),
        ...(changes.active === false ? { disabledReason: 'manual' as const } : {}),
        version: sql`${webhookEndpoints.version} + 1`,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.version, version)))
      .returning();
    if (!row) throw versionConflict();
    await recordAudit(tx, source, {
      action: 'webhook.updated',
      targetType: 'webhook',
      targetId: id,
      before: { name: before.name, url: before.url, events: before.events, active: before.active },
      after: changes,
    });
    return row;
  });
}

/**
 * A new signing secret, returned once. The previous one keeps signing beside
 * it (a second `v1`) for 24 hours, so the receiver can switch without downtime.
 */
export async function rotateSecret(
  ctx: AppContext,
  actor: Actor,
  id: number,
  source: AuditSource,
): Promise<{ row: EndpointRow; secret: string }> {
  return ctx.db.transaction(async (tx) => {
    const before = await getEndpoint(tx, actor, id);
    const secret = newSecret();
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        secretEncrypted: encryptSecret(secret, ctx.env.APP_SECRET),
        previousSecretEncrypted: before.secretEncrypted,
        previousSecretExpiresAt: new Date(ctx.clock.now().getTime() + ROTATION_OVERLAP_HOURS * 3600_000),
        version: sql`${webhookEndpoints.version} + 1`,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, source, { action: 'webhook.secret_rotated', targetType: 'webhook', targetId: id });
    return { row, secret };
  });
}

const subscribedCache = referenceCacheThrough<ReadonlySet<string>>('webhook_endpoints');

/**
 * Whether any active endpoint subscribes to `type` (events nobody wants are not built). The set of
 * subscribed types is kept per process (`cache`: the database) and dropped when an endpoint changes
 * (migration 0118), so a ticket change without subscribers asks the database nothing.
 */
export async function anySubscribed(tx: Tx, type: WebhookEvent, cache?: Tx): Promise<boolean> {
  const types = await subscribedCache(cache, 'types', async () => {
    const { rows } = await tx.execute<{ type: string }>(sql`SELECT DISTINCT unnest(events) AS type FROM webhook_endpoints WHERE active`);
    return new Set(rows.map((r) => r.type));
  });
  return types.has(type);
}

/**
 * Stores one event (its id is what receivers de-duplicate on) and queues one
 * delivery per active endpoint subscribed to its type whose scope covers the
 * record's place, in the transaction of the change: nothing is sent for a
 * change that rolls back, and an endpoint never hears of a record outside its scope.
 */
export async function publishEvent(
  ctx: AppContext,
  tx: Tx,
  event: { type: WebhookEvent; recordKey: string; placement: Placement; data: Record<string, unknown> },
): Promise<string | null> {
  const { companyId, unitPath } = event.placement;
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.active, true),
        sql`${event.type} = ANY(${webhookEndpoints.events})`,
        sql`(${webhookEndpoints.scopeKind} = 'organisation'
          OR (${webhookEndpoints.scopeKind} = 'company' AND ${webhookEndpoints.companyId} = ${companyId})
          OR (${webhookEndpoints.scopeKind} = 'unit' AND ${unitPath} LIKE ${webhookEndpoints.unitPath} || '%'))`,
      ),
    );
  if (!endpoints.length) return null;
  const id = `evt_${randomUUID().replaceAll('-', '')}`;
  const createdAt = ctx.clock.now();
  const payload = { id, type: event.type, apiVersion: PAYLOAD_VERSION, createdAt: createdAt.toISOString(), data: event.data };
  await tx.insert(webhookEvents).values({ id, type: event.type, recordKey: event.recordKey, companyId, unitPath, payload, createdAt });
  for (const endpoint of endpoints) {
    const [delivery] = await tx
      .insert(webhookDeliveries)
      .values({ endpointId: endpoint.id, eventId: id, recordKey: event.recordKey, createdAt })
      .returning({ id: webhookDeliveries.id });
    if (delivery) await ctx.jobs.send(WEBHOOK_DELIVER_JOB, { deliveryId: delivery.id }, { tx });
  }
  return id;
}

/** The endpoint's deliveries, newest first, with their event and attempts (a cursor: `before` a delivery id). */
export async function listDeliveries(tx: Tx, actor: Actor, endpointId: number, page: { before?: number; limit: number }) {
  await getEndpoint(tx, actor, endpointId);
  const rows = await tx
    .select({ delivery: webhookDeliveries, type: webhookEvents.type, payload: webhookEvents.payload })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.endpointId, endpointId), page.before ? lt(webhookDeliveries.id, page.before) : undefined))
    .orderBy(desc(webhookDeliveries.id))
    .limit(page.limit);
  const attempts = rows.length
    ? await tx
        .select()
        .from(webhookAttempts)
        .where(sql`${webhookAttempts.deliveryId} IN ${rows.map((r) => r.delivery.id)}`)
        .orderBy(webhookAttempts.id)
    : [];
  return rows.map((r) => ({ ...r, attempts: attempts.filter((a) => a.deliveryId === r.delivery.id) }));
}

/** Sends one delivery's event again, as a new delivery with the same event id (receivers de-duplicate on it). */
export async function redeliver(ctx: AppContext, actor: Actor, endpointId: number, deliveryId: number, source: AuditSource) {
  return ctx.db.transaction(async (tx) => {
    const endpoint = await getEndpoint(tx, actor, endpointId);
    if (!endpoint.active) throw new AppError(409, 'WEBHOOK_DISABLED');
    const [original] = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId)));
    if (!original) throw notFound();
    const [row] = await tx
      .insert(webhookDeliveries)
      .values({
        endpointId,
        eventId: original.eventId,
        recordKey: original.recordKey,
        redeliveryOf: original.id,
        createdAt: ctx.clock.now(),
      })
      .returning();
    if (!row) throw new Error('delivery insert failed');
    await ctx.jobs.send(WEBHOOK_DELIVER_JOB, { deliveryId: row.id }, { tx });
    await recordAudit(tx, source, {
      action: 'webhook.redelivered',
      targetType: 'webhook',
      targetId: endpointId,
      after: { deliveryId, eventId: original.eventId },
    });
    return row;
  });
}
