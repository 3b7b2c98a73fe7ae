import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { updateVersioned } from '../../platform/db/versioned.ts';
import { access } from '../../platform/http/access.ts';
import { type App, auditSourceOf } from '../../platform/http/app.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { completeRule, ruleBody, ruleOut, rulePatch } from './escalation-rules.schemas.ts';
import { escalationRules } from './sla.tables.ts';

export function escalationRuleRoutes(app: App, ctx: AppContext) {
  const tags = ['sla'];
  app.get('/escalation-rules', {
    config: { access: access.permission('settings:manage') },
    schema: { tags, summary: 'Escalation rules (when → then)', response: { 200: z.object({ items: z.array(ruleOut) }) } },
    handler: async () => ({ items: await ctx.db.select().from(escalationRules).orderBy(asc(escalationRules.id)) }),
  });
  app.post('/escalation-rules', {
    config: { access: access.permission('settings:manage') },
    schema: { tags, summary: 'Add an escalation rule', body: ruleBody, response: { 201: ruleOut } },
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
    schema: { tags, summary: 'Edit or deactivate an escalation rule', params: idParams, body: rulePatch, response: { 200: ruleOut } },
    handler: async (req) => {
      const { version, ...changes } = req.body;
      return ctx.db.transaction((tx) =>
        updateVersioned(tx, escalationRules, req.params.id, version, changes, {
          source: auditSourceOf(req),
          action: 'sla.rule_updated',
          targetType: 'escalation_rule',
          check: (current) => {
            if (!completeRule({ ...current, ...changes } as Parameters<typeof completeRule>[0]))
              throw new AppError(400, 'VALIDATION_FAILED');
          },
        }),
      );
    },
  });
}
