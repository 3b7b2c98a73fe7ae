import { apiTokens, oidcProviders } from '../../src/modules/identity/index.ts';
import { webhookDeliveries, webhookEndpoints, webhookEvents } from '../../src/modules/webhooks/index.ts';
import type { AppContext } from '../../src/platform/context.ts';
import { encryptSecret, newToken, sha256 } from '../../src/platform/security/tokens.ts';
import type { Place } from '../factories.ts';

/** A name nobody used yet, usable as a provider slug. */
const fresh = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * Integration and identity records for the permission matrix and module tests:
 * webhook endpoints with a delivery, personal and service API tokens, and
 * OpenID Connect providers, each made fresh in the place the caller names.
 */
export function integrationFactories(ctx: AppContext) {
  const db = ctx.db;
  const one = async <T>(rows: Promise<T[]>, what: string): Promise<T> => {
    const [row] = await rows;
    if (!row) throw new Error(`factory: no ${what}`);
    return row;
  };

  return {
    /** An endpoint subscribed to ticket events in `place`'s unit (and below). */
    async webhook(place: Place, o: { active?: boolean } = {}) {
      return one(
        db
          .insert(webhookEndpoints)
          .values({
            name: fresh('Penerima'),
            url: 'https://93.184.215.14/ish',
            events: ['ticket.created'],
            scopeKind: 'unit',
            companyId: place.companyId,
            unitId: place.unitId,
            unitPath: place.unitPath,
            secretEncrypted: encryptSecret(`whsec_${newToken()}`, ctx.env.APP_SECRET),
            active: o.active ?? true,
          })
          .returning(),
        'webhook endpoint',
      );
    },
    /** One delivered event of a record in `place`, in the endpoint's log. */
    async webhookDelivery(endpointId: number, place: Place) {
      const id = `evt_${newToken().slice(0, 32)}`;
      const recordKey = `ticket:${fresh('t')}`;
      await db.insert(webhookEvents).values({
        id,
        type: 'ticket.created',
        recordKey,
        companyId: place.companyId,
        unitPath: place.unitPath,
        payload: { id, type: 'ticket.created', apiVersion: 1, data: {} },
      });
      return one(
        db
          .insert(webhookDeliveries)
          .values({ endpointId, eventId: id, recordKey, status: 'succeeded', attempts: 1, responseStatus: 200, completedAt: new Date() })
          .returning(),
        'webhook delivery',
      );
    },
    /** A personal API token of `userId` (acting as them). */
    async personalToken(userId: number) {
      return one(
        db
          .insert(apiTokens)
          .values({
            userId,
            name: fresh('Skrip'),
            tokenHash: sha256(`ish_${newToken()}`),
            prefix: 'ish_abcdef',
            scopes: [],
            kind: 'personal',
            expiresAt: new Date(Date.now() + 30 * 86_400_000),
          })
          .returning(),
        'personal token',
      );
    },
    /** A service token owned by `ownerId`, acting only inside `place`'s unit. */
    async serviceToken(ownerId: number, place: Place) {
      return one(
        db
          .insert(apiTokens)
          .values({
            userId: ownerId,
            name: fresh('Integrasi'),
            tokenHash: sha256(`ish_${newToken()}`),
            prefix: 'ish_abcdef',
            scopes: ['tickets:read'],
            kind: 'service',
            scopeKind: 'unit',
            unitId: place.unitId,
            expiresAt: new Date(Date.now() + 30 * 86_400_000),
          })
          .returning(),
        'service token',
      );
    },
    /**
     * An OpenID Connect provider of `place`'s company. Its issuer is a loopback
     * address, which the outbound policy refuses unless the operator allows
     * private targets: starting a sign-in with it finds the provider unreachable.
     */
    async oidcProvider(place: Place, o: { active?: boolean } = {}) {
      return one(
        db
          .insert(oidcProviders)
          .values({
            companyId: place.companyId,
            slug: fresh('sso'),
            name: 'Akun Kantor',
            issuer: 'http://127.0.0.1:9/realms/kantor',
            clientId: 'ish-hub',
            clientSecretEncrypted: encryptSecret('rahasia-klien', ctx.env.APP_SECRET),
            allowedDomains: [],
            unitMapping: {},
            defaultRole: 'requester',
            active: o.active ?? true,
          })
          .returning(),
        'OIDC provider',
      );
    },
  };
}
