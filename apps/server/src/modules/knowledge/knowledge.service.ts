import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, forbidden, notFound, unknownReference, versionConflict } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { escapeHtml, htmlToText, sanitizeRichText } from '../../platform/security/html.ts';
import { findActiveUser } from '../identity/index.ts';
import { addComment, loadVisible, presentTicket } from '../tickets/index.ts';
import { ARTICLE_STEPS, REVISION_STEPS, WORKING } from './knowledge.lifecycle.ts';
import { canRead, isWriter, plays, readableByRequesterOf } from './knowledge.policy.ts';
import type { CreateArticleInput, StepInput, UpdateArticleInput } from './knowledge.schemas.ts';
import { indexTokens } from './knowledge.stemmer.ts';
import {
  knowledgeArticles,
  knowledgeArticleVersions,
  knowledgeCategories,
  knowledgeDeflections,
  knowledgeTicketLinks,
  type Visibility,
} from './knowledge.tables.ts';

type Article = typeof knowledgeArticles.$inferSelect;
type Revision = typeof knowledgeArticleVersions.$inferSelect;

/** The content an article and each revision hold, as written (HTML sanitised, tags normalised). */
export interface Content {
  titleId: string;
  titleEn: string;
  bodyId: string;
  bodyEn: string;
  categoryId: number | null;
  tags: string[];
  visibility: Visibility;
  companyId: number | null;
}

/** An article's text in a language, Indonesian when nothing was written in English. */
export const localised = (locale: 'id' | 'en', id: string, en: string) => (locale === 'en' && en.trim() ? en : id);

const CONTENT_KEYS = ['titleId', 'titleEn', 'bodyId', 'bodyEn', 'categoryId', 'tags', 'visibility', 'companyId'] as const;
const contentOf = (row: Content): Content => Object.fromEntries(CONTENT_KEYS.map((k) => [k, row[k]])) as unknown as Content;

async function checkContent(tx: Tx, c: Content): Promise<Content> {
  if (c.categoryId !== null) {
    const [category] = await tx
      .select({ id: knowledgeCategories.id })
      .from(knowledgeCategories)
      .where(and(eq(knowledgeCategories.id, c.categoryId), eq(knowledgeCategories.active, true)));
    if (!category) throw unknownReference('categoryId');
  }
  if ((c.visibility === 'company') !== (c.companyId !== null))
    throw new AppError(400, 'ARTICLE_COMPANY_REQUIRED', {}, [{ path: 'companyId', message: 'ARTICLE_COMPANY_REQUIRED' }]);
  return {
    ...c,
    bodyId: sanitizeRichText(c.bodyId),
    bodyEn: sanitizeRichText(c.bodyEn),
    tags: [...new Set(c.tags.map((tag) => tag.trim().toLowerCase()).filter(Boolean))].sort(),
  };
}

/** The article row's search tokens for its (Indonesian) content. */
const tokensOf = (c: Content) => ({
  titleTokens: indexTokens(`${c.titleId} ${c.tags.join(' ')}`),
  bodyTokens: indexTokens(htmlToText(c.bodyId)),
});

export async function loadArticle(tx: Tx, actor: Actor, id: number, forUpdate = false): Promise<Article> {
  const query = tx.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, id));
  const [article] = forUpdate ? await query.for('update') : await query;
  if (!article || !canRead(actor, article)) throw notFound();
  return article;
}

export async function findWorkingRevision(tx: Tx, articleId: number): Promise<Revision | null> {
  const [working] = await tx
    .select()
    .from(knowledgeArticleVersions)
    .where(and(eq(knowledgeArticleVersions.articleId, articleId), inArray(knowledgeArticleVersions.status, [...WORKING])));
  return working ?? null;
}

