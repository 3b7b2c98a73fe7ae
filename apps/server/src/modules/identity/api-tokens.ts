import { type Permission, TOKEN_SCOPE_RULES, type TokenScope, tokenAllowance } from '@ish/shared';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, can, type Grant, type Scope, scopeContains, scopesFor } from '../../platform/authz/actor.ts';
import { cacheBusOf, type Tx } from '../../platform/db/client.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { newToken, sha256 } from '../../platform/security/tokens.ts';
import { type CachedToken, frozen, tokenCache } from './actor.cache.ts';
import { loadActor } from './actor.loader.ts';
import { apiTokens } from './identity.tables.ts';

/** Tokens are recognisable in logs and secret scanners by this prefix. */
const TOKEN_PREFIX = 'ish_';
/** GitHub's and our default lifetime; a year at most. */
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;

export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type ServiceScope = { kind: 'company'; companyId: number } | { kind: 'unit'; unitId: number };

interface TokenInput {
  name: string;
  scopes: TokenScope[];
  expiresInDays?: number;
}

async function insertToken(
  tx: Tx,
  values: Omit<typeof apiTokens.$inferInsert, 'tokenHash' | 'prefix' | 'expiresAt'> & { expiresInDays?: number },
  source: AuditSource,
  now: Date,
): Promise<{ token: string; row: ApiTokenRow }> {
  const token = `${TOKEN_PREFIX}${newToken()}`;
  const { expiresInDays = TOKEN_DEFAULT_DAYS, ...rest } = values;
  const [row] = await tx
    .insert(apiTokens)
    .values({
      ...rest,
      scopes: [...new Set(rest.scopes)],
      tokenHash: sha256(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      expiresAt: new Date(now.getTime() + expiresInDays * 86_400_000),
    })
    .returning();
  if (!row) throw new Error('token insert failed');
  await recordAudit(tx, source, {
    action: row.kind === 'service' ? 'service_token.created' : 'api_token.created',
    targetType: 'api_token',
    targetId: row.id,
    after: {
      name: row.name,
      scopes: row.scopes,
      expiresAt: row.expiresAt,
      scopeKind: row.scopeKind,
      companyId: row.companyId,
      unitId: row.unitId,
    },
  });
  return { token, row };
}

/** A scope is granted only when the holder has at least one of its permissions (`held` says where counts). */
function assertScopesHeld(scopes: TokenScope[], held: (p: Permission) => boolean) {
  for (const scope of scopes)
    if (!TOKEN_SCOPE_RULES[scope].permissions.some(held)) throw new AppError(403, 'TOKEN_SCOPE_NOT_HELD', { scope });
}

/**
 * Creates a personal token for the actor; the secret is returned once and only
 * its hash is kept. Without scopes it acts as its owner; with scopes, as its
 * owner narrowed to them.
 */
export async function createPersonalToken(
  tx: Tx,
  actor: Actor,
  input: TokenInput,
  source: AuditSource,
  now = new Date(),
): Promise<{ token: string; row: ApiTokenRow }> {
  assertScopesHeld(input.scopes, (p) => can(actor, p));
  return insertToken(tx, { userId: actor.userId, kind: 'personal', ...input }, source, now);
}

/** The company and path of a unit, or null. */
async function unitPlacement(tx: Tx, unitId: number) {
  const { rows } = await tx.execute<{ id: number; path: string; company_id: number }>(
    sql`SELECT id, path, company_id FROM units WHERE id = ${unitId} AND active`,
  );
  const row = rows[0];
  return row ? { unitId: Number(row.id), unitPath: row.path, companyId: Number(row.company_id) } : null;
}

async function scopeOf(tx: Tx, scope: ServiceScope): Promise<Scope | null> {
  if (scope.kind === 'company') {
    const { rows } = await tx.execute(sql`SELECT 1 FROM companies WHERE id = ${scope.companyId} AND active`);
    return rows.length ? { kind: 'company', companyId: scope.companyId } : null;
  }
  const unit = await unitPlacement(tx, scope.unitId);
  return unit ? { kind: 'unit', ...unit } : null;
}

const SERVICE_OWNER = 'settings:manage' as const;

/**
 * Creates a service token owned by the Administrator creating it, acting only
 * inside one company or unit with the given scopes (at least one). The owner
 * must administer that place and hold each scope's permissions there.
 */
export async function createServiceToken(
  tx: Tx,
  actor: Actor,
  input: TokenInput & { scope: ServiceScope },
  source: AuditSource,
  now = new Date(),
): Promise<{ token: string; row: ApiTokenRow }> {
  const scope = await scopeOf(tx, input.scope);
  if (!scope) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'scope', message: 'NOT_FOUND' }]);
  if (!scopesFor(actor, SERVICE_OWNER).some((s) => scopeContains(s, scope))) throw new AppError(403, 'FORBIDDEN');
  assertScopesHeld(input.scopes, (p) => scopesFor(actor, p).some((s) => scopeContains(s, scope)));
  const { scope: _, ...rest } = input;
  return insertToken(
    tx,
    {
      ...rest,
      userId: actor.userId,
      kind: 'service',
      scopeKind: scope.kind as 'company' | 'unit',
      companyId: scope.kind === 'company' ? scope.companyId : null,
      unitId: scope.kind === 'unit' ? scope.unitId : null,
    },
    source,
    now,
  );
}

