import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../lib/api.d.ts';
import { api, type BodyOf, type ResponseOf, unwrap } from '../../lib/api-client.ts';

export type Problem = ResponseOf<'/api/v1/problems/{id}', 'get'>;
type ListQuery = NonNullable<paths['/api/v1/problems']['get']['parameters']['query']>;

export function useProblems(query: ListQuery) {
  return useQuery({
    queryKey: ['problems', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/problems', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useProblem(id: number) {
  return useQuery({
    queryKey: ['problems', 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/problems/{id}', { params: { path: { id } } })),
  });
}

export function useProblemHints(ticketId: number, enabled: boolean) {
  return useQuery({
    queryKey: ['problems', 'hints', ticketId],
    queryFn: () => unwrap(api.GET('/api/v1/problems/hints', { params: { query: { ticketId } } })),
    enabled,
  });
}

export function useProblemChange() {
  const client = useQueryClient();
  const settle = (problem: Problem) => {
    client.setQueryData(['problems', 'one', problem.id], problem);
    void client.invalidateQueries({ queryKey: ['problems', 'list'] });
    void client.invalidateQueries({ queryKey: ['problems', 'hints'] });
  };
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/problems', 'post'>) => unwrap(api.POST('/api/v1/problems', { body })),
      onSuccess: settle,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/problems/{id}', 'patch'> }) =>
        unwrap(api.PATCH('/api/v1/problems/{id}', { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
    step: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/problems/{id}/transitions', 'post'> }) =>
        unwrap(api.POST('/api/v1/problems/{id}/transitions', { params: { path: { id } }, body })),
      onSuccess: (result) => {
        settle(result.problem);
        void client.invalidateQueries({ queryKey: ['ticket'] });
      },
    }),
    link: useMutation({
      mutationFn: ({ id, ticket }: { id: number; ticket: string }) =>
        unwrap(api.POST('/api/v1/problems/{id}/incidents', { params: { path: { id } }, body: { ticket } })),
      onSuccess: (problem) => {
        settle(problem);
        void client.invalidateQueries({ queryKey: ['ticket'] });
      },
    }),
    unlink: useMutation({
      mutationFn: ({ id, ticketId }: { id: number; ticketId: number }) =>
        unwrap(api.DELETE('/api/v1/problems/{id}/incidents/{ticketId}', { params: { path: { id, ticketId } } })),
      onSuccess: settle,
    }),
  };
}
