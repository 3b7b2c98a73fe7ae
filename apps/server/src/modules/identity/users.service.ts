import type { Role } from '@ish/shared';
import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, can, type Scope, scopesFor } from '../../platform/authz/actor.ts';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { uniquely } from '../../platform/db/errors.ts';
import { saveVersioned } from '../../platform/db/versioned.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/http/errors.ts';
import { hashPassword } from '../../platform/security/passwords.ts';
import { findUnitPlacement } from '../org/index.ts';
import { assertStrongPassword } from './auth.service.ts';
import { roleGrants, users } from './identity.tables.ts';
import { destroyUserSessions } from './sessions.ts';
import { canGrant, canManageUser, canReadUser, managesAnyUser } from './users.policy.ts';
import type { createUserBody, grantBody, listUsersQuery, updateUserBody } from './users.schemas.ts';

type UserRow = typeof users.$inferSelect;

async function placementOf(tx: Tx, unitId: number) {
  const placement = await findUnitPlacement(tx, unitId);
  if (!placement) throw new AppError(400, 'UNKNOWN_REFERENCE', { field: 'unitId' });
  return placement;
}

/**
 * Loads a user for the admin screens: 404 when missing or outside where the
 * caller reads users (its existence stays hidden), 403 when readable but not
 * the caller's to manage.
 */
async function loadUser(tx: Tx, actor: Actor, id: number, need: 'read' | 'manage', lock = false) {
  if (!managesAnyUser(actor)) throw forbidden();
  const query = tx.select().from(users).where(eq(users.id, id));
  const [user] = lock ? await query.for('update') : await query;
  if (!user) throw notFound();
  const at = await placementOf(tx, user.unitId);
  if (!canReadUser(actor, at)) throw notFound();
  if (need === 'manage' && !canManageUser(actor, at)) throw forbidden();
  return { user, at };
}

/** Users with their unit, company and roles, in the API shape. */
export async function presentUsers(tx: Tx, rows: UserRow[]) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const { rows: extra } = await tx.execute<{
    id: number;
    unit_code: string;
    unit_name: string;
    company_id: number;
    company_name: string;
    roles: Role[] | null;
  }>(sql`
    SELECT u.id, un.code AS unit_code, un.name AS unit_name, c.id AS company_id, c.name AS company_name,
      (SELECT array_agg(DISTINCT g.role ORDER BY g.role) FROM role_grants g WHERE g.user_id = u.id) AS roles
    FROM users u JOIN units un ON un.id = u.unit_id JOIN companies c ON c.id = un.company_id WHERE u.id IN ${ids}`);
  const byId = new Map(extra.map((e) => [Number(e.id), e]));
  return rows.map((u) => {
    const e = byId.get(u.id);
    return {
      id: u.id,
      email: u.email,
      name: u.name,
      phone: u.phone,
      position: u.position,
      unit: { id: u.unitId, code: e?.unit_code ?? '', name: e?.unit_name ?? '' },
      company: { id: Number(e?.company_id), name: e?.company_name ?? '' },
      locale: u.locale,
      timeZone: u.timeZone,
      roles: e?.roles ?? [],
      active: u.active,
      hasPassword: u.passwordHash !== null,
      version: u.version,
    };
  });
}

async function presentUser(tx: Tx, row: UserRow) {
  const [user] = await presentUsers(tx, [row]);
  if (!user) throw notFound();
  return user;
}

