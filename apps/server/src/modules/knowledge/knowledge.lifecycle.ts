import type { ArticleStatus, VersionStatus } from './knowledge.tables.ts';

/** Who takes a step: anyone who writes articles (agents, leads), or a reviewer (Team Lead). */
export type KnowledgeRole = 'writer' | 'reviewer';

export interface RevisionStep {
  action: 'submit' | 'approve' | 'reject';
  from: readonly VersionStatus[];
  to: VersionStatus;
  by: KnowledgeRole;
  requires: readonly 'comment'[];
}

/**
 * A revision's life as data: written (draft), sent for review, then published
 * by a Team Lead or sent back with a comment (rejected, edited, sent again).
 * Publishing a revision supersedes the one before it.
 */
export const REVISION_STEPS: readonly RevisionStep[] = [
  { action: 'submit', from: ['draft', 'rejected'], to: 'in_review', by: 'writer', requires: [] },
  { action: 'approve', from: ['in_review'], to: 'published', by: 'reviewer', requires: [] },
  { action: 'reject', from: ['in_review'], to: 'rejected', by: 'reviewer', requires: ['comment'] },
];

export interface ArticleStep {
  action: 'retire' | 'restore';
  from: readonly ArticleStatus[];
  to: ArticleStatus;
  by: KnowledgeRole;
}

/** The article's own steps: a reviewer retires an outdated article (it leaves search) and may bring it back. */
export const ARTICLE_STEPS: readonly ArticleStep[] = [
  { action: 'retire', from: ['published'], to: 'retired', by: 'reviewer' },
  { action: 'restore', from: ['retired'], to: 'published', by: 'reviewer' },
];

/** Revisions nobody has published yet: at most one per article. */
export const WORKING: readonly VersionStatus[] = ['draft', 'in_review', 'rejected'];
