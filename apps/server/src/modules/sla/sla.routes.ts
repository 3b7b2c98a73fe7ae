import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { createPolicy, getPolicy, listPolicies, presentPolicy, updatePolicy } from './sla.policies.ts';
import { policyBody, policyList, policyOut, policyPatch } from './sla.schemas.ts';

const tags = ['sla'];

/** Administrators edit SLA policies; every signed-in user may read them. */
export function slaRoutes(app: App, ctx: AppContext) {
  app.get('/sla-policies', {
    config: { access: access.signedIn() },
    schema: {
      tags,
      summary:
        'SLA policies in the order a ticket tries them (active, most specific, oldest first): the first match applies; `name` in the caller’s language',
      response: { 200: policyList },
    },
    handler: async (req) => ({ items: (await listPolicies(ctx.db)).map((p) => presentPolicy(p, actorOf(req).locale)) }),
  });
  app.post('/sla-policies', {
    config: { access: access.organisation('settings:manage') },
    schema: { tags, summary: 'Create an SLA policy', body: policyBody, response: { 201: policyOut } },
    handler: async (req, reply) =>
      reply.status(201).send(presentPolicy(await createPolicy(ctx, req.body, auditSourceOf(req)), actorOf(req).locale)),
  });
  app.patch('/sla-policies/:id', {
    config: { access: access.organisation('settings:manage') },
    schema: {
      tags,
      summary: 'Edit or deactivate an SLA policy (tickets keep the targets they started with)',
      params: idParams,
      body: policyPatch,
      response: { 200: policyOut },
    },
    handler: async (req) => {
      await updatePolicy(ctx, req.params.id, req.body, auditSourceOf(req));
      return presentPolicy(await getPolicy(ctx.db, req.params.id), actorOf(req).locale);
    },
  });
}
