import { isLocale, ROLES, type Role } from '@ish/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { assertNoRowErrors, type RowError } from '../../platform/files/import.ts';
import { readSpreadsheet, toCsv } from '../../platform/files/spreadsheet.ts';
import { readUpload } from '../../platform/files/upload.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { roleGrants, users } from './identity.tables.ts';
import { canGrant, canManageUser, managesAnyUser } from './users.policy.ts';

const COLUMNS = ['email', 'name', 'company_code', 'unit_code', 'phone', 'locale', 'roles'] as const;
const EMAIL = z.email();

/** Users from CSV or XLSX, checked row by row first: one bad row imports nothing. */
export function userImportRoutes(app: App, ctx: AppContext) {
  const tags = ['users'];
  app.get('/users/import/template', {
    config: { access: access.permission('user:manage') },
    schema: { tags, summary: 'CSV template for the user import (roles separated by |)' },
    handler: async (req, reply) => {
      if (!managesAnyUser(actorOf(req))) throw forbidden();
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="template-pengguna.csv"')
        .send(
          toCsv(
            [...COLUMNS],
            [['rina.putri@contoh.co.id', 'Rina Putri', 'NDS', 'DEVOPS', '0812-0000-0000', 'id', 'requester|service_provider']],
          ),
        );
    },
  });

  app.post('/users/import', {
    config: { access: access.permission('user:manage') },
    schema: {
      tags,
      summary: 'Import users into units I manage; all or nothing',
      consumes: ['multipart/form-data'],
      response: { 200: z.object({ imported: z.number().int() }) },
    },
    handler: async (req) => importUsers(ctx, actorOf(req), (await readUpload(req)).data, auditSourceOf(req)),
  });
}

/** Checks every row (required fields, known unit and roles, the importer's scope) and then imports all or nothing. */
export async function importUsers(ctx: AppContext, actor: Actor, file: Buffer, source: AuditSource): Promise<{ imported: number }> {
  if (!managesAnyUser(actor)) throw forbidden();
  const rows = await readSpreadsheet(file);
  const msg = (key: string, value = '') => t(actor.locale, `import.${key}`, { value });
  const { rows: unitRows } = await ctx.db.execute<{ id: number; code: string; company_code: string; company_id: number; path: string }>(
    sql`SELECT u.id, u.code, c.code AS company_code, c.id AS company_id, u.path FROM units u JOIN companies c ON c.id = u.company_id WHERE u.active`,
  );
  const unitOf = new Map(unitRows.map((u) => [`${u.company_code.toUpperCase()}:${u.code.toUpperCase()}`, u]));
  const { rows: taken } = await ctx.db.execute<{ email: string }>(sql`SELECT lower(email) AS email FROM users`);
  const emails = new Set(taken.map((r) => r.email));
  const errors: RowError[] = [];
  const planned: { email: string; name: string; phone: string | null; locale: 'id' | 'en'; unitId: number; roles: Role[] }[] = [];
  for (const { line, values } of rows) {
    const email = (values.email ?? '').toLowerCase();
    for (const column of ['email', 'name', 'company_code', 'unit_code'] as const)
      if (!values[column]) errors.push({ line, field: column, message: msg('required') });
    if (email && !EMAIL.safeParse(email).success) errors.push({ line, field: 'email', message: msg('invalidEmail') });
    else if (email && emails.has(email)) errors.push({ line, field: 'email', message: msg('duplicate', email) });
    emails.add(email);
    const locale = values.locale || 'id';
    if (!isLocale(locale)) errors.push({ line, field: 'locale', message: msg('invalidLocale') });
    const unit = unitOf.get(`${(values.company_code ?? '').toUpperCase()}:${(values.unit_code ?? '').toUpperCase()}`);
    if (values.unit_code && !unit) errors.push({ line, field: 'unit_code', message: msg('unknownUnit', values.unit_code) });
    const roles = (values.roles ?? '')
      .split('|')
      .map((r) => r.trim())
      .filter(Boolean);
    for (const role of roles)
      if (!(ROLES as readonly string[]).includes(role)) errors.push({ line, field: 'roles', message: msg('unknownRole', role) });
    if (!unit) continue;
    const at = { companyId: Number(unit.company_id), unitPath: unit.path };
    const scope = { kind: 'unit' as const, unitId: Number(unit.id), unitPath: unit.path, companyId: Number(unit.company_id) };
    if (!canManageUser(actor, at)) errors.push({ line, field: 'unit_code', message: msg('forbiddenUnit') });
    for (const role of roles)
      if ((ROLES as readonly string[]).includes(role) && !canGrant(actor, at, role as Role, scope))
        errors.push({ line, field: 'roles', message: msg('forbiddenRole', role) });
    planned.push({
      email,
      name: values.name ?? '',
      phone: values.phone || null,
      locale: isLocale(locale) ? locale : 'id',
      unitId: Number(unit.id),
      roles: roles as Role[],
    });
  }
  assertNoRowErrors(errors);

  await ctx.db.transaction(async (tx) => {
    for (const p of planned) {
      const [user] = await tx
        .insert(users)
        .values({ email: p.email, name: p.name, phone: p.phone, locale: p.locale, unitId: p.unitId })
        .returning({ id: users.id });
      if (!user) continue;
      const roles = [...new Set<Role>(['requester', ...p.roles])];
      await tx
        .insert(roleGrants)
        .values(roles.map((role) => ({ userId: user.id, role, scopeKind: 'unit' as const, unitId: p.unitId, createdBy: actor.userId })));
    }
    await recordAudit(tx, source, {
      action: 'users.imported',
      targetType: 'user',
      after: { count: planned.length, emails: planned.map((p) => p.email) },
    });
  });
  return { imported: planned.length };
}
