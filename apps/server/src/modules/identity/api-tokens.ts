import { TOKEN_SCOPE_PERMISSIONS, type TokenScope } from '@ish/shared';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, can } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { newToken, sha256 } from '../../platform/security/tokens.ts';
import { loadActor } from './actor.loader.ts';
import { apiTokens } from './identity.tables.ts';

/** Tokens are recognisable in logs and secret scanners by this prefix. */
const TOKEN_PREFIX = 'ish_';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** The permissions a token with these scopes may use (its owner's, narrowed to these). */
export const permissionsOfScopes = (scopes: readonly string[]) => [
  ...new Set(scopes.flatMap((s) => TOKEN_SCOPE_PERMISSIONS[s as TokenScope] ?? [])),
];

/**
 * Creates a token for the actor; the secret is returned once and only its hash
 * is kept. A scope is granted only when the owner holds one of its permissions.
 */
export async function createApiToken(
  tx: Tx,
  actor: Actor,
  input: { name: string; scopes: TokenScope[]; expiresInDays: number },
  source: AuditSource,
  now = new Date(),
): Promise<{ token: string; row: ApiTokenRow }> {
  for (const scope of input.scopes)
    if (!TOKEN_SCOPE_PERMISSIONS[scope].some((p) => can(actor, p))) throw new AppError(403, 'TOKEN_SCOPE_NOT_HELD', { scope });
  const token = `${TOKEN_PREFIX}${newToken()}`;
  const [row] = await tx
    .insert(apiTokens)
    .values({
      userId: actor.userId,
      name: input.name,
      tokenHash: sha256(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      scopes: [...new Set(input.scopes)],
      expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
    })
    .returning();
  if (!row) throw new Error('token insert failed');
  await recordAudit(tx, source, {
    action: 'api_token.created',
    targetType: 'api_token',
    targetId: row.id,
    after: { name: row.name, scopes: row.scopes, expiresAt: row.expiresAt },
  });
  return { token, row };
}

export async function listApiTokens(tx: Tx, actor: Actor): Promise<ApiTokenRow[]> {
  return tx.select().from(apiTokens).where(eq(apiTokens.userId, actor.userId)).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Revokes one of the actor's own tokens at once; another user's token answers 404. */
export async function revokeApiToken(tx: Tx, actor: Actor, id: number, source: AuditSource, now = new Date()): Promise<void> {
  const [row] = await tx
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt)))
    .returning();
  if (!row) throw notFound();
  await recordAudit(tx, source, { action: 'api_token.revoked', targetType: 'api_token', targetId: id, before: { name: row.name } });
}

/**
 * The actor behind an `Authorization: Bearer` token: its owner (if still active)
 * narrowed to the token's scopes; null when unknown, revoked or expired.
 */
export async function resolveApiToken(tx: Tx, token: string, now = new Date()): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const [row] = await tx
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now)));
  if (!row) return null;
  const actor = await loadActor(tx, row.userId);
  if (!actor) return null;
  // Reads stay reads: last use is recorded at most once a minute.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000)
    await tx.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  return { ...actor, tokenPermissions: permissionsOfScopes(row.scopes) };
}