/** What a resolved ticket teaches: its symptoms, the solution summary and the actions taken (003 §2). */
async function draftFromTicket(tx: Tx, actor: Actor, ticketId: number): Promise<Content & { sourceTicketId: number }> {
  const loaded = await loadVisible(tx, actor, String(ticketId));
  const ticket = await presentTicket(tx, actor, loaded);
  if (!['resolved', 'closed'].includes(ticket.status) || !ticket.solutionSummary) throw new AppError(409, 'TICKET_NOT_RESOLVED');
  const L = (key: string) => escapeHtml(t('id', `knowledge.draft.${key}`));
  const steps = ticket.checklist.map((item) => `<li>${escapeHtml(item.text)}</li>`).join('');
  return {
    titleId: ticket.title,
    titleEn: '',
    bodyId: [
      `<h3>${L('symptoms')}</h3>`,
      ticket.descriptionHtml || `<p>${escapeHtml(ticket.title)}</p>`,
      `<h3>${L('solution')}</h3>`,
      `<p>${escapeHtml(ticket.solutionSummary).replace(/\n/g, '<br>')}</p>`,
      steps ? `<h3>${L('steps')}</h3><ol>${steps}</ol>` : '',
    ].join(''),
    bodyEn: '',
    categoryId: null,
    tags: ticket.tags,
    visibility: 'everyone',
    companyId: null,
    sourceTicketId: ticket.id,
  };
}

/**
 * A new article, as a draft (revision 1, not yet published): written, or
 * drafted in one click from a resolved ticket's solution.
 */
export async function createArticle(ctx: AppContext, actor: Actor, input: CreateArticleInput): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const fromTicket = input.fromTicketId ? await draftFromTicket(tx, actor, input.fromTicketId) : null;
    const { fromTicketId: _, ...written } = input;
    const merged = { ...(fromTicket ?? {}), ...Object.fromEntries(Object.entries(written).filter(([, v]) => v !== undefined)) };
    if (!merged.titleId) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: 'titleId', message: 'validation.required' }]);
    const content = await checkContent(tx, {
      titleId: merged.titleId,
      titleEn: merged.titleEn ?? '',
      bodyId: merged.bodyId ?? '',
      bodyEn: merged.bodyEn ?? '',
      categoryId: merged.categoryId ?? null,
      tags: merged.tags ?? [],
      visibility: merged.visibility ?? 'everyone',
      companyId: merged.companyId ?? null,
    });
    const number = await nextNumber(tx, 'knowledge', 'KB-{seq:5}', { at: ctx.clock.now(), timeZone: 'UTC' });
    const [article] = await tx
      .insert(knowledgeArticles)
      .values({ number, ...content, ...tokensOf(content), authorId: actor.userId, sourceTicketId: fromTicket?.sourceTicketId ?? null })
      .returning();
    if (!article) throw new Error('article insert failed');
    await tx
      .insert(knowledgeArticleVersions)
      .values({ articleId: article.id, revision: 1, status: 'draft', ...content, authorId: actor.userId });
    return article.id;
  });
}

/**
 * Edits the working revision; editing a published article starts the next
 * revision (the published text stays until a Team Lead approves it).
 */
export async function updateArticle(ctx: AppContext, actor: Actor, id: number, input: UpdateArticleInput): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const article = await loadArticle(tx, actor, id, true);
    if (!isWriter(actor) || article.status === 'retired') throw forbidden();
    if (article.version !== input.version) throw versionConflict();
    const working = await findWorkingRevision(tx, id);
    if (working?.status === 'in_review') throw new AppError(409, 'ARTICLE_IN_REVIEW');
    const { version: _, ...changes } = input;
    const content = await checkContent(tx, {
      ...contentOf(working ?? article),
      ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
    });
    if (working) {
      await tx
        .update(knowledgeArticleVersions)
        .set({ ...content, status: 'draft', authorId: actor.userId })
        .where(eq(knowledgeArticleVersions.id, working.id));
    } else {
      await tx
        .insert(knowledgeArticleVersions)
        .values({ articleId: id, revision: article.revision + 1, status: 'draft', ...content, authorId: actor.userId });
    }
    // Until its first publication the article shows its draft (to writers), and search finds it for them.
    const shown = article.revision === 0 ? { ...content, ...tokensOf(content), status: 'draft' as const } : {};
    await saveArticle(tx, article, shown, ctx.clock.now());
  });
}

