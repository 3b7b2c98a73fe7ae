import { type SQL, sql } from 'drizzle-orm';
import { type Actor, scopesFor } from '../../platform/authz/actor.ts';
import { contacts } from './contacts.tables.ts';

// Contacts belong to one of our companies; the service desk of that company
// (anyone who works tickets there, at any scope inside it) handles them.

/** The companies whose contacts the actor handles, or 'all'. */
export function contactCompanies(actor: Actor): 'all' | number[] {
  const scopes = scopesFor(actor, 'ticket:work');
  if (scopes.some((s) => s.kind === 'organisation')) return 'all';
  return [...new Set(scopes.map((s) => (s.kind === 'organisation' ? 0 : s.companyId)))];
}

export function canHandleContact(actor: Actor, companyId: number): boolean {
  const companies = contactCompanies(actor);
  return companies === 'all' || companies.includes(companyId);
}

/** The list condition matching `canHandleContact`. */
export function handledContacts(actor: Actor): SQL {
  const companies = contactCompanies(actor);
  if (companies === 'all') return sql`true`;
  return companies.length ? sql`${contacts.companyId} IN ${companies}` : sql`false`;
}
