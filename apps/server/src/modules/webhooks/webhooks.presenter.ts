import type { z } from 'zod';
import type { deliveryOut, endpointOut } from './webhooks.schemas.ts';
import { type listDeliveries, scopeOfEndpoint } from './webhooks.service.ts';
import type { EndpointRow } from './webhooks.tables.ts';

/** An endpoint as the API shows it (never its secret). */
export function presentEndpoint(e: EndpointRow): z.infer<typeof endpointOut> {
  const scope = scopeOfEndpoint(e);
  return {
    id: e.id,
    name: e.name,
    url: e.url,
    events: e.events,
    scope:
      scope.kind === 'organisation'
        ? { kind: 'organisation' as const }
        : scope.kind === 'company'
          ? { kind: 'company' as const, companyId: scope.companyId }
          : { kind: 'unit' as const, unitId: scope.unitId },
    active: e.active,
    disabledReason: e.disabledReason,
    failureStreak: e.failureStreak,
    secretRotatedUntil: e.previousSecretExpiresAt?.toISOString() ?? null,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
  };
}

type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>[number];

/** A delivery of the log with its attempts. */
export function presentDelivery({ delivery: d, type, payload, attempts }: DeliveryRow): z.infer<typeof deliveryOut> {
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: type,
    status: d.status,
    attempts: d.attempts,
    responseStatus: d.responseStatus,
    lastError: d.lastError,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    redeliveryOf: d.redeliveryOf,
    createdAt: d.createdAt.toISOString(),
    completedAt: d.completedAt?.toISOString() ?? null,
    payload,
    log: attempts.map((a) => ({
      at: a.at.toISOString(),
      responseStatus: a.responseStatus,
      error: a.error,
      retryInSeconds: a.retryInSeconds,
    })),
  };
}
