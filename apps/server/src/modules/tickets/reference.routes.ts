import { LOCALES } from '@ish/shared';
import { asc, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.ts';
import { assertCan } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { masterDataRoutes } from '../../platform/http/master-data.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { isValidPattern } from '../../platform/numbering/numbering.ts';
import { findActiveUser } from '../identity/identity.lookup.ts';
import { writeModuleSetting } from '../settings/module-settings.ts';
import { readModuleSetting } from '../settings/settings.store.ts';
import { DEFAULT_ATTACHMENT_TYPES, SERVICE_DESK_DEFAULTS, type ServiceDeskSettings } from './tickets.config.ts';
import {
  businessServices,
  LEVELS,
  PRIORITIES,
  priorityMatrix,
  TICKET_STATUSES,
  ticketCategories,
  ticketStatusLabels,
} from './tickets.tables.ts';

const id = z.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const stamps = { id: z.number().int(), active: z.boolean(), version: z.number().int() };
const tags = ['service desk settings'];

/** Attachment types an Administrator may allow; never HTML or SVG (script carriers). */
export const ALLOWABLE_ATTACHMENT_TYPES = [
  ...DEFAULT_ATTACHMENT_TYPES,
  'application/msword',
  'application/vnd.ms-excel',
  'application/x-7z-compressed',
  'application/vnd.rar',
  'video/mp4',
  'audio/mpeg',
] as const;

/** Categories, business services, the priority matrix, status labels and service-desk settings. */
export function referenceRoutes(app: App, ctx: AppContext) {
  masterDataRoutes(app, ctx, {
    path: '/ticket-categories',
    name: 'category',
    module: 'tickets',
    permission: 'settings:manage',
    tags,
    table: ticketCategories,
    fields: {
      parentId: id.nullable().default(null),
      code: text(40),
      nameId: text(120),
      nameEn: text(120),
      isSecurity: z.boolean().default(false),
      sort: z.number().int().min(0).max(9999).default(0),
    },
    out: z.object({
      ...stamps,
      parentId: z.number().int().nullable(),
      code: z.string(),
      nameId: z.string(),
      nameEn: z.string(),
      isSecurity: z.boolean(),
      sort: z.number().int(),
      name: z.string(),
    }),
    search: (q) =>
      or(ilike(ticketCategories.nameId, `%${q}%`), ilike(ticketCategories.nameEn, `%${q}%`), ilike(ticketCategories.code, `%${q}%`)),
    order: [
      sql`coalesce(${ticketCategories.parentId}, ${ticketCategories.id})`,
      sql`${ticketCategories.parentId} IS NOT NULL`,
      asc(ticketCategories.sort),
      asc(ticketCategories.id),
    ],
    prepare: async (tx, input, current) => {
      // A category may not sit under itself or one of its descendants.
      if (current && input.parentId) {
        const { rows } = await tx.execute(sql`
          WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM ticket_categories WHERE id = ${input.parentId}
            UNION SELECT c.id, c.parent_id FROM ticket_categories c JOIN up ON c.id = up.parent_id)
          SELECT 1 FROM up WHERE id = ${current.id}`);
        if (rows.length) throw new AppError(409, 'CATEGORY_CYCLE');
      }
      return input;
    },
    present: async (_tx, rows, locale) => rows.map((r) => ({ ...r, name: locale === 'en' ? r.nameEn : r.nameId })),
  });

  masterDataRoutes(app, ctx, {
    path: '/business-services',
    name: 'service',
    module: 'tickets',
    permission: 'settings:manage',
    tags,
    table: businessServices,
    fields: {
      code: text(40),
      name: text(160),
      usersDescription: z.string().trim().max(200).nullable().default(null),
      description: z.string().trim().max(2000).nullable().default(null),
    },
    out: z.object({
      ...stamps,
      code: z.string(),
      name: z.string(),
      usersDescription: z.string().nullable(),
      description: z.string().nullable(),
    }),
    search: (q) => or(ilike(businessServices.name, `%${q}%`), ilike(businessServices.code, `%${q}%`)),
    order: [asc(businessServices.name)],
  });

  const cell = z.strictObject({ urgency: z.enum(LEVELS), impact: z.enum(LEVELS), priority: z.enum(PRIORITIES) });
  app.get('/priority-matrix', {
    schema: {
      tags,
      summary: 'Urgency × impact → priority (every signed-in user; forms preview the priority)',
      response: { 200: z.object({ cells: z.array(cell) }) },
    },
    handler: async () => ({ cells: await ctx.db.select().from(priorityMatrix) }),
  });
  app.put('/priority-matrix', {
    schema: {
      tags,
      summary: 'Replace the matrix: all nine cells',
      body: z.strictObject({ cells: z.array(cell).length(9) }),
      response: { 200: z.object({ cells: z.array(cell) }) },
    },
    handler: async (req) => {
      assertCan(actorOf(req), 'settings:manage');
      const pairs = new Set(req.body.cells.map((c) => `${c.urgency}/${c.impact}`));
      if (pairs.size !== 9)
        throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'cells', message: t(req.locale, 'validation.custom') }]);
      await ctx.db.transaction(async (tx) => {
        const before = await tx.select().from(priorityMatrix);
        for (const c of req.body.cells) {
          await tx
            .update(priorityMatrix)
            .set({ priority: c.priority })
            .where(sql`${priorityMatrix.urgency} = ${c.urgency} AND ${priorityMatrix.impact} = ${c.impact}`);
        }
        await recordAudit(tx, auditSourceOf(req), {
          action: 'tickets.priority_matrix_updated',
          targetType: 'priority_matrix',
          before,
          after: req.body.cells,
        });
      });
      return { cells: await ctx.db.select().from(priorityMatrix) };
    },
  });

  const label = z.strictObject({ status: z.enum(TICKET_STATUSES), locale: z.enum(LOCALES), label: z.string().trim().max(60) });
  const labelsOut = z.object({
    items: z.array(z.object({ status: z.enum(TICKET_STATUSES), locale: z.enum(LOCALES), label: z.string(), custom: z.boolean() })),
  });
  const presentLabels = async () => {
    const custom = await ctx.db.select().from(ticketStatusLabels);
    return {
      items: TICKET_STATUSES.flatMap((status) =>
        LOCALES.map((locale) => {
          const own = custom.find((c) => c.status === status && c.locale === locale);
          return { status, locale, label: own?.label ?? t(locale, `tickets.status.${status}`), custom: !!own };
        }),
      ),
    };
  };
  app.get('/ticket-status-labels', {
    schema: { tags, summary: 'Status display names per language (e.g. Baru / Diproses / Selesai)', response: { 200: labelsOut } },
    handler: presentLabels,
  });
  app.put('/ticket-status-labels', {
    schema: {
      tags,
      summary: 'Rename statuses per language; an empty label restores the default',
      body: z.strictObject({ labels: z.array(label).max(14) }),
      response: { 200: labelsOut },
    },
    handler: async (req) => {
      assertCan(actorOf(req), 'settings:manage');
      await ctx.db.transaction(async (tx) => {
        for (const l of req.body.labels) {
          const key = sql`${ticketStatusLabels.status} = ${l.status} AND ${ticketStatusLabels.locale} = ${l.locale}`;
          if (!l.label) await tx.delete(ticketStatusLabels).where(key);
          else
            await tx
              .insert(ticketStatusLabels)
              .values(l)
              .onConflictDoUpdate({ target: [ticketStatusLabels.status, ticketStatusLabels.locale], set: { label: l.label } });
        }
        await recordAudit(tx, auditSourceOf(req), {
          action: 'tickets.status_labels_updated',
          targetType: 'status_labels',
          after: req.body.labels,
        });
      });
      return presentLabels();
    },
  });

  const settingsBody = z.strictObject({
    version: z.number().int().min(0),
    ticketNumberPattern: z.string().trim().min(3).max(60).refine(isValidPattern, 'pattern'),
    headOfItUserId: id.nullable(),
    directorUserId: id.nullable(),
    attachmentTypes: z.array(z.enum(ALLOWABLE_ATTACHMENT_TYPES)).min(1),
    attachmentMaxMb: z.number().int().min(1).max(50),
    autoCloseBusinessDays: z.number().int().min(1).max(60),
    pendingReminderDays: z.number().int().min(1).max(60),
  });
  const settingsOut = z.object({ ...settingsBody.shape, attachmentTypes: z.array(z.string()), allowableTypes: z.array(z.string()) });
  const read = async () => {
    const { value, version } = await readModuleSetting<ServiceDeskSettings>(ctx.db, 'service_desk', SERVICE_DESK_DEFAULTS);
    return { ...value, version, allowableTypes: [...ALLOWABLE_ATTACHMENT_TYPES] };
  };
  app.get('/service-desk-settings', {
    schema: {
      tags,
      summary: 'Numbering pattern, head of IT and director, attachment policy, automation (Administrators)',
      response: { 200: settingsOut },
    },
    handler: async (req) => {
      assertCan(actorOf(req), 'settings:manage');
      return read();
    },
  });
  app.put('/service-desk-settings', {
    schema: { tags, summary: 'Change the service-desk settings', body: settingsBody, response: { 200: settingsOut } },
    handler: async (req) => {
      const actor = actorOf(req);
      assertCan(actor, 'settings:manage');
      const { version, ...value } = req.body;
      for (const userId of [value.headOfItUserId, value.directorUserId]) {
        if (userId && !(await findActiveUser(ctx.db, userId))) throw new AppError(400, 'UNKNOWN_REFERENCE', { field: 'userId' });
      }
      await writeModuleSetting(ctx, actor.userId, auditSourceOf(req), 'service_desk', value, version);
      return read();
    },
  });
}
