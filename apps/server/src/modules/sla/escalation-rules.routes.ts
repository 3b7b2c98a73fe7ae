import { ROLES } from '@ish/shared';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, auditSourceOf } from '../../platform/http/app.ts';
import { AppError, notFound, versionConflict } from '../../platform/http/errors.ts';
import { idParams, patchOf, version } from '../../platform/http/schemas.ts';
import { escalationRules } from './escalation-rules.ts';

const id = z.number().int().positive();
const fields = z.strictObject({
  name: z.string().trim().min(1).max(120),
  trigger: z.enum(['percent', 'breach', 'idle']),
  target: z.enum(['response', 'resolution']).default('resolution'),
  percent: z.number().int().min(1).max(99).nullable().default(null),
  idleHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .nullable()
    .default(null),
  priorities: z
    .array(z.enum(['P1', 'P2', 'P3', 'P4', 'P5']))
    .max(5)
    .default([]),
  categoryIds: z.array(id).max(50).default([]),
  teamIds: z.array(id).max(50).default([]),
  action: z.enum(['notify_assignee', 'notify_lead', 'notify_role', 'notify_user', 'escalate_level', 'reassign', 'raise_priority']),
  role: z.enum(ROLES).nullable().default(null),
  userId: id.nullable().default(null),
  teamId: id.nullable().default(null),
  active: z.boolean().default(true),
});
/** A trigger or an action that needs a parameter must have it. */
const complete = (r: Partial<z.infer<typeof fields>>) =>
  (r.trigger !== 'percent' || r.percent != null) &&
  (r.trigger !== 'idle' || r.idleHours != null) &&
  (r.action !== 'notify_role' || r.role != null) &&
  (r.action !== 'notify_user' || r.userId != null) &&
  (r.action !== 'reassign' || r.teamId != null || r.userId != null);
const ruleOut = z
  .object(fields.shape)
  .extend({ id, version: z.number().int(), priorities: z.array(z.string()), role: z.string().nullable() });

export function escalationRuleRoutes(app: App, ctx: AppContext) {
  const tags = ['sla'];
  app.get('/escalation-rules', {
    config: { access: access.permission('settings:manage') },
    schema: { tags, summary: 'Escalation rules (when → then)', response: { 200: z.object({ items: z.array(ruleOut) }) } },
    handler: async (_req) => {
      return { items: await ctx.db.select().from(escalationRules).orderBy(asc(escalationRules.id)) };
    },
  });
  app.post('/escalation-rules', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Add an escalation rule',
      body: fields.refine(complete, { message: 'incomplete rule' }),
      response: { 201: ruleOut },
    },
    handler: async (req, reply) => {
      const row = await ctx.db.transaction(async (tx) => {
        const [inserted] = await tx.insert(escalationRules).values(req.body).returning();
        if (!inserted) throw notFound();
        await recordAudit(tx, auditSourceOf(req), {
          action: 'sla.rule_created',
          targetType: 'escalation_rule',
          targetId: inserted.id,
          after: inserted,
        });
        return inserted;
      });
      return reply.status(201).send(row);
    },
  });
  app.patch('/escalation-rules/:id', {
    config: { access: access.permission('settings:manage') },
    schema: {
      tags,
      summary: 'Edit or deactivate an escalation rule',
      params: idParams,
      body: patchOf(fields.shape).extend({ version }).strict(),
      response: { 200: ruleOut },
    },
    handler: async (req) => {
      const { version: expected, ...changes } = req.body;
      return ctx.db.transaction(async (tx) => {
        const [current] = await tx.select().from(escalationRules).where(eq(escalationRules.id, req.params.id)).for('update');
        if (!current) throw notFound();
        if (current.version !== expected) throw versionConflict();
        if (!complete({ ...current, ...changes } as z.infer<typeof fields>)) throw new AppError(400, 'VALIDATION_FAILED');
        const [row] = await tx
          .update(escalationRules)
          .set({ ...changes, version: current.version + 1, updatedAt: new Date() })
          .where(eq(escalationRules.id, current.id))
          .returning();
        if (!row) throw notFound();
        await recordAudit(tx, auditSourceOf(req), {
          action: 'sla.rule_updated',
          targetType: 'escalation_rule',
          targetId: row.id,
          before: current,
          after: row,
        });
        return row;
      });
    },
  });
}
