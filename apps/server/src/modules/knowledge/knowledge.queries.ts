import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { htmlToText } from '../../platform/security/html.ts';
import { daysOrMonth } from '../../platform/time/zoned.ts';
import { readSetting } from '../settings/index.ts';
import { loadVisible } from '../tickets/index.ts';
import { ARTICLE_STEPS, REVISION_STEPS } from './knowledge.lifecycle.ts';
import { isReviewer, isWriter, plays, visibleArticles } from './knowledge.policy.ts';
import type { ListArticlesQuery } from './knowledge.schemas.ts';
import { findWorkingRevision, loadArticle, localised } from './knowledge.service.ts';
import { searchQuery } from './knowledge.stemmer.ts';
import { knowledgeArticles, knowledgeArticleVersions } from './knowledge.tables.ts';

type Article = typeof knowledgeArticles.$inferSelect;

/**
 * How an article matches what someone typed: Indonesian through the word-form
 * tokens (knowledge.stemmer.ts), English through PostgreSQL's `english`
 * stemmer, and a misspelt title through trigram word similarity.
 */
function matching(q: string, options: { prefix: boolean; any: boolean }): { where: SQL; rank: SQL } | null {
  const indonesian = searchQuery(q, options);
  if (!indonesian) return null;
  // The generated tsvector columns (see 0101_knowledge.sql) are not in the Drizzle table.
  const [searchId, searchEn] = [sql`knowledge_articles.search_id`, sql`knowledge_articles.search_en`];
  const id = sql`to_tsquery('simple', ${indonesian})`;
  const en = sql`plainto_tsquery('english', ${q})`;
  const title = sql`unaccent_immutable(lower(${knowledgeArticles.titleId} || ' ' || ${knowledgeArticles.titleEn}))`;
  const typed = sql`unaccent_immutable(lower(${q}))`;
  return {
    where: sql`(${searchId} @@ ${id} OR ${searchEn} @@ ${en}
      OR (length(${q}) >= 4 AND ${typed} <% ${title}))`,
    rank: sql`(ts_rank(${searchId}, ${id}) + ts_rank(${searchEn}, ${en}) + word_similarity(${typed}, ${title}) / 10)`,
  };
}

const excerptOf = (html: string) => {
  const text = htmlToText(html).replace(/\s+/g, ' ');
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
};

/** Articles the actor may read: searched, filtered, or those for a ticket, a page at a time, best match first. */
export async function listArticles(tx: Tx, actor: Actor, query: ListArticlesQuery) {
  const conditions: (SQL | undefined)[] = [visibleArticles(actor)];
  let q = query.q;
  if (query.forTicket) {
    // Suggestions for an agent's ticket: its title is the query, and only published articles.
    q = (await loadVisible(tx, actor, String(query.forTicket))).ticket.title;
    conditions.push(eq(knowledgeArticles.status, 'published'));
  }
  if (query.ticketId) {
    await loadVisible(tx, actor, String(query.ticketId));
    conditions.push(sql`${knowledgeArticles.id} IN (SELECT article_id FROM knowledge_ticket_links WHERE ticket_id = ${query.ticketId})`);
  }
  if (query.suggest) conditions.push(eq(knowledgeArticles.status, 'published'));
  if (query.status) conditions.push(eq(knowledgeArticles.status, query.status));
  if (query.categoryId) conditions.push(eq(knowledgeArticles.categoryId, query.categoryId));
  if (query.tag) conditions.push(sql`${knowledgeArticles.tags} @> ARRAY[${query.tag.toLowerCase()}]::text[]`);
  if (query.view === 'review')
    conditions.push(
      sql`EXISTS (SELECT 1 FROM knowledge_article_versions v WHERE v.article_id = ${knowledgeArticles.id} AND v.status = 'in_review')`,
    );
  if (query.view === 'mine')
    conditions.push(
      sql`(${knowledgeArticles.authorId} = ${actor.userId} OR EXISTS (SELECT 1 FROM knowledge_article_versions v WHERE v.article_id = ${knowledgeArticles.id} AND v.author_id = ${actor.userId}))`,
    );
  // Suggestions take a whole sentence (a ticket's title): any word may match, the best matches first.
  const loose = query.suggest === 'true' || query.forTicket !== undefined;
  const match = q ? matching(q, { prefix: query.suggest === 'true', any: loose }) : null;
  if (q && !match) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  if (match) conditions.push(match.where);
  const where = and(...conditions);
  const pageSize = loose ? Math.min(query.pageSize, 5) : query.pageSize;
  const rows = await tx
    .select()
    .from(knowledgeArticles)
    .where(where)
    .orderBy(...(match ? [desc(match.rank)] : []), desc(knowledgeArticles.updatedAt), desc(knowledgeArticles.id))
    .limit(pageSize)
    .offset((query.page - 1) * pageSize);
  const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(knowledgeArticles).where(where);
  return { items: await presentSummaries(tx, actor, rows), total: n, page: query.page, pageSize };
}

