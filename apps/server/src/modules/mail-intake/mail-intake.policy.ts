import { type SQL, sql } from 'drizzle-orm';
import { type Actor, scopesFor } from '../../platform/authz/actor.ts';
import { inboundMail } from './mail-intake.tables.ts';

// Quarantined mail belongs to the company it would go to (the ticket it names,
// the sender's, or the mailbox's); the service desk working in that company
// releases it. Mail no company could be told yet is for organisation-wide desks.

function companies(actor: Actor): 'all' | number[] {
  const scopes = scopesFor(actor, 'ticket:work');
  if (scopes.some((s) => s.kind === 'organisation')) return 'all';
  return [...new Set(scopes.map((s) => (s.kind === 'organisation' ? 0 : s.companyId)))];
}

export function canHandleMail(actor: Actor, companyId: number | null): boolean {
  const allowed = companies(actor);
  return allowed === 'all' || (companyId !== null && allowed.includes(companyId));
}

export function handledMail(actor: Actor): SQL {
  const allowed = companies(actor);
  if (allowed === 'all') return sql`true`;
  return allowed.length ? sql`${inboundMail.companyId} IN ${allowed}` : sql`false`;
}
