import { type SQL, sql } from 'drizzle-orm';
import { type Actor, can } from '../../platform/authz/actor.ts';
import type { KnowledgeRole } from './knowledge.lifecycle.ts';
import { type ArticleStatus, knowledgeArticles, type Visibility } from './knowledge.tables.ts';

// Who may read and write knowledge articles. Deny by default.

export const isWriter = (actor: Actor) => can(actor, 'knowledge:write');
export const isReviewer = (actor: Actor) => can(actor, 'knowledge:review');
/** The service desk: "agents only" articles are for them. */
const isAgent = (actor: Actor) => can(actor, 'ticket:work');

export const plays = (actor: Actor, role: KnowledgeRole) => (role === 'writer' ? isWriter(actor) : isReviewer(actor));

export interface ArticleFacts {
  status: ArticleStatus;
  visibility: Visibility;
  companyId: number | null;
}

/**
 * Writers see every article (drafts included); everyone else published ones
 * meant for them: for everyone, for the service desk, or for one company
 * (its people; the service desk of every company).
 */
export function canRead(actor: Actor, a: ArticleFacts): boolean {
  if (isWriter(actor)) return true;
  if (a.status !== 'published') return false;
  return a.visibility === 'everyone' || isAgent(actor) || (a.visibility === 'company' && a.companyId === actor.companyId);
}

/** The list condition matching `canRead`. */
export function visibleArticles(actor: Actor): SQL {
  if (isWriter(actor)) return sql`true`;
  if (isAgent(actor)) return sql`${knowledgeArticles.status} = 'published'`;
  return sql`(${knowledgeArticles.status} = 'published' AND (${knowledgeArticles.visibility} = 'everyone'
    OR (${knowledgeArticles.visibility} = 'company' AND ${knowledgeArticles.companyId} = ${actor.companyId})))`;
}

/** A requester who may read it: only such articles are sent to a ticket's requester. */
export const readableByRequesterOf = (a: ArticleFacts, requesterCompanyId: number) =>
  a.status === 'published' && (a.visibility === 'everyone' || (a.visibility === 'company' && a.companyId === requesterCompanyId));
