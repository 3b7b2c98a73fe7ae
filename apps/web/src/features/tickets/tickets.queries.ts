import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, fetchAllPages, type ResponseOf, unwrap, upload } from '../../lib/api-client.ts';
import type { ListQuery } from './workspace-search.ts';

export type Ticket = ResponseOf<'/api/v1/tickets/{id}', 'get'>;
export type TicketSummary = ResponseOf<'/api/v1/tickets', 'get'>['items'][number];

/** One page of the workspace list; the query is the URL's (see workspace-search.ts). */
export function useTicketList(query: ListQuery) {
  return useQuery({
    queryKey: ['tickets', query],
    queryFn: () => unwrap(api.GET('/api/v1/tickets', { params: { query } })),
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

export function useTeams() {
  return useQuery({
    queryKey: ['teams', 'active'],
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
    link: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/tickets/{id}/links', 'post'> }) =>
        unwrap(api.POST('/api/v1/tickets/{id}/links', { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
    unlink: useMutation({
      mutationFn: ({ id, linkId }: { id: number; linkId: number }) =>
        unwrap(api.DELETE('/api/v1/tickets/{id}/links/{linkId}', { params: { path: { id, linkId } } })),
      onSuccess: settle,
    }),
    attach: useMutation({
      mutationFn: ({ id, file, internal = false }: { id: number; file: File; internal?: boolean }) =>
        upload<Ticket>(`/api/v1/tickets/${id}/attachments`, file, 'POST', internal ? { internal: 'true' } : {}),
      onSuccess: settle,
    }),
    removeAttachment: useMutation({
      mutationFn: ({ id, attachmentId }: { id: number; attachmentId: number }) =>
        unwrap(api.DELETE('/api/v1/tickets/{id}/attachments/{attachmentId}', { params: { path: { id, attachmentId } } })),
      onSuccess: settle,
    }),
    validate: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/tickets/{id}/validation', 'post'> }) =>
        unwrap(api.POST('/api/v1/tickets/{id}/validation', { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
  };
}

/** Reference lists every signed-in user may read (filters and forms); they change rarely. */
const reference = { staleTime: 300_000 } as const;

export function useStatusLabels() {
  return useQuery({ queryKey: ['ticket-status-labels'], queryFn: () => unwrap(api.GET('/api/v1/ticket-status-labels')), ...reference });
}

export function usePriorityMatrix() {
  return useQuery({ queryKey: ['priority-matrix'], queryFn: () => unwrap(api.GET('/api/v1/priority-matrix')), ...reference });
}

export function useBusinessServices() {
  return useQuery({
    queryKey: ['business-services', 'active'],
    queryFn: () => unwrap(api.GET('/api/v1/business-services', { params: { query: { pageSize: 200, active: 'true' } } })),
    ...reference,
  });
}

export function useCompanies() {
  return useQuery({
    queryKey: ['companies', 'active'],
    queryFn: () =>
      fetchAllPages((page, pageSize) => unwrap(api.GET('/api/v1/companies', { params: { query: { page, pageSize, active: 'true' } } }))),
    ...reference,
  });
}

export function useUnits() {
  return useQuery({
    queryKey: ['units', 'active'],
    queryFn: () =>
      fetchAllPages((page, pageSize) => unwrap(api.GET('/api/v1/units', { params: { query: { page, pageSize, active: 'true' } } }))),
    ...reference,
  });
}

export type SavedView = ResponseOf<'/api/v1/saved-views', 'get'>['items'][number];

export function useSavedViews() {
  return useQuery({ queryKey: ['saved-views'], queryFn: () => unwrap(api.GET('/api/v1/saved-views')) });
}

export function useSavedViewChanges() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['saved-views'] });
  return {
    save: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/saved-views', 'post'>) => unwrap(api.POST('/api/v1/saved-views', { body })),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/saved-views/{id}', { params: { path: { id } } })),
      onSuccess: refresh,
    }),
  };
}

export type BulkChange = Omit<BodyOf<'/api/v1/tickets/bulk', 'post'>, 'ids'>;
export type BulkResult = ResponseOf<'/api/v1/tickets/bulk', 'post'>['results'][number];

/** One change to many tickets; the server answers per ticket, so a refusal never hides the others' success. */
export function useBulkUpdate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/tickets/bulk', 'post'>) => unwrap(api.POST('/api/v1/tickets/bulk', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tickets'] }),
  });
}

/** Who the caller may hand a ticket to: teams with their members (a lead any team of the company, an agent their own). */
export function useAssignees(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ['ticket-assignees', id],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}/assignees', { params: { path: { id } } })),
    enabled,
  });
}

/** The attachment policy (types and size), so files are checked before anything is sent. */
export function useAttachmentPolicy() {
  return useQuery({ queryKey: ['attachment-policy'], queryFn: () => unwrap(api.GET('/api/v1/tickets/attachment-policy')), ...reference });
}
