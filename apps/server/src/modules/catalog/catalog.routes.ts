import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams, pageOf } from '../../platform/http/schemas.ts';
import { createItemBody, decisionBody, itemOut, listQuery, providerDivisionsOut, updateItemBody } from './catalog.schemas.ts';
import { createItem, decideItem, getItem, listItems, listProviderDivisions, updateItem } from './catalog.service.ts';

/** The service catalog: providers register, Catalog Managers publish, requesters browse. */
export function catalogRoutes(app: App, ctx: AppContext) {
  const tags = ['catalog'];
  app.get('/catalog/items', {
    config: { access: access.signedIn('catalog.item') },
    schema: {
      tags,
      summary: 'Browse what I may order, my division’s items (view=mine) or the review queue (view=review)',
      querystring: listQuery,
      response: { 200: pageOf(itemOut) },
    },
    handler: async (req) => listItems(ctx.db, actorOf(req), req.query),
  });
  app.get('/catalog/provider-divisions', {
    config: { access: access.permission('catalog:provide') },
    schema: {
      tags,
      summary: 'The divisions I may register catalog items for',
      response: {
        200: providerDivisionsOut,
      },
    },
    handler: async (req) => listProviderDivisions(ctx.db, actorOf(req)),
  });
  app.post('/catalog/items', {
    config: { access: access.permission('catalog:provide') },
    schema: { tags, summary: 'Register an item for my division (starts as a draft)', body: createItemBody, response: { 201: itemOut } },
    handler: async (req, reply) => reply.status(201).send(await createItem(ctx, actorOf(req), req.body, auditSourceOf(req))),
  });
  app.get('/catalog/items/:id', {
    config: { access: access.signedIn('catalog.item') },
    schema: { tags, summary: 'One item with its published and working versions and history', params: idParams, response: { 200: itemOut } },
    handler: async (req) => getItem(ctx.db, actorOf(req), req.params.id),
  });
  app.patch('/catalog/items/:id', {
    config: { access: access.permission('catalog:provide', 'catalog.item') },
    schema: {
      tags,
      summary: 'Edit the draft; editing a published item starts a new version',
      params: idParams,
      body: updateItemBody,
      response: { 200: itemOut },
    },
    handler: async (req) => updateItem(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req)),
  });
  for (const action of ['submit', 'approve', 'reject', 'retire'] as const) {
    app.post(`/catalog/items/:id/${action}`, {
      config: { access: access.permission(['catalog:provide', 'catalog:approve'], 'catalog.item') },
      schema: {
        tags,
        summary: `${action[0]?.toUpperCase()}${action.slice(1)} an item (reject needs a reason)`,
        params: idParams,
        body: decisionBody,
        response: { 200: itemOut },
      },
      handler: async (req) => decideItem(ctx, actorOf(req), req.params.id, action, req.body, auditSourceOf(req)),
    });
  }
}
