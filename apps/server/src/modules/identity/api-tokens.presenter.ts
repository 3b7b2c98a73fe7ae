import type { TOKEN_SCOPES } from '@ish/shared';
import type { ApiTokenRow } from './api-tokens.ts';

/** A token as its owner or administrator sees it: never the secret. */
export const presentToken = (r: ApiTokenRow) => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  scopes: r.scopes as (typeof TOKEN_SCOPES)[number][],
  expiresAt: r.expiresAt.toISOString(),
  revokedAt: r.revokedAt?.toISOString() ?? null,
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  lastUsedIp: r.lastUsedIp,
  createdAt: r.createdAt.toISOString(),
});

/** A service token with its owner and the place it acts in. */
export const presentService = (r: ApiTokenRow & { ownerName: string }) => ({
  ...presentToken(r),
  owner: { id: r.userId, name: r.ownerName },
  scope:
    r.scopeKind === 'company'
      ? { kind: 'company' as const, companyId: Number(r.companyId) }
      : { kind: 'unit' as const, unitId: Number(r.unitId) },
});
