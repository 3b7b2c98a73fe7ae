import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf } from '../../platform/http/app.ts';
import { searchQuery, searchResponse } from './search.schemas.ts';
import { searchEverything } from './search.service.ts';

export function searchRoutes(app: App, ctx: AppContext) {
  app.get('/search', {
    // Every kind applies its own row rules: a signed-in caller finds only what they may see.
    config: { access: access.signedIn() },
    schema: {
      tags: ['search'],
      summary:
        'Search tickets, service requests, catalog items, knowledge articles and (for the service desk) people at once, grouped by kind',
      querystring: searchQuery,
      response: { 200: searchResponse },
    },
    handler: async (req) => searchEverything(ctx.db, actorOf(req), req.query.q, req.query.limit),
  });
}