export async function listPersonalTokens(tx: Tx, actor: Actor): Promise<ApiTokenRow[]> {
  return tx
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.userId), eq(apiTokens.kind, 'personal')))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

type ServiceTokenRow = ApiTokenRow & { ownerName: string; unitPath: string | null; unitCompanyId: number | null };

const placeOf = (row: ServiceTokenRow): Scope | null =>
  row.scopeKind === 'company'
    ? { kind: 'company', companyId: Number(row.companyId) }
    : row.unitPath !== null
      ? { kind: 'unit', unitId: Number(row.unitId), unitPath: row.unitPath, companyId: Number(row.unitCompanyId) }
      : null;

/** Service tokens over places the actor administers (all of them for an organisation-wide Administrator). */
export async function listServiceTokens(tx: Tx, actor: Actor, id?: number): Promise<ServiceTokenRow[]> {
  const rows = await tx
    .select({
      token: apiTokens,
      ownerName: sql<string>`(SELECT name FROM users WHERE id = ${apiTokens.userId})`,
      unitPath: sql<string | null>`(SELECT path FROM units WHERE id = ${apiTokens.unitId})`,
      unitCompanyId: sql<number | null>`(SELECT company_id FROM units WHERE id = ${apiTokens.unitId})`,
    })
    .from(apiTokens)
    .where(and(eq(apiTokens.kind, 'service'), id === undefined ? undefined : eq(apiTokens.id, id)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  const held = scopesFor(actor, SERVICE_OWNER);
  return rows
    .map((r) => ({ ...r.token, ownerName: r.ownerName, unitPath: r.unitPath, unitCompanyId: r.unitCompanyId }))
    .filter((r) => {
      const place = placeOf(r);
      return place !== null && held.some((s) => scopeContains(s, place));
    });
}

async function findServiceToken(tx: Tx, actor: Actor, id: number) {
  return (await listServiceTokens(tx, actor, id))[0] ?? null;
}

async function scopeOfUnit(tx: Tx, row: ApiTokenRow): Promise<Scope | null> {
  const { rows } = await tx.execute<{ path: string; company_id: number }>(sql`SELECT path, company_id FROM units WHERE id = ${row.unitId}`);
  const unit = rows[0];
  return unit ? { kind: 'unit', unitId: Number(row.unitId), unitPath: unit.path, companyId: Number(unit.company_id) } : null;
}

async function revoke(tx: Tx, row: ApiTokenRow, actor: Actor, source: AuditSource, now: Date) {
  await tx.update(apiTokens).set({ revokedAt: now, revokedBy: actor.userId }).where(eq(apiTokens.id, row.id));
  await recordAudit(tx, source, {
    action: row.kind === 'service' ? 'service_token.revoked' : 'api_token.revoked',
    targetType: 'api_token',
    targetId: row.id,
    before: { name: row.name },
  });
}

/** Revokes one of the actor's own tokens at once; another user's token answers 404. */
export async function revokePersonalToken(tx: Tx, actor: Actor, id: number, source: AuditSource, now = new Date()): Promise<void> {
  const [row] = await tx
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId), eq(apiTokens.kind, 'personal'), isNull(apiTokens.revokedAt)));
  if (!row) throw notFound();
  await revoke(tx, row, actor, source, now);
}

