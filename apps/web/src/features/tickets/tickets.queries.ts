import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, type ResponseOf, unwrap, upload } from '../../lib/api-client.ts';

export type Ticket = ResponseOf<'/api/v1/tickets/{id}', 'get'>;
export type TicketSummary = ResponseOf<'/api/v1/tickets', 'get'>['items'][number];
export type Queue = 'mine' | 'team' | 'unassigned' | 'open' | 'breaching' | 'all' | 'my_requests' | 'my_unit';

export function useTicketList(query: { queue: Queue; q?: string; page: number }) {
  return useQuery({
    queryKey: ['tickets', query],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/tickets', {
          params: {
            query: {
              queue: query.queue,
              q: query.q || undefined,
              page: query.page,
              pageSize: 25,
              sort:
                query.queue === 'breaching' ? 'due' : query.queue === 'my_requests' || query.queue === 'my_unit' ? '-created' : 'priority',
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useTicket(number: string) {
  return useQuery({
    queryKey: ['ticket', number],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}', { params: { path: { id: number } } })),
  });
}

export function useTimeline(number: string) {
  return useQuery({
    queryKey: ['ticket', number, 'timeline'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}/timeline', { params: { path: { id: number } } })),
  });
}

export function useCategories() {
  return useQuery({
    queryKey: ['ticket-categories'],
    queryFn: () => unwrap(api.GET('/api/v1/ticket-categories', { params: { query: { pageSize: 200, active: 'true' } } })),
    staleTime: 300_000,
  });
}

export function useLevel2Teams() {
  return useQuery({
    queryKey: ['teams', 'level2'],
    queryFn: () => unwrap(api.GET('/api/v1/teams', { params: { query: { pageSize: 200, active: 'true' } } })),
    staleTime: 300_000,
  });
}

export function useVendors() {
  return useQuery({
    queryKey: ['vendors'],
    queryFn: () => unwrap(api.GET('/api/v1/vendors', { params: { query: { pageSize: 200, active: 'true' } } })),
    staleTime: 300_000,
  });
}

export function useCreateTicket() {
  return useMutation({ mutationFn: (body: BodyOf<'/api/v1/tickets', 'post'>) => unwrap(api.POST('/api/v1/tickets', { body })) });
}

/** Every change answers with the ticket; the cached ticket and its timeline refresh. */
export function useTicketChange(number: string) {
  const client = useQueryClient();
  const settle = (ticket: Ticket) => {
    client.setQueryData(['ticket', number], ticket);
    void client.invalidateQueries({ queryKey: ['ticket', number, 'timeline'] });
    void client.invalidateQueries({ queryKey: ['tickets'] });
  };
  return {
    patch: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/tickets/{id}', 'patch'> }) =>
        unwrap(api.PATCH('/api/v1/tickets/{id}', { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
    transition: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/tickets/{id}/transitions', 'post'> }) =>
        unwrap(api.POST('/api/v1/tickets/{id}/transitions', { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
    comment: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/tickets/{id}/comments', 'post'> }) =>
        unwrap(api.POST('/api/v1/tickets/{id}/comments', { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
    escalate: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/tickets/{id}/escalations', 'post'> }) =>
        unwrap(api.POST('/api/v1/tickets/{id}/escalations', { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
    attach: useMutation({
      mutationFn: ({ id, file }: { id: number; file: File }) => upload<Ticket>(`/api/v1/tickets/${id}/attachments`, file),
      onSuccess: settle,
    }),
  };
}
