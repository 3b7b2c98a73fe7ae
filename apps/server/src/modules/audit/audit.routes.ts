import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import type { App } from '../../platform/http/app.ts';
import { pageOf } from '../../platform/http/schemas.ts';
import { EXPORT_LIMIT, exportAudit, listAudit, listAuditActions } from './audit.queries.ts';
import { auditEntry, auditExportQuery, auditQuery } from './audit.schemas.ts';

const tags = ['audit'];

/** The append-only audit log: viewer with filters and CSV export, for Administrators. */
export function auditRoutes(app: App, ctx: AppContext) {
  app.get('/audit', {
    config: { access: access.permission('audit:read') },
    schema: { tags, summary: 'Audit entries, newest first', querystring: auditQuery, response: { 200: pageOf(auditEntry) } },
    handler: async (req) => listAudit(ctx.db, req.query),
  });
  app.get('/audit/actions', {
    config: { access: access.permission('audit:read') },
    schema: { tags, summary: 'The action codes present in the log, for the filter', response: { 200: z.array(z.string()) } },
    handler: async () => listAuditActions(ctx.db),
  });
  app.get('/audit/export.csv', {
    config: { access: access.permission('audit:read') },
    schema: {
      tags,
      summary: `The filtered log as CSV (at most ${EXPORT_LIMIT} rows; formula cells neutralised)`,
      querystring: auditExportQuery,
    },
    handler: async (req, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${ctx.clock.now().toISOString().slice(0, 10)}.csv"`)
        .send(await exportAudit(ctx.db, req.query)),
  });
}
