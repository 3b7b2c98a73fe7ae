import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, fetchAllPages, type ResponseOf, unwrap } from '../../../lib/api-client.ts';

export type Category = ResponseOf<'/api/v1/ticket-categories', 'get'>['items'][number];
export type BusinessService = ResponseOf<'/api/v1/business-services', 'get'>['items'][number];
export type PriorityMatrix = ResponseOf<'/api/v1/priority-matrix', 'get'>;
export type StatusLabels = ResponseOf<'/api/v1/ticket-status-labels', 'get'>;
export type ServiceDeskSettings = ResponseOf<'/api/v1/service-desk-settings', 'get'>;
/** The attachment types the settings accept (the server's list of sniffable types). */
export type AttachmentType = BodyOf<'/api/v1/service-desk-settings', 'put'>['attachmentTypes'][number];

/**
 * After a change, the admin lists and the copies the service-desk screens
 * cache (category pickers, status names, the priority preview) load again.
 */
function useRefresh(...keys: string[]) {
  const client = useQueryClient();
  return () => Promise.all(keys.map((key) => client.invalidateQueries({ queryKey: [key] })));
}

/** The whole category tree, inactive ones included, in the server's depth-first order. */
export function useAllCategories() {
  return useQuery({
    queryKey: ['ticket-categories', 'admin'],
    queryFn: () =>
      fetchAllPages((page, pageSize) => unwrap(api.GET('/api/v1/ticket-categories', { params: { query: { page, pageSize } } }))),
  });
}

export function useCategoryChanges() {
  const refresh = useRefresh('ticket-categories');
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/ticket-categories', 'post'>) => unwrap(api.POST('/api/v1/ticket-categories', { body })),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/ticket-categories/{id}', 'patch'> }) =>
        unwrap(api.PATCH('/api/v1/ticket-categories/{id}', { params: { path: { id } }, body })),
      onSuccess: refresh,
    }),
  };
}

export function useServicePage(page: number, pageSize: number, q: string) {
  return useQuery({
    queryKey: ['business-services', 'admin', page, pageSize, q],
    queryFn: () => unwrap(api.GET('/api/v1/business-services', { params: { query: { page, pageSize, q: q || undefined } } })),
    placeholderData: keepPreviousData,
  });
}

export function useServiceChanges() {
  const refresh = useRefresh('business-services');
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/business-services', 'post'>) => unwrap(api.POST('/api/v1/business-services', { body })),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/business-services/{id}', 'patch'> }) =>
        unwrap(api.PATCH('/api/v1/business-services/{id}', { params: { path: { id } }, body })),
      onSuccess: refresh,
    }),
  };
}

export function useSavePriorityMatrix() {
  const refresh = useRefresh('priority-matrix');
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/priority-matrix', 'put'>) => unwrap(api.PUT('/api/v1/priority-matrix', { body })),
    onSuccess: refresh,
  });
}

export function useSaveStatusLabels() {
  // Lists and tickets carry status names too.
  const refresh = useRefresh('ticket-status-labels', 'tickets', 'ticket');
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/ticket-status-labels', 'put'>) => unwrap(api.PUT('/api/v1/ticket-status-labels', { body })),
    onSuccess: refresh,
  });
}

export function useServiceDeskSettings() {
  return useQuery({ queryKey: ['service-desk-settings'], queryFn: () => unwrap(api.GET('/api/v1/service-desk-settings')) });
}

export function useSaveServiceDeskSettings() {
  const refresh = useRefresh('service-desk-settings');
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/service-desk-settings', 'put'>) => unwrap(api.PUT('/api/v1/service-desk-settings', { body })),
    onSuccess: refresh,
  });
}

/** A user named in the settings (head of IT, director), to show their name in the picker. */
export function useUserName(id: number | null) {
  return useQuery({
    queryKey: ['users', id, 'name'],
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== null,
    staleTime: 300_000,
  });
}
