import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { scopeCondition } from '../../platform/authz/scope-sql.ts';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf } from '../../platform/http/app.ts';

/**
 * SOP 002 §6.m: which frequent requests are still handled ad hoc (tickets not
 * ordered from the catalog), grouped by category over a period, so the service
 * desk can add them to the catalog.
 */
export function catalogGapRoutes(app: App, ctx: AppContext) {
  app.get('/reports/catalog-gaps', {
    config: { access: access.permission(['ticket:lead', 'report:read']) },
    schema: {
      tags: ['service requests'],
      summary: 'Ad-hoc tickets by category over a period (candidates for the catalog)',
      querystring: z.strictObject({
        from: z.iso.date(),
        to: z.iso.date(),
        type: z.enum(['request', 'incident', 'question']).default('request'),
        limit: z.coerce.number().int().min(1).max(100).default(20),
      }),
      response: {
        200: z.object({
          items: z.array(
            z.object({ categoryId: z.number().int().nullable(), category: z.string(), tickets: z.number().int(), lastAt: z.string() }),
          ),
        }),
      },
    },
    handler: async (req) => {
      const actor = actorOf(req);
      const { from, to, type, limit } = req.query;
      const visible = scopeCondition(actor, 'ticket:read', { companyId: sql`t.company_id`, unitPath: sql`t.unit_path` });
      const { rows } = await ctx.db.execute<{ category_id: number | null; category: string | null; tickets: number; last_at: Date }>(sql`
        SELECT t.category_id, ${actor.locale === 'en' ? sql`c.name_en` : sql`c.name_id`} AS category, count(*)::int AS tickets, max(t.created_at) AS last_at
        FROM tickets t LEFT JOIN ticket_categories c ON c.id = t.category_id
        WHERE t.type = ${type} AND t.created_at >= ${from}::date AND t.created_at < ${to}::date + 1 AND ${visible}
          AND NOT EXISTS (SELECT 1 FROM service_requests r WHERE r.ticket_id = t.id)
        GROUP BY t.category_id, category ORDER BY tickets DESC, category LIMIT ${limit}`);
      return {
        items: rows.map((r) => ({
          categoryId: r.category_id === null ? null : Number(r.category_id),
          category: r.category ?? '-',
          tickets: Number(r.tickets),
          lastAt: new Date(r.last_at).toISOString(),
        })),
      };
    },
  });
}