async function saveArticle(tx: Tx, article: Article, changes: Partial<Article>, now: Date): Promise<Article> {
  const [saved] = await tx
    .update(knowledgeArticles)
    .set({ ...changes, version: article.version + 1, updatedAt: now })
    .where(eq(knowledgeArticles.id, article.id))
    .returning();
  if (!saved) throw notFound();
  return saved;
}

/**
 * Moves the working revision along (submit, approve, reject) or the article
 * (retire, restore), as the lifecycle data says. Approving publishes the
 * revision: its content becomes the article's, the previous one is
 * superseded. A Team Lead never approves a revision they wrote.
 */
export async function stepArticle(ctx: AppContext, actor: Actor, id: number, action: string, input: StepInput): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const article = await loadArticle(tx, actor, id, true);
    if (article.version !== input.version) throw versionConflict();
    const articleStep = ARTICLE_STEPS.find((s) => s.action === action);
    if (articleStep) {
      if (!plays(actor, articleStep.by)) throw forbidden();
      if (!articleStep.from.includes(article.status)) throw new AppError(409, 'ARTICLE_STEP_NOT_ALLOWED');
      await saveArticle(tx, article, { status: articleStep.to }, ctx.clock.now());
      return;
    }
    const step = REVISION_STEPS.find((s) => s.action === action);
    if (!step) throw notFound();
    if (!plays(actor, step.by)) throw forbidden();
    const working = await findWorkingRevision(tx, id);
    if (!working || !step.from.includes(working.status)) throw new AppError(409, 'ARTICLE_STEP_NOT_ALLOWED');
    if (step.requires.includes('comment') && !input.comment)
      throw new AppError(400, 'REASON_REQUIRED', {}, [{ path: 'comment', message: 'REASON_REQUIRED' }]);
    if (step.by === 'reviewer' && working.authorId === actor.userId) throw new AppError(403, 'REVIEW_OWN_ARTICLE');
    const now = ctx.clock.now();
    if (step.action === 'submit') {
      await tx
        .update(knowledgeArticleVersions)
        .set({ status: 'in_review', submittedAt: now })
        .where(eq(knowledgeArticleVersions.id, working.id));
      await saveArticle(tx, article, article.revision === 0 ? { status: 'in_review' } : {}, now);
      return;
    }
    const reviewed = { reviewerId: actor.userId, reviewedAt: now, reviewComment: input.comment ?? null };
    if (step.action === 'reject') {
      await tx
        .update(knowledgeArticleVersions)
        .set({ status: 'rejected', ...reviewed })
        .where(eq(knowledgeArticleVersions.id, working.id));
      await saveArticle(tx, article, article.revision === 0 ? { status: 'draft' } : {}, now);
      return;
    }
    await publishRevision(tx, article, working, reviewed);
  });
}

/** The revision's content becomes the article's published content; the one before is superseded. */
async function publishRevision(
  tx: Tx,
  article: Article,
  working: Revision,
  reviewed: { reviewerId: number; reviewedAt: Date; reviewComment: string | null },
) {
  await tx
    .update(knowledgeArticleVersions)
    .set({ status: 'superseded' })
    .where(and(eq(knowledgeArticleVersions.articleId, article.id), eq(knowledgeArticleVersions.status, 'published')));
  await tx
    .update(knowledgeArticleVersions)
    .set({ status: 'published', ...reviewed })
    .where(eq(knowledgeArticleVersions.id, working.id));
  const content = contentOf(working);
  return saveArticle(
    tx,
    article,
    {
      ...content,
      ...tokensOf(content),
      status: 'published',
      revision: working.revision,
      reviewerId: reviewed.reviewerId,
      publishedAt: reviewed.reviewedAt,
    },
    reviewed.reviewedAt,
  );
}

