import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams, noContent, pageOf } from '../../platform/http/schemas.ts';
import { grantOut, peopleOut, peopleQuery } from './identity.schemas.ts';
import { userImportRoutes } from './users.import.ts';
import { createUserBody, grantBody, grantParams, listUsersQuery, updateUserBody, userOut } from './users.schemas.ts';
import { addGrant, createUser, findPeople, getUser, listGrants, listUsers, revokeGrant, updateUser } from './users.service.ts';

/** User management with scoped grants: Administrators everywhere, Division Admins inside their unit subtree. */
export function userRoutes(app: App, ctx: AppContext) {
  const tags = ['users'];
  app.get('/users', {
    config: { access: access.permission('user:read', 'user') },
    schema: { tags, summary: 'Users placed where I may read them', querystring: listUsersQuery, response: { 200: pageOf(userOut) } },
    handler: async (req) => listUsers(ctx.db, actorOf(req), req.query),
  });
  app.get('/people', {
    config: { access: access.permission(['ticket:work', 'catalog:browse'], 'user') },
    schema: {
      tags,
      summary:
        'Find an active person by name or email: to log a ticket for (purpose=ticket, the service desk: where I work tickets) or to name in an order form (purpose=order: my company)',
      querystring: peopleQuery,
      response: { 200: peopleOut },
    },
    handler: async (req) => findPeople(ctx.db, actorOf(req), req.query.q, req.query.purpose),
  });
  app.post('/users', {
    config: { access: access.permission('user:manage') },
    schema: {
      tags,
      summary: 'Create a user in a unit I manage (they become Requester of that unit)',
      body: createUserBody,
      response: { 201: userOut },
    },
    handler: async (req, reply) => reply.status(201).send(await createUser(ctx, actorOf(req), req.body, auditSourceOf(req))),
  });
  app.get('/users/:id', {
    config: { access: access.permission('user:read', 'user') },
    schema: { tags, summary: 'One user', params: idParams, response: { 200: userOut } },
    handler: async (req) => getUser(ctx.db, actorOf(req), req.params.id),
  });
  app.patch('/users/:id', {
    config: { access: access.permission('user:manage', 'user') },
    schema: {
      tags,
      summary: 'Edit, move or (de)activate a user; carries `version`',
      params: idParams,
      body: updateUserBody,
      response: { 200: userOut },
    },
    handler: async (req) => updateUser(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req)),
  });
  app.get('/users/:id/grants', {
    config: { access: access.permission('user:read', 'user') },
    schema: { tags, summary: 'A user’s role grants', params: idParams, response: { 200: z.array(grantOut) } },
    handler: async (req) => listGrants(ctx.db, actorOf(req), req.params.id),
  });
  app.post('/users/:id/grants', {
    config: { access: access.permission('grant:manage', 'user') },
    schema: {
      tags,
      summary: 'Grant a role in a scope (organisation, company, or unit and its sub-units)',
      params: idParams,
      body: grantBody,
      response: { 201: grantOut },
    },
    handler: async (req, reply) => reply.status(201).send(await addGrant(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req))),
  });
  app.delete('/users/:id/grants/:grantId', {
    config: { access: access.permission('grant:manage', 'user') },
    schema: { tags, summary: 'Revoke a grant', params: grantParams, response: { 204: noContent } },
    handler: async (req, reply) => {
      await revokeGrant(ctx, actorOf(req), req.params.id, req.params.grantId, auditSourceOf(req));
      return reply.status(204).send(null);
    },
  });
  userImportRoutes(app, ctx);
}
