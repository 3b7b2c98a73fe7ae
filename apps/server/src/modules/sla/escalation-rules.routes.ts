import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, auditSourceOf } from '../../platform/http/app.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { ruleBody, ruleList, ruleOut, rulePatch } from './escalation-rules.schemas.ts';
import { createRule, listRules, updateRule } from './escalation-rules.ts';

export function escalationRuleRoutes(app: App, ctx: AppContext) {
  const tags = ['sla'];
  app.get('/escalation-rules', {
    config: { access: access.organisation('settings:manage') },
    schema: { tags, summary: 'Escalation rules (when → then)', response: { 200: ruleList } },
    handler: async () => ({ items: await listRules(ctx.db) }),
  });
  app.post('/escalation-rules', {
    config: { access: access.organisation('settings:manage') },
    schema: { tags, summary: 'Add an escalation rule', body: ruleBody, response: { 201: ruleOut } },
    handler: async (req, reply) => reply.status(201).send(await createRule(ctx, req.body, auditSourceOf(req))),
  });
  app.patch('/escalation-rules/:id', {
    config: { access: access.organisation('settings:manage') },
    schema: { tags, summary: 'Edit or deactivate an escalation rule', params: idParams, body: rulePatch, response: { 200: ruleOut } },
    handler: async (req) => updateRule(ctx, req.params.id, req.body, auditSourceOf(req)),
  });
}