async function presentSummaries(tx: Tx, actor: Actor, rows: Article[]) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const { rows: extra } = await tx.execute<{ id: number; category: string | null; pending: boolean }>(sql`
    SELECT a.id, ${actor.locale === 'en' ? sql`c.name_en` : sql`c.name_id`} AS category,
      EXISTS (SELECT 1 FROM knowledge_article_versions v WHERE v.article_id = a.id AND v.status = 'in_review') AS pending
    FROM knowledge_articles a LEFT JOIN knowledge_categories c ON c.id = a.category_id WHERE a.id IN ${ids}`);
  const byId = new Map(extra.map((e) => [Number(e.id), e]));
  return rows.map((r) => summary(actor, r, byId.get(r.id)));
}

function summary(actor: Actor, r: Article, extra: { category: string | null; pending: boolean } | undefined) {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    visibility: r.visibility,
    title: localised(actor.locale, r.titleId, r.titleEn),
    excerpt: excerptOf(localised(actor.locale, r.bodyId, r.bodyEn)),
    category: r.categoryId && extra?.category ? { id: r.categoryId, name: extra.category } : null,
    tags: r.tags,
    revision: r.revision,
    pendingReview: extra?.pending ?? false,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The actions the caller may take on the article now; the UI offers exactly these. */
function allowedActions(actor: Actor, a: Article, working: { status: string; authorId: number } | null): string[] {
  const actions = new Set<string>();
  if (a.status === 'published') actions.add('solved');
  // Sent to a ticket's requester from the ticket page (an agents-only article cannot be).
  if (a.status === 'published' && a.visibility !== 'agents' && isWriter(actor)) actions.add('send');
  if (isWriter(actor) && a.status !== 'retired' && working?.status !== 'in_review') actions.add('edit');
  for (const step of REVISION_STEPS) {
    if (!working || !step.from.includes(working.status as never) || !plays(actor, step.by)) continue;
    if (step.by === 'reviewer' && working.authorId === actor.userId) continue;
    actions.add(step.action);
  }
  for (const step of ARTICLE_STEPS) if (step.from.includes(a.status) && plays(actor, step.by)) actions.add(step.action);
  return [...actions].sort();
}

/** One article as the caller may see it: in their language, with its working revision and history for writers. */
export async function getArticle(tx: Tx, actor: Actor, id: number) {
  const article = await loadArticle(tx, actor, id);
  const [extra] = (
    await tx.execute<{ category: string | null; pending: boolean }>(sql`
    SELECT ${actor.locale === 'en' ? sql`c.name_en` : sql`c.name_id`} AS category,
      EXISTS (SELECT 1 FROM knowledge_article_versions v WHERE v.article_id = ${id} AND v.status = 'in_review') AS pending
    FROM knowledge_articles a LEFT JOIN knowledge_categories c ON c.id = a.category_id WHERE a.id = ${id}`)
  ).rows;
  const writer = isWriter(actor);
  const working = writer ? await findWorkingRevision(tx, id) : null;
  const history = writer
    ? await tx
        .select()
        .from(knowledgeArticleVersions)
        .where(eq(knowledgeArticleVersions.articleId, id))
        .orderBy(desc(knowledgeArticleVersions.revision))
    : [];
  const people = await namesOf(tx, [article.authorId, article.reviewerId, ...history.flatMap((v) => [v.authorId, v.reviewerId])]);
  const person = (userId: number | null) => (userId ? { id: userId, name: people.get(userId) ?? '' } : null);
  const revision = (v: typeof knowledgeArticleVersions.$inferSelect) => ({
    revision: v.revision,
    status: v.status,
    titleId: v.titleId,
    titleEn: v.titleEn,
    bodyId: v.bodyId,
    bodyEn: v.bodyEn,
    categoryId: v.categoryId,
    tags: v.tags,
    visibility: v.visibility,
    companyId: v.companyId,
    author: person(v.authorId) ?? { id: v.authorId, name: '' },
    reviewer: person(v.reviewerId),
    createdAt: v.createdAt.toISOString(),
    reviewedAt: v.reviewedAt?.toISOString() ?? null,
    reviewComment: v.reviewComment,
  });
  const { rows: refs } = await tx.execute<{ company: string | null; ticket: string | null; deflections: number }>(sql`
    SELECT (SELECT name FROM companies WHERE id = ${article.companyId}) AS company,
      (SELECT number FROM tickets WHERE id = ${article.sourceTicketId}) AS ticket,
      (SELECT count(*)::int FROM knowledge_deflections WHERE article_id = ${id}) AS deflections`);
  const ref = refs[0];
  return {
    ...summary(actor, article, extra),
    body: localised(actor.locale, article.bodyId, article.bodyEn),
    titleId: article.titleId,
    titleEn: article.titleEn,
    bodyId: article.bodyId,
    bodyEn: article.bodyEn,
    company: article.companyId ? { id: article.companyId, name: ref?.company ?? '' } : null,
    author: person(article.authorId) ?? { id: article.authorId, name: '' },
    reviewer: person(article.reviewerId),
    // The ticket it was drafted from, for the service desk (requesters may not see that ticket).
    sourceTicket: writer && article.sourceTicketId && ref?.ticket ? { id: article.sourceTicketId, number: ref.ticket } : null,
    working: working ? revision(working) : null,
    history: history.map((v) => {
      const { bodyId: _id, bodyEn: _en, titleEn: _title, ...entry } = revision(v);
      return entry;
    }),
    deflections: writer || isReviewer(actor) ? (ref?.deflections ?? 0) : 0,
    version: article.version,
    allowedActions: allowedActions(actor, article, working),
  };
}

async function namesOf(tx: Tx, ids: (number | null)[]) {
  const unique = [...new Set(ids.filter((i): i is number => i !== null))];
  if (!unique.length) return new Map<number, string>();
  const { rows } = await tx.execute<{ id: number; name: string }>(sql`SELECT id, name FROM users WHERE id IN ${unique}`);
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

/** Deflections ("this solved my problem") in a period of whole days in the reader's zone, per article, for reports. */
export async function deflectionStats(tx: Tx, actor: Actor, query: { from?: string; to?: string }, now = new Date()) {
  const zone = actor.timeZone ?? (await readSetting(tx, 'regional')).value.defaultTimeZone;
  const { from, to } = daysOrMonth(query, now, zone);
  if (from > to) throw new AppError(400, 'PERIOD_REVERSED');
  const { rows } = await tx.execute<{ id: number; number: string; title_id: string; title_en: string; n: number }>(sql`
    SELECT a.id, a.number, a.title_id, a.title_en, count(*)::int AS n FROM knowledge_deflections d JOIN knowledge_articles a ON a.id = d.article_id
    WHERE d.at >= (${from}::date::timestamp AT TIME ZONE ${zone}) AND d.at < ((${to}::date + 1)::timestamp AT TIME ZONE ${zone})
    GROUP BY a.id ORDER BY n DESC, a.id`);
  return {
    from,
    to,
    deflections: rows.reduce((sum, r) => sum + r.n, 0),
    articles: rows.map((r) => ({
      id: Number(r.id),
      number: r.number,
      title: localised(actor.locale, r.title_id, r.title_en),
      deflections: r.n,
    })),
  };
}