/**
 * A known error's workaround, published at once as an article (or as the next
 * revision of the problem's article): the problem's own review stands for the
 * article's (ITIL known error). Other modules call this through the face.
 */
export async function publishKnownError(
  ctx: AppContext,
  tx: Tx,
  actor: Actor,
  p: { articleId: number | null; title: string; bodyHtml: string; tags: string[] },
): Promise<{ id: number; number: string }> {
  const content = await checkContent(tx, {
    titleId: p.title,
    titleEn: '',
    bodyId: p.bodyHtml,
    bodyEn: '',
    categoryId: null,
    tags: p.tags,
    visibility: 'everyone',
    companyId: null,
  });
  const now = ctx.clock.now();
  const reviewed = { reviewerId: actor.userId, reviewedAt: now, reviewComment: null };
  let article: Article | undefined;
  if (p.articleId) {
    [article] = await tx.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, p.articleId)).for('update');
  }
  if (!article) {
    const number = await nextNumber(tx, 'knowledge', 'KB-{seq:5}', { at: now, timeZone: 'UTC' });
    [article] = await tx
      .insert(knowledgeArticles)
      .values({ number, ...content, ...tokensOf(content), authorId: actor.userId })
      .returning();
    if (!article) throw new Error('article insert failed');
  }
  // A writer's unfinished revision gives way to the known error's text.
  const working = await findWorkingRevision(tx, article.id);
  const [revision] = working
    ? await tx
        .update(knowledgeArticleVersions)
        .set({ ...content, status: 'in_review', authorId: actor.userId })
        .where(eq(knowledgeArticleVersions.id, working.id))
        .returning()
    : await tx
        .insert(knowledgeArticleVersions)
        .values({ articleId: article.id, revision: article.revision + 1, status: 'in_review', ...content, authorId: actor.userId })
        .returning();
  if (!revision) throw new Error('revision insert failed');
  await publishRevision(tx, article, revision, reviewed);
  return { id: article.id, number: article.number };
}

/**
 * Sends an article to a ticket's requester as a public reply with its link,
 * and remembers the link (the ticket page lists it). Only an article the
 * requester may read can be sent.
 */
export async function linkArticle(ctx: AppContext, actor: Actor, id: number, ticketId: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const article = await loadArticle(tx, actor, id);
    const ticket = (await loadVisible(tx, actor, String(ticketId))).ticket;
    if (!readableByRequesterOf(article, ticket.companyId)) throw new AppError(409, 'ARTICLE_NOT_FOR_REQUESTER');
    const [linked] = await tx
      .insert(knowledgeTicketLinks)
      .values({ articleId: id, ticketId, linkedBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!linked) throw new AppError(409, 'ARTICLE_ALREADY_SENT');
    // The address in the text as well: email keeps the words of a reply, not its links.
    const url = `${ctx.env.PUBLIC_URL}/knowledge/${id}`;
    const locale = (await findActiveUser(tx, ticket.requesterId))?.locale ?? 'id';
    const title = localised(locale, article.titleId, article.titleEn);
    const body = `<p>${escapeHtml(t(locale, 'knowledge.reply'))}</p><p>${article.number} · ${escapeHtml(title)}: <a href="${url}">${url}</a></p>`;
    await addComment(ctx, actor, ticketId, { body, internal: false }, tx);
  });
}

/** "This solved my problem": the ticket is never filed; counted for reports. */
export async function recordDeflection(ctx: AppContext, actor: Actor, id: number, query: string | undefined): Promise<void> {
  const article = await loadArticle(ctx.db, actor, id);
  if (article.status !== 'published') throw new AppError(409, 'ARTICLE_STEP_NOT_ALLOWED');
  await ctx.db.insert(knowledgeDeflections).values({ articleId: id, userId: actor.userId, query: query ?? null, at: ctx.clock.now() });
}
