import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import { chainBody, chainOut, divisionsOut } from './approvals.schemas.ts';
import { getChain, listConfigurableDivisions, setChain } from './approvals.service.ts';

const tags = ['service requests'];

/** Approval chains per division: Administrators set any, a Division Admin their own division's; others do not see them (404). */
export function approvalChainRoutes(app: App, ctx: AppContext) {
  app.get('/approval-chains', {
    config: { access: access.permission(['settings:manage', 'user:manage']) },
    schema: { tags, summary: 'The divisions whose approval chain I may configure', response: { 200: divisionsOut } },
    handler: async (req) => listConfigurableDivisions(ctx.db, actorOf(req)),
  });
  app.get('/approval-chains/:id', {
    config: { access: access.permission(['settings:manage', 'user:manage'], 'approval-chain') },
    schema: {
      tags,
      summary: 'The approval chain that applies to a division (its own, an ancestor’s or the default)',
      params: idParams,
      response: { 200: chainOut },
    },
    handler: async (req) => getChain(ctx.db, actorOf(req), req.params.id),
  });
  app.put('/approval-chains/:id', {
    config: { access: access.permission(['settings:manage', 'user:manage'], 'approval-chain') },
    schema: {
      tags,
      summary: 'Set a division’s own chain (empty = inherit); named approvers are active people of the division’s company',
      params: idParams,
      body: chainBody,
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      await setChain(ctx, actorOf(req), req.params.id, req.body.steps, auditSourceOf(req));
      return reply.status(204).send(null);
    },
  });
}