export async function listUsers(tx: Tx, actor: Actor, q: z.infer<typeof listUsersQuery>) {
  if (!managesAnyUser(actor)) throw forbidden();
  const like = q.q ? `%${q.q.replace(/[%_\\]/g, '')}%` : null;
  const where: SQL | undefined = and(
    sql`${users.unitId} IN (SELECT id FROM units WHERE ${scopeCondition(actor, 'user:read', { companyId: sql`units.company_id`, unitPath: sql`units.path` })})`,
    like ? or(ilike(users.name, like), ilike(users.email, like)) : undefined,
    q.unitId ? eq(users.unitId, q.unitId) : undefined,
    q.companyId ? sql`${users.unitId} IN (SELECT id FROM units WHERE company_id = ${q.companyId})` : undefined,
    q.role ? sql`EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = ${users.id} AND g.role = ${q.role})` : undefined,
    q.active ? eq(users.active, q.active === 'true') : undefined,
  );
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.name))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    tx.select({ n: count() }).from(users).where(where),
  ]);
  return { items: await presentUsers(tx, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/**
 * Active people found by a part of their name or email (20 at most): for the
 * service desk, those placed where it works tickets (to log one for them); for
 * an order form, the requester's colleagues in their company.
 */
export async function findPeople(tx: Tx, actor: Actor, q: string, purpose: 'ticket' | 'order') {
  const where =
    purpose === 'order'
      ? sql`un.company_id = ${actor.companyId}`
      : scopeCondition(actor, 'ticket:work', { companyId: sql`un.company_id`, unitPath: sql`un.path` });
  if (purpose === 'order' ? !can(actor, 'catalog:browse') : scopesFor(actor, 'ticket:work').length === 0) throw forbidden();
  const like = `%${q.replace(/[%_\\]/g, '')}%`;
  const { rows } = await tx.execute<{ id: number; name: string; email: string; unit_id: number; unit_name: string }>(sql`
    SELECT u.id, u.name, u.email, un.id AS unit_id, un.name AS unit_name FROM users u JOIN units un ON un.id = u.unit_id
    WHERE u.active AND ${where}
      AND (u.name ILIKE ${like} OR u.email ILIKE ${like})
    ORDER BY u.name LIMIT 20`);
  return {
    items: rows.map((r) => ({ id: Number(r.id), name: r.name, email: r.email, unit: { id: Number(r.unit_id), name: r.unit_name } })),
  };
}

export async function getUser(tx: Tx, actor: Actor, id: number) {
  const { user } = await loadUser(tx, actor, id, 'read');
  return presentUser(tx, user);
}

/** A new user in a unit the caller manages; they start as Requester of their own unit. */
export async function createUser(ctx: AppContext, actor: Actor, input: z.infer<typeof createUserBody>, source: AuditSource) {
  const at = await placementOf(ctx.db, input.unitId);
  if (!canManageUser(actor, at)) throw forbidden();
  if (input.password) assertStrongPassword(input.password);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return uniquely(() =>
    ctx.db.transaction(async (tx) => {
      const { password: _password, ...fields } = input;
      const [user] = await tx
        .insert(users)
        .values({ ...fields, email: input.email.toLowerCase(), passwordHash })
        .returning();
      if (!user) throw new Error('user insert failed');
      await tx
        .insert(roleGrants)
        .values({ userId: user.id, role: 'requester', scopeKind: 'unit', unitId: input.unitId, createdBy: actor.userId });
      await recordAudit(tx, source, {
        action: 'user.created',
        targetType: 'user',
        targetId: user.id,
        after: { ...fields, email: user.email },
      });
      return presentUser(tx, user);
    }),
  );
}

export async function updateUser(ctx: AppContext, actor: Actor, id: number, input: z.infer<typeof updateUserBody>, source: AuditSource) {
  return ctx.db.transaction(async (tx) => {
    const { user } = await loadUser(tx, actor, id, 'manage', true);
    if (user.version !== input.version) throw versionConflict();
    const { version: _version, ...changes } = input;
    if (changes.unitId !== undefined && changes.unitId !== user.unitId && !canManageUser(actor, await placementOf(tx, changes.unitId)))
      throw forbidden();
    const action =
      changes.active === false ? 'user.deactivated' : changes.active === true && !user.active ? 'user.reactivated' : 'user.updated';
    const saved = await saveVersioned(tx, users, user, changes, { source, action, targetType: 'user', shape: adminView }, ctx.clock.now());
    // A deactivated user is signed out everywhere at once.
    if (changes.active === false) await destroyUserSessions(tx, id);
    return presentUser(tx, saved);
  });
}

/** What the audit log keeps of a user changed by an administrator. */
const adminView = (u: UserRow) => ({
  name: u.name,
  phone: u.phone,
  position: u.position,
  unitId: u.unitId,
  locale: u.locale,
  timeZone: u.timeZone,
  active: u.active,
});

async function scopeOf(tx: Tx, input: z.infer<typeof grantBody>['scope']): Promise<Scope> {
  if (input.kind === 'organisation') return { kind: 'organisation' };
  if (input.kind === 'company') {
    if (!input.companyId) throw new AppError(400, 'UNKNOWN_REFERENCE', { field: 'scope.companyId' });
    const { rows } = await tx.execute(sql`SELECT 1 FROM companies WHERE id = ${input.companyId}`);
    if (!rows.length) throw new AppError(400, 'UNKNOWN_REFERENCE', { field: 'scope.companyId' });
    return { kind: 'company', companyId: input.companyId };
  }
  if (!input.unitId) throw new AppError(400, 'UNKNOWN_REFERENCE', { field: 'scope.unitId' });
  const unit = await findUnitPlacement(tx, input.unitId);
  if (!unit) throw new AppError(400, 'UNKNOWN_REFERENCE', { field: 'scope.unitId' });
  return { kind: 'unit', unitId: unit.unitId, unitPath: unit.unitPath, companyId: unit.companyId };
}

/** Grants as the API shows them: role and scope with the scope's name. */
export async function listGrants(tx: Tx, actor: Actor, userId: number) {
  await loadUser(tx, actor, userId, 'read');
  const { rows } = await tx.execute<{
    id: number;
    role: Role;
    scope_kind: 'organisation' | 'company' | 'unit';
    company_id: number | null;
    unit_id: number | null;
    name: string | null;
  }>(sql`
    SELECT g.id, g.role, g.scope_kind, g.company_id, g.unit_id, coalesce(c.name, u.name) AS name
    FROM role_grants g LEFT JOIN companies c ON c.id = g.company_id LEFT JOIN units u ON u.id = g.unit_id
    WHERE g.user_id = ${userId} ORDER BY g.id`);
  return rows.map((g) => ({
    id: Number(g.id),
    role: g.role,
    scope: {
      kind: g.scope_kind,
      companyId: g.company_id === null ? null : Number(g.company_id),
      unitId: g.unit_id === null ? null : Number(g.unit_id),
      name: g.name ?? '',
    },
  }));
}

export async function addGrant(ctx: AppContext, actor: Actor, userId: number, input: z.infer<typeof grantBody>, source: AuditSource) {
  return uniquely(() =>
    ctx.db.transaction(async (tx) => {
      const { at } = await loadUser(tx, actor, userId, 'manage');
      // Separation of duties: nobody widens their own powers, not even an Administrator.
      if (userId === actor.userId) throw new AppError(403, 'GRANT_SELF');
      const scope = await scopeOf(tx, input.scope);
      if (!canGrant(actor, at, input.role, scope)) throw forbidden();
      const [grant] = await tx
        .insert(roleGrants)
        .values({
          userId,
          role: input.role,
          scopeKind: scope.kind,
          companyId: scope.kind === 'company' ? scope.companyId : null,
          unitId: scope.kind === 'unit' ? scope.unitId : null,
          createdBy: actor.userId,
        })
        .returning();
      await recordAudit(tx, source, {
        action: 'grant.created',
        targetType: 'user',
        targetId: userId,
        after: { role: input.role, scope: input.scope },
      });
      const created = (await listGrants(tx, actor, userId)).find((g) => g.id === grant?.id);
      if (!created) throw notFound();
      return created;
    }),
  );
}

export async function revokeGrant(ctx: AppContext, actor: Actor, userId: number, grantId: number, source: AuditSource) {
  await ctx.db.transaction(async (tx) => {
    const { at } = await loadUser(tx, actor, userId, 'manage');
    const [grant] = await tx
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId)));
    if (!grant) throw notFound();
    const scope = await scopeOf(tx, { kind: grant.scopeKind, companyId: grant.companyId, unitId: grant.unitId });
    if (!canGrant(actor, at, grant.role as Role, scope)) throw forbidden();
    await tx.delete(roleGrants).where(eq(roleGrants.id, grantId));
    await recordAudit(tx, source, {
      action: 'grant.revoked',
      targetType: 'user',
      targetId: userId,
      before: { role: grant.role, scope: { kind: grant.scopeKind, companyId: grant.companyId, unitId: grant.unitId } },
    });
  });
}