/** Revokes a service token over a place the actor administers (any Administrator there, not only its owner). */
export async function revokeServiceToken(tx: Tx, actor: Actor, id: number, source: AuditSource, now = new Date()): Promise<void> {
  const row = await findServiceToken(tx, actor, id);
  if (!row || row.revokedAt) throw notFound();
  await revoke(tx, row, actor, source, now);
}

/** The owner's grants, each cut down to the token's place (grants elsewhere fall away). */
function narrowGrants(grants: Grant[], scope: Scope): Grant[] {
  return grants.flatMap((g) => (scopeContains(g.scope, scope) ? [{ ...g, scope }] : scopeContains(scope, g.scope) ? [g] : []));
}

/** Where a service token stands: its unit, or its company's first top-level unit. */
async function homeOf(tx: Tx, scope: Scope) {
  if (scope.kind === 'unit') return { unitId: scope.unitId, unitPath: scope.unitPath, companyId: scope.companyId };
  if (scope.kind !== 'company') return null;
  const { rows } = await tx.execute<{ id: number }>(
    sql`SELECT id FROM units WHERE company_id = ${scope.companyId} AND parent_id IS NULL AND active ORDER BY id LIMIT 1`,
  );
  return rows[0] ? unitPlacement(tx, Number(rows[0].id)) : null;
}

/**
 * The actor behind an `Authorization: Bearer` token, or null when it is
 * unknown, revoked, expired or its owner is deactivated. A personal token acts
 * as its owner (narrowed to its scopes, if any); a service token as its owner
 * inside its company or unit only. The scopes are applied for this request's
 * method (a read scope reaches GET and HEAD only). Last use (time and address)
 * is recorded at most once a minute, or when the address changes.
 */
export async function resolveApiToken(
  tx: Tx,
  token: string,
  request: { method: string; ip: string },
  now = new Date(),
): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const hash = sha256(token);
  const bus = cacheBusOf(tx);
  const cache = bus?.live ? tokenCache(bus) : null;
  let entry = cache?.peek(hash);
  if (!entry || entry.expiresAt <= now.getTime()) {
    const generation = bus?.generation ?? 0;
    const loaded = await loadToken(tx, hash, now);
    if (!loaded) return null;
    entry = loaded;
    cache?.set(hash, entry, generation);
  }
  if (entry.lastUsedAt === null || now.getTime() - entry.lastUsedAt > 60_000 || entry.lastUsedIp !== request.ip) {
    await tx.update(apiTokens).set({ lastUsedAt: now, lastUsedIp: request.ip }).where(eq(apiTokens.id, entry.tokenId));
    entry.lastUsedAt = now.getTime();
    entry.lastUsedIp = request.ip;
  }
  if (entry.scopes.length === 0) return entry.actor;
  const allowed = tokenAllowance(entry.scopes as TokenScope[], request.method);
  return { ...entry.actor, tokenPermissions: allowed.permissions, tokenRecords: allowed.records };
}

/** A live token with its owner, placed and narrowed to the token's company or unit; null when it acts for nobody. */
async function loadToken(tx: Tx, hash: string, now: Date): Promise<CachedToken | null> {
  const [row] = await tx
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now)));
  if (!row) return null;
  const owner = await loadActor(tx, row.userId);
  if (!owner) return null;
  let actor: Actor = { ...owner, token: { id: row.id, name: row.name, kind: row.kind } };
  if (row.kind === 'service') {
    const scope = row.scopeKind === 'company' ? { kind: 'company' as const, companyId: Number(row.companyId) } : await scopeOfUnit(tx, row);
    const home = scope && (await homeOf(tx, scope));
    if (!scope || !home) return null;
    actor = { ...actor, ...home, grants: narrowGrants(owner.grants, scope) };
  }
  return {
    actor: frozen(actor),
    tokenId: row.id,
    scopes: row.scopes,
    expiresAt: row.expiresAt.getTime(),
    lastUsedAt: row.lastUsedAt?.getTime() ?? null,
    lastUsedIp: row.lastUsedIp,
  };
}
