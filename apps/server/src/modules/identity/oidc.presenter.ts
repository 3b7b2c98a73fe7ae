import type { AppContext } from '../../platform/context.ts';
import type { OidcProviderRow } from './identity.tables.ts';
import { callbackUrl } from './oidc.service.ts';

/** A provider as its administrators see it: never the client secret, with the redirect URI to register. */
export const presentProvider = (ctx: AppContext, r: OidcProviderRow) => ({
  id: r.id,
  companyId: r.companyId,
  slug: r.slug,
  name: r.name,
  issuer: r.issuer,
  clientId: r.clientId,
  allowedDomains: r.allowedDomains,
  unitClaim: r.unitClaim,
  unitMapping: r.unitMapping,
  defaultUnitId: r.defaultUnitId,
  defaultRole: r.defaultRole,
  active: r.active,
  callbackUrl: callbackUrl(ctx, r.slug),
  version: r.version,
});
