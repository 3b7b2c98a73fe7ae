import { sql } from 'drizzle-orm';
import { createArticle, stepArticle } from '../../src/modules/knowledge/index.ts';
import { createProblem } from '../../src/modules/problems/index.ts';
import { can } from '../../src/platform/authz/actor.ts';
import type { AppContext } from '../../src/platform/context.ts';
import type { Factories, Place } from '../factories.ts';

export type ArticleState = 'draft' | 'in_review' | 'published' | 'retired';

/**
 * Records of the service desk's second pass (knowledge articles, problems), made through the modules'
 * public services as the people of a place would make them.
 */
export function deskFactories(ctx: AppContext, f: Factories) {
  const versionOf = async (table: 'knowledge_articles' | 'problems', id: number) =>
    Number(
      (await ctx.db.execute<{ version: number }>(sql`SELECT version FROM ${sql.identifier(table)} WHERE id = ${id}`)).rows[0]?.version,
    );

  const d = {
    /** A writer (Agent) of a place. */
    async writer(place: Place) {
      return f.actor((await f.user(place, { roles: [['agent', 'company']] })).id);
    },
    /** A reviewer (Team Lead) of a place. */
    async reviewer(place: Place) {
      return f.actor((await f.user(place, { roles: [['team_lead', 'company']] })).id);
    },
    /**
     * A knowledge article meant for the place's company (visibility `company`), written by `authorId`
     * (default: a new writer there) and taken to `state` through the lifecycle (a colleague reviews it).
     */
    async article(place: Place, o: { state?: ArticleState; authorId?: number; title?: string } = {}) {
      const state = o.state ?? 'published';
      const author = o.authorId ? await f.actor(o.authorId) : await d.writer(place);
      const id = await createArticle(ctx, author, {
        titleId: o.title ?? 'Mengatasi VPN yang terputus-putus',
        bodyId: '<p>Sambungkan ulang lalu perbarui klien VPN.</p>',
        visibility: 'company',
        companyId: place.companyId,
      });
      const step = async (who: Awaited<ReturnType<typeof d.writer>>, action: string) =>
        stepArticle(ctx, who, id, action, { version: await versionOf('knowledge_articles', id) });
      // Whoever wrote it, a writer sends it for review (the revision stays the author's).
      if (state !== 'draft') await step(can(author, 'knowledge:write') ? author : await d.writer(place), 'submit');
      if (state === 'published' || state === 'retired') {
        const reviewer = await d.reviewer(place);
        await step(reviewer, 'approve');
        if (state === 'retired') await step(reviewer, 'retire');
      }
      return { id, version: await versionOf('knowledge_articles', id) };
    },
    /** A problem of the place's company, recorded by an agent there (status `new`), with incidents if given. */
    async problem(place: Place, o: { incidents?: string[] } = {}) {
      const agent = await d.writer(place);
      const id = await createProblem(ctx, agent, {
        title: 'VPN kantor sering terputus',
        description: '<p>Banyak laporan sejak pembaruan firewall.</p>',
        companyId: place.companyId,
        serviceId: null,
        categoryId: null,
        ownerId: null,
        incidents: o.incidents ?? [],
      });
      return { id, version: await versionOf('problems', id) };
    },
  };
  return d;
}
