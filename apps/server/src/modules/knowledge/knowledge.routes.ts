import { asc, ilike, or } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf } from '../../platform/http/app.ts';
import { masterDataRoutes } from '../../platform/http/master-data.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { ARTICLE_STEPS, REVISION_STEPS } from './knowledge.lifecycle.ts';
import { deflectionStats, getArticle, listArticles } from './knowledge.queries.ts';
import {
  articleDetail,
  articlePage,
  categoryFields,
  categoryOut,
  createArticleBody,
  deflectionBody,
  linkBody,
  listArticlesQuery,
  statsQuery,
  statsResponse,
  stepBody,
  updateArticleBody,
} from './knowledge.schemas.ts';
import { createArticle, linkArticle, recordDeflection, stepArticle, updateArticle } from './knowledge.service.ts';
import { knowledgeCategories } from './knowledge.tables.ts';

const tags = ['knowledge'];

/** The knowledge base: search for everyone, writing for the service desk, review by Team Leads. */
export function knowledgeRoutes(app: App, ctx: AppContext) {
  const detail = (req: Parameters<typeof actorOf>[0], id: number) => getArticle(ctx.db, actorOf(req), id);

  masterDataRoutes(app, ctx, {
    path: '/knowledge/categories',
    name: 'category',
    module: 'knowledge',
    permission: 'knowledge:review',
    tags,
    table: knowledgeCategories,
    fields: categoryFields,
    out: categoryOut,
    search: (q) => or(ilike(knowledgeCategories.nameId, `%${q}%`), ilike(knowledgeCategories.nameEn, `%${q}%`)),
    order: [asc(knowledgeCategories.sort), asc(knowledgeCategories.nameId)],
    present: async (_tx, rows, locale) => rows.map((r) => ({ ...r, name: locale === 'en' ? r.nameEn : r.nameId })),
  });

  app.get('/knowledge/articles', {
    config: { access: access.signedIn('knowledge.article') },
    schema: {
      tags,
      summary:
        'Search articles (Indonesian word forms and English), suggestions while typing (suggest=true), articles for a ticket (forTicket) or sent on it (ticketId), the review queue (view=review)',
      querystring: listArticlesQuery,
      response: { 200: articlePage },
    },
    handler: async (req) => listArticles(ctx.db, actorOf(req), req.query),
  });

  app.post('/knowledge/articles', {
    config: { access: access.permission('knowledge:write') },
    schema: {
      tags,
      summary: 'Write a draft, or draft one from a resolved ticket’s solution ({"fromTicketId": …}); a Team Lead reviews it',
      body: createArticleBody,
      response: { 201: articleDetail },
    },
    handler: async (req, reply) => reply.status(201).send(await detail(req, await createArticle(ctx, actorOf(req), req.body))),
  });

  app.get('/knowledge/articles/:id', {
    config: { access: access.signedIn('knowledge.article') },
    schema: {
      tags,
      summary: 'One article in my language (writers: its working revision and history)',
      params: idParams,
      response: { 200: articleDetail },
    },
    handler: async (req) => detail(req, req.params.id),
  });

  app.patch('/knowledge/articles/:id', {
    config: { access: access.permission('knowledge:write', 'knowledge.article') },
    schema: {
      tags,
      summary: 'Edit the working revision (editing a published article starts its next revision); carries `version`',
      params: idParams,
      body: updateArticleBody,
      response: { 200: articleDetail },
    },
    handler: async (req) => {
      await updateArticle(ctx, actorOf(req), req.params.id, req.body);
      return detail(req, req.params.id);
    },
  });

  for (const step of [...REVISION_STEPS, ...ARTICLE_STEPS]) {
    app.post(`/knowledge/articles/:id/${step.action}`, {
      config: { access: access.permission(step.by === 'writer' ? 'knowledge:write' : 'knowledge:review', 'knowledge.article') },
      schema: {
        tags,
        summary: `${step.action[0]?.toUpperCase()}${step.action.slice(1)} (${step.by === 'writer' ? 'writers' : 'Team Leads'}${step.action === 'reject' ? '; a comment is required' : ''})`,
        params: idParams,
        body: stepBody,
        response: { 200: articleDetail },
      },
      handler: async (req) => {
        await stepArticle(ctx, actorOf(req), req.params.id, step.action, req.body);
        return detail(req, req.params.id);
      },
    });
  }

  app.post('/knowledge/articles/:id/tickets', {
    config: { access: access.permission('ticket:work', 'knowledge.article') },
    schema: {
      tags,
      summary: 'Send the article to a ticket’s requester as a public reply with its link',
      params: idParams,
      body: linkBody,
      response: { 200: articleDetail },
    },
    handler: async (req) => {
      await linkArticle(ctx, actorOf(req), req.params.id, req.body.ticketId);
      return detail(req, req.params.id);
    },
  });

  app.post('/knowledge/articles/:id/deflections', {
    config: { access: access.signedIn('knowledge.article') },
    schema: {
      tags,
      summary: '"This solved my problem": no ticket is filed, and reports count it',
      params: idParams,
      body: deflectionBody,
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      await recordDeflection(ctx, actorOf(req), req.params.id, req.body.query);
      return reply.status(204).send(null);
    },
  });

  app.get('/knowledge/stats', {
    config: { access: access.permission(['report:read', 'knowledge:review']) },
    schema: {
      tags,
      summary: 'Tickets deflected by articles in a period (default this month), per article',
      querystring: statsQuery,
      response: { 200: statsResponse },
    },
    handler: async (req) => deflectionStats(ctx.db, actorOf(req), req.query, ctx.clock.now()),
  });
}
