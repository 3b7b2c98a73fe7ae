import type { Permission } from '@ish/shared';
import { type SQL, sql } from 'drizzle-orm';
import { type Actor, scopesFor } from '../../platform/authz/actor.ts';
import { PROBLEM_STEPS } from './problems.lifecycle.ts';
import { type ProblemStatus, problems } from './problems.tables.ts';

// Problems are the service desk's own records: no requester sees them. Deny by default.

/** The companies where the actor holds any of `permissions`, or 'all'. */
function companiesFor(actor: Actor, permissions: Permission[]): 'all' | number[] {
  const scopes = permissions.flatMap((p) => scopesFor(actor, p));
  if (scopes.some((s) => s.kind === 'organisation')) return 'all';
  return [...new Set(scopes.map((s) => (s.kind === 'organisation' ? 0 : s.companyId)))];
}

const covers = (reach: 'all' | number[], companyId: number) => reach === 'all' || reach.includes(companyId);
const READ: Permission[] = ['ticket:work', 'report:read'];

/** The service desk and report readers of the problem's company. */
export const canRead = (actor: Actor, p: { companyId: number }) => covers(companiesFor(actor, READ), p.companyId);
export const canManage = (actor: Actor, p: { companyId: number }) => covers(companiesFor(actor, ['problem:manage']), p.companyId);

/** The list condition matching `canRead`. */
export function visibleProblems(actor: Actor): SQL {
  const reach = companiesFor(actor, READ);
  if (reach === 'all') return sql`true`;
  return reach.length ? sql`${problems.companyId} IN ${reach}` : sql`false`;
}

/** What the caller may do now; the UI offers exactly these. */
export function allowedActions(actor: Actor, p: { companyId: number; status: ProblemStatus }): string[] {
  if (!canManage(actor, p)) return [];
  const actions = PROBLEM_STEPS.filter((s) => s.from.includes(p.status)).map((s) => s.action as string);
  if (p.status !== 'closed') actions.push('edit', 'link');
  return actions.sort();
}
