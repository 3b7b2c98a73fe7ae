import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client.ts';
import { useMe } from '../session/session.queries.ts';

export interface Person {
  id: number;
  name: string;
  /** Shown after the name to tell namesakes apart (the e-mail address, when known). */
  hint?: string;
}

/** Whom a search is for: a ticket's people (requester, assignee, watcher) or a person named in an order form. */
export type PeoplePurpose = 'ticket' | 'order';

/**
 * People to pick. For a ticket, whoever may read users searches the user
 * list and the service desk the people it may log tickets for; an order form
 * searches the requester's colleagues. Searches need two letters; the user is
 * always offered.
 */
export function usePeople(search: string, purpose: PeoplePurpose = 'ticket') {
  const me = useMe();
  const readsUsers = purpose === 'ticket' && me.permissions.includes('user:read');
  const users = useQuery({
    queryKey: ['people', 'users', search],
    queryFn: () =>
      unwrap(api.GET('/api/v1/users', { params: { query: { q: search || undefined, active: 'true', pageSize: 30 } } })).then((page) =>
        page.items.map((u): Person => ({ id: u.id, name: u.name, hint: u.email })),
      ),
    enabled: readsUsers,
    placeholderData: keepPreviousData,
  });
  const term = search.trim();
  const desk = useQuery({
    queryKey: ['people', purpose, term],
    queryFn: () =>
      unwrap(api.GET('/api/v1/people', { params: { query: { q: term, purpose } } })).then((found) => [
        { id: me.user.id, name: me.user.name },
        ...found.items.filter((p) => p.id !== me.user.id).map((p): Person => ({ id: p.id, name: p.name, hint: p.email })),
      ]),
    enabled: !readsUsers && term.length >= 2,
    placeholderData: keepPreviousData,
  });
  if (readsUsers) return { people: users.data ?? [], loading: users.isFetching };
  return { people: term.length >= 2 ? (desk.data ?? []) : [{ id: me.user.id, name: me.user.name }], loading: desk.isFetching };
}
