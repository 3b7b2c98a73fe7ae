import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { listItems } from '../catalog/index.ts';
import { findPeople } from '../identity/index.ts';
import { listArticles } from '../knowledge/index.ts';
import { searchRequests } from '../requests/index.ts';
import { listQuery, listTickets } from '../tickets/index.ts';

/**
 * One search across what the caller may see, grouped by kind. Every kind is
 * read through its own module's visibility rule (tickets, requests, the
 * catalog's audiences, articles' visibility); people only for the service
 * desk. One after another: inside a request they share a connection.
 */
export async function searchEverything(tx: Tx, actor: Actor, q: string, limit: number) {
  const tickets = await listTickets(tx, actor, listQuery.parse({ q, pageSize: String(limit), sort: '-updated' }));
  const requests = await searchRequests(tx, actor, q, limit);
  const catalog = can(actor, 'catalog:browse')
    ? await listItems(tx, actor, { view: 'browse', q, page: 1, pageSize: limit })
    : { items: [] };
  const articles = await listArticles(tx, actor, { q, page: 1, pageSize: limit });
  const people = can(actor, 'ticket:work') ? (await findPeople(tx, actor, q, 'ticket')).items.slice(0, limit) : [];
  return {
    tickets: tickets.items.map((t) => ({ id: t.id, number: t.number, title: t.title, status: t.status, statusLabel: t.statusLabel })),
    requests,
    catalogItems: catalog.items.map((i) => ({
      id: i.id,
      name: (actor.locale === 'en' ? i.published?.nameEn : i.published?.nameId) ?? i.code,
      provider: i.provider.name,
    })),
    articles: articles.items.map((a) => ({ id: a.id, number: a.number, title: a.title, excerpt: a.excerpt })),
    people: people.map((p) => ({ id: p.id, name: p.name, email: p.email, unit: p.unit.name })),
  };
}
