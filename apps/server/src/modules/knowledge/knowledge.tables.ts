import { bigint, boolean, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const ARTICLE_STATUSES = ['draft', 'in_review', 'published', 'retired'] as const;
export const VERSION_STATUSES = ['draft', 'in_review', 'published', 'superseded', 'rejected'] as const;
export const VISIBILITIES = ['everyone', 'agents', 'company'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];
export type VersionStatus = (typeof VERSION_STATUSES)[number];
export type Visibility = (typeof VISIBILITIES)[number];

export const knowledgeCategories = pgTable('knowledge_categories', {
  id: id(),
  code: text('code').notNull(),
  nameId: text('name_id').notNull(),
  nameEn: text('name_en').notNull(),
  sort: integer('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** The content both an article and each of its revisions hold. */
const content = {
  titleId: text('title_id').notNull(),
  titleEn: text('title_en').notNull().default(''),
  bodyId: text('body_id').notNull().default(''),
  bodyEn: text('body_en').notNull().default(''),
  tags: text('tags').array().notNull().default([]),
  categoryId: ref('category_id'),
  visibility: text('visibility').$type<Visibility>().notNull().default('everyone'),
  companyId: ref('company_id'),
};

export const knowledgeArticles = pgTable('knowledge_articles', {
  id: id(),
  number: text('number').notNull(),
  status: text('status').$type<ArticleStatus>().notNull().default('draft'),
  ...content,
  revision: integer('revision').notNull().default(0),
  sourceTicketId: ref('source_ticket_id'),
  authorId: ref('author_id').notNull(),
  reviewerId: ref('reviewer_id'),
  publishedAt: at('published_at'),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
  version: integer('version').notNull().default(1),
  titleTokens: text('title_tokens').notNull().default(''),
  bodyTokens: text('body_tokens').notNull().default(''),
});

export const knowledgeArticleVersions = pgTable('knowledge_article_versions', {
  id: id(),
  articleId: ref('article_id').notNull(),
  revision: integer('revision').notNull(),
  status: text('status').$type<VersionStatus>().notNull(),
  ...content,
  visibility: text('visibility').$type<Visibility>().notNull(),
  authorId: ref('author_id').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  submittedAt: at('submitted_at'),
  reviewerId: ref('reviewer_id'),
  reviewedAt: at('reviewed_at'),
  reviewComment: text('review_comment'),
});

export const knowledgeTicketLinks = pgTable(
  'knowledge_ticket_links',
  {
    articleId: ref('article_id').notNull(),
    ticketId: ref('ticket_id').notNull(),
    linkedBy: ref('linked_by').notNull(),
    linkedAt: at('linked_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.ticketId] })],
);

export const knowledgeDeflections = pgTable('knowledge_deflections', {
  id: id(),
  articleId: ref('article_id').notNull(),
  userId: ref('user_id').notNull(),
  query: text('query'),
  at: at('at').notNull().defaultNow(),
});
