import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.ts';
import { assertCan } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { assertNoRowErrors, type RowError } from '../../platform/files/import.ts';
import { readSpreadsheet, toCsv } from '../../platform/files/spreadsheet.ts';
import { readUpload } from '../../platform/files/upload.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { companies, units } from './org.tables.ts';

const COLUMNS = ['company_code', 'code', 'name', 'type', 'parent_code'] as const;
const TYPES = ['division', 'department', 'skpd', 'operating_unit', 'branch'];

/** Units from CSV or XLSX: every row is checked first; one bad row imports nothing. */
export function unitImportRoutes(app: App, ctx: AppContext) {
  const tags = ['organisation'];
  app.get('/units/import/template', {
    schema: { tags, summary: 'CSV template for the unit import' },
    handler: async (req, reply) => {
      assertCan(actorOf(req), 'org:manage');
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="template-unit.csv"')
        .send(
          toCsv(
            [...COLUMNS],
            [
              ['NDS', 'HR', 'Sumber Daya Manusia', 'division', ''],
              ['NDS', 'HR-REC', 'Rekrutmen', 'department', 'HR'],
            ],
          ),
        );
    },
  });

  app.post('/units/import', {
    schema: {
      tags,
      summary: 'Import units (columns company_code, code, name, type, parent_code); all or nothing',
      consumes: ['multipart/form-data'],
      response: { 200: z.object({ imported: z.number().int() }) },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      assertCan(actor, 'org:manage');
      const rows = await readSpreadsheet((await readUpload(req)).data);
      const msg = (key: string, value = '') => t(actor.locale, `import.${key}`, { value });
      const companyRows = await ctx.db.select({ id: companies.id, code: companies.code }).from(companies);
      const companyId = new Map(companyRows.map((c) => [c.code.toUpperCase(), c.id]));
      const existing = await ctx.db.select({ id: units.id, companyId: units.companyId, code: units.code, path: units.path }).from(units);
      const key = (company: number, code: string) => `${company}:${code.toUpperCase()}`;
      const known = new Map(existing.map((u) => [key(u.companyId, u.code), u]));
      const planned = new Set<string>();
      const errors: RowError[] = [];
      for (const { line, values } of rows) {
        for (const column of ['company_code', 'code', 'name'] as const)
          if (!values[column]) errors.push({ line, field: column, message: msg('required') });
        const company = companyId.get((values.company_code ?? '').toUpperCase());
        if (values.company_code && !company)
          errors.push({ line, field: 'company_code', message: msg('unknownCompany', values.company_code) });
        if (values.type && !TYPES.includes(values.type)) errors.push({ line, field: 'type', message: msg('unknownUnit', values.type) });
        if (!company || !values.code) continue;
        const k = key(company, values.code);
        if (known.has(k) || planned.has(k)) errors.push({ line, field: 'code', message: msg('duplicate', values.code) });
        if (values.parent_code && !known.has(key(company, values.parent_code)) && !planned.has(key(company, values.parent_code))) {
          errors.push({ line, field: 'parent_code', message: msg('unknownParent', values.parent_code) });
        }
        planned.add(k);
      }
      assertNoRowErrors(errors);

      await ctx.db.transaction(async (tx) => {
        for (const { values } of rows) {
          const company = companyId.get(values.company_code!.toUpperCase())!;
          const parent = values.parent_code ? known.get(key(company, values.parent_code)) : undefined;
          const [unit] = await tx
            .insert(units)
            .values({
              companyId: company,
              parentId: parent?.id ?? null,
              code: values.code!,
              name: values.name!,
              type: values.type || 'division',
            })
            .returning({ id: units.id });
          if (!unit) continue;
          const path = `${parent?.path ?? '/'}${unit.id}/`;
          await tx.update(units).set({ path }).where(eq(units.id, unit.id));
          known.set(key(company, values.code!), { id: unit.id, companyId: company, code: values.code!, path });
        }
        await recordAudit(tx, auditSourceOf(req), {
          action: 'org.units_imported',
          targetType: 'unit',
          after: { count: rows.length, codes: rows.map((r) => r.values.code) },
        });
      });
      return { imported: rows.length };
    },
  });
}
