import { z } from 'zod';
import { pageOf, pageQuery, version } from '../../platform/http/schemas.ts';
import { ARTICLE_STATUSES, VERSION_STATUSES, VISIBILITIES } from './knowledge.tables.ts';

const id = z.number().int().positive();
const timestamp = z.iso.datetime();
const named = z.object({ id: z.number().int(), name: z.string() });

/** What an author writes: bilingual title and body (HTML, sanitised on the server), category, tags and who may read it. */
const content = {
  titleId: z.string().trim().min(1).max(200),
  titleEn: z.string().trim().max(200),
  bodyId: z.string().max(100_000),
  bodyEn: z.string().max(100_000),
  categoryId: id.nullable(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20),
  /** everyone; agents (the service desk only); company (its people, with `companyId`). */
  visibility: z.enum(VISIBILITIES),
  companyId: id.nullable(),
};

export const createArticleBody = z.strictObject(content).partial().extend({
  /** Draft from a resolved ticket: its title, symptoms (description), solution summary and checklist, and tags. */
  fromTicketId: id.optional(),
});
export type CreateArticleInput = z.infer<typeof createArticleBody>;

export const updateArticleBody = z.strictObject(content).partial().extend({ version });
export type UpdateArticleInput = z.infer<typeof updateArticleBody>;

export const stepBody = z.strictObject({
  version,
  /** Required to send a revision back. */
  comment: z.string().trim().max(2000).optional(),
});
export type StepInput = z.infer<typeof stepBody>;

export const linkBody = z.strictObject({ ticketId: id });
export const deflectionBody = z.strictObject({ query: z.string().trim().max(200).optional() });

export const listArticlesQuery = z.strictObject({
  ...pageQuery,
  q: z.string().trim().max(200).optional(),
  /** Suggestions while typing: the last word also matches as a prefix, best five. */
  suggest: z.enum(['true']).optional(),
  /** Articles that may help with this ticket (its title as the query), for the agent's ticket page. */
  forTicket: z.coerce.number().int().positive().optional(),
  /** Articles sent to this ticket's requester. */
  ticketId: z.coerce.number().int().positive().optional(),
  status: z.enum(ARTICLE_STATUSES).optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  tag: z.string().trim().max(40).optional(),
  /** review: revisions waiting for a Team Lead; mine: what I wrote. */
  view: z.enum(['review', 'mine']).optional(),
});
export type ListArticlesQuery = z.infer<typeof listArticlesQuery>;

export const articleSummary = z.object({
  id: z.number().int(),
  number: z.string(),
  status: z.enum(ARTICLE_STATUSES),
  visibility: z.enum(VISIBILITIES),
  /** In the reader's language (Indonesian when no English text was written). */
  title: z.string(),
  excerpt: z.string(),
  category: named.nullable(),
  tags: z.array(z.string()),
  revision: z.number().int(),
  /** A revision waits for a Team Lead. */
  pendingReview: z.boolean(),
  publishedAt: timestamp.nullable(),
  updatedAt: timestamp,
});
export const articlePage = pageOf(articleSummary);

const revision = z.object({
  revision: z.number().int(),
  status: z.enum(VERSION_STATUSES),
  titleId: z.string(),
  titleEn: z.string(),
  bodyId: z.string(),
  bodyEn: z.string(),
  categoryId: z.number().int().nullable(),
  tags: z.array(z.string()),
  visibility: z.enum(VISIBILITIES),
  companyId: z.number().int().nullable(),
  author: named,
  reviewer: named.nullable(),
  createdAt: timestamp,
  reviewedAt: timestamp.nullable(),
  reviewComment: z.string().nullable(),
});

export const articleDetail = articleSummary.extend({
  body: z.string(),
  titleId: z.string(),
  titleEn: z.string(),
  bodyId: z.string(),
  bodyEn: z.string(),
  company: named.nullable(),
  author: named,
  reviewer: named.nullable(),
  sourceTicket: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  /** The revision being written or reviewed (writers only). */
  working: revision.nullable(),
  /** Every revision, newest first (writers only). */
  history: z.array(revision.omit({ bodyId: true, bodyEn: true, titleEn: true })),
  /** Tickets this article deflected ("this solved my problem"); writers only, else 0. */
  deflections: z.number().int(),
  version: z.number().int(),
  /** What the caller may do now. */
  allowedActions: z.array(z.string()),
});

export const statsQuery = z.strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() });
export const statsResponse = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  /** Tickets not filed because an article solved the problem. */
  deflections: z.number().int(),
  articles: z.array(z.object({ id: z.number().int(), number: z.string(), title: z.string(), deflections: z.number().int() })),
});

const text = (max: number) => z.string().trim().min(1).max(max);
/** Fields of a category's create body (the master-data routes derive the PATCH). */
export const categoryFields = { code: text(40), nameId: text(120), nameEn: text(120), sort: z.number().int().min(0).max(9999).optional() };
export const categoryOut = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  nameId: z.string(),
  nameEn: z.string(),
  sort: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
