import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client.ts';
import { useMe } from '../session/session.queries.ts';

export interface Person {
  id: number;
  name: string;
  /** Shown after the name to tell namesakes apart (the e-mail address, when known). */
  hint?: string;
}

/**
 * People to pick as requester, assignee or watcher. Whoever may read users
 * searches the user list. Agents and leads may not (the API has no people
 * search for the service desk), so they pick from the requesters and
 * assignees of the tickets they can see, plus themselves.
 */
export function usePeople(search: string) {
  const me = useMe();
  const readsUsers = me.permissions.includes('user:read');
  const users = useQuery({
    queryKey: ['people', 'users', search],
    queryFn: () =>
      unwrap(api.GET('/api/v1/users', { params: { query: { q: search || undefined, active: 'true', pageSize: 30 } } })).then((page) =>
        page.items.map((u): Person => ({ id: u.id, name: u.name, hint: u.email })),
      ),
    enabled: readsUsers,
    placeholderData: keepPreviousData,
  });
  const fromTickets = useQuery({
    queryKey: ['people', 'tickets'],
    queryFn: async () => {
      const page = await unwrap(api.GET('/api/v1/tickets', { params: { query: { queue: 'all', sort: '-updated', pageSize: 200 } } }));
      const people = new Map<number, Person>([[me.user.id, { id: me.user.id, name: me.user.name }]]);
      for (const ticket of page.items)
        for (const person of [ticket.requester, ticket.assignee]) if (person && !people.has(person.id)) people.set(person.id, person);
      return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
    enabled: !readsUsers,
    staleTime: 120_000,
  });
  const source = readsUsers ? users : fromTickets;
  return { people: source.data ?? [], loading: source.isFetching };
}
