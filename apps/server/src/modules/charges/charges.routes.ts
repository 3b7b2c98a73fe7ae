import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import { chargeDivisionsOut, chargesOut, chargesQuery, reverseBody } from './charges.schemas.ts';
import { listChargeDivisions, listCharges, reverseCharge } from './charges.service.ts';

const tags = ['charges'];

/** Charges between divisions: read per division and month, corrected by reversal. */
export function chargeRoutes(app: App, ctx: AppContext) {
  app.get('/charges/divisions', {
    config: { access: access.permission('charge:read') },
    schema: {
      tags,
      summary: 'The divisions whose charges I read, with each one’s current month in its company’s calendar',
      response: { 200: chargeDivisionsOut },
    },
    handler: async (req) => listChargeDivisions(ctx.db, actorOf(req), ctx.clock.now()),
  });
  app.get('/charges', {
    config: { access: access.permission('charge:read', 'charge') },
    schema: {
      tags,
      summary: 'A division’s charges for a month of its company’s calendar: spent and earned, with totals',
      querystring: chargesQuery,
      response: { 200: chargesOut },
    },
    handler: async (req) => listCharges(ctx.db, actorOf(req), req.query.division, req.query.period),
  });
  app.post('/charges/:id/reverse', {
    config: { access: access.permission('invoice:manage', 'charge') },
    schema: {
      tags,
      summary: 'Correct a charge with a reversing charge and a reason',
      params: idParams,
      body: reverseBody,
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      await reverseCharge(ctx, actorOf(req), req.params.id, req.body.reason, auditSourceOf(req));
      return reply.status(204).send(null);
    },
  });
}
