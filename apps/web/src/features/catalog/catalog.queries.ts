import type { RequestStatus } from '@ish/shared';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, type ResponseOf, unwrap, upload } from '../../lib/api-client.ts';
import type { Person } from '../tickets/people.queries.ts';

export type CatalogItem = ResponseOf<'/api/v1/catalog/items/{id}', 'get'>;
export type ItemVersion = NonNullable<CatalogItem['published']>;
export type ItemBody = BodyOf<'/api/v1/catalog/items', 'post'>;
export type ServiceRequest = ResponseOf<'/api/v1/service-requests/{id}', 'get'>;
/** A file answer as the server keeps it: uploaded first, then named in the order by its id. */
export type FileAnswer = ResponseOf<'/api/v1/service-requests/answer-files', 'post'>;
export type Approval = ResponseOf<'/api/v1/approvals', 'get'>['items'][number];
export type Charges = ResponseOf<'/api/v1/charges', 'get'>;
export type Charge = Charges['spent']['items'][number];
export type ChainStep = ResponseOf<'/api/v1/approval-chains/{id}', 'get'>['steps'][number];
export type ItemView = 'browse' | 'mine' | 'review';
export type ItemAction = 'submit' | 'approve' | 'reject' | 'retire';

export const PAGE_SIZE = 24;

export function useCatalogItems(query: { view: ItemView; q?: string; category?: string; page?: number }) {
  return useQuery({
    queryKey: ['catalog-items', query],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/items', { params: { query: { pageSize: PAGE_SIZE, ...query } } })),
    placeholderData: keepPreviousData,
  });
}

/**
 * Categories offered to the caller (in Indonesian, English or the reader's language): the server has no
 * category list, so they come from what may be ordered.
 */
export function useCatalogCategories(field: 'category' | 'categoryEn' | 'categoryName') {
  return useQuery({
    queryKey: ['catalog-items', 'categories'],
    queryFn: async () => {
      const page = await unwrap(api.GET('/api/v1/catalog/items', { params: { query: { view: 'browse', pageSize: 200 } } }));
      return page.items.flatMap((i) => (i.published ? [i.published] : []));
    },
    select: (versions) => [...new Set(versions.map((v) => v[field]))].filter(Boolean).sort(),
    staleTime: 60_000,
  });
}

export function useCatalogItem(id: number) {
  return useQuery({
    queryKey: ['catalog-item', id],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/items/{id}', { params: { path: { id } } })),
    enabled: id > 0,
  });
}

/** Create, edit and the review decisions all answer with the item; lists refresh. */
export function useItemChanges() {
  const client = useQueryClient();
  const settle = (item: CatalogItem) => {
    client.setQueryData(['catalog-item', item.id], item);
    void client.invalidateQueries({ queryKey: ['catalog-items'] });
  };
  return {
    create: useMutation({
      mutationFn: (body: ItemBody) => unwrap(api.POST('/api/v1/catalog/items', { body })),
      onSuccess: settle,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/catalog/items/{id}', 'patch'> }) =>
        unwrap(api.PATCH('/api/v1/catalog/items/{id}', { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
    decide: useMutation({
      mutationFn: ({ id, action, body }: { id: number; action: ItemAction; body: { version: number; reason?: string } }) =>
        unwrap(api.POST(`/api/v1/catalog/items/{id}/${action}`, { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
  };
}

/** One page of requests (the user's own, or all they may see), optionally of one status. */
export function useRequests(query: { mine: boolean; status?: RequestStatus; page: number }) {
  return useQuery({
    queryKey: ['service-requests', query],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/service-requests', {
          params: { query: { mine: query.mine ? 'true' : 'false', status: query.status, page: query.page, pageSize: PAGE_SIZE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Uploads a file answer before ordering; the order then names it by `fileId`. */
export function useUploadAnswerFile() {
  return useMutation({ mutationFn: (file: File) => upload<FileAnswer>('/api/v1/service-requests/answer-files', file) });
}

/** A request by its number (REQ-2026-000001, as notifications link) or id. */
export function useRequest(key: string) {
  return useQuery({
    queryKey: ['service-request', key],
    queryFn: () => unwrap(api.GET('/api/v1/service-requests/{id}', { params: { path: { id: key } } })),
  });
}

export function useRequestChanges(key: string) {
  const client = useQueryClient();
  const settle = (request: ServiceRequest) => {
    client.setQueryData(['service-request', key], request);
    void client.invalidateQueries({ queryKey: ['service-requests'] });
    if (request.ticket) void client.invalidateQueries({ queryKey: ['ticket', request.ticket.number] });
  };
  return {
    actual: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/service-requests/{id}/actual-quantity', 'post'> }) =>
        unwrap(api.POST('/api/v1/service-requests/{id}/actual-quantity', { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
    /** Moves the fulfilment ticket (start work, confirm the result); the request follows its ticket. */
    transition: useMutation({
      mutationFn: ({ ticketId, body }: { ticketId: number; body: BodyOf<'/api/v1/tickets/{id}/transitions', 'post'> }) =>
        unwrap(api.POST('/api/v1/tickets/{id}/transitions', { params: { path: { id: ticketId } }, body })),
      onSuccess: (ticket) => {
        client.setQueryData(['ticket', ticket.number], ticket);
        void client.invalidateQueries({ queryKey: ['service-request', key] });
        void client.invalidateQueries({ queryKey: ['service-requests'] });
      },
    }),
    withdraw: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/service-requests/{id}/withdraw', 'post'> }) =>
        unwrap(api.POST('/api/v1/service-requests/{id}/withdraw', { params: { path: { id } }, body })),
      onSuccess: (request: ServiceRequest) => {
        settle(request);
        void client.invalidateQueries({ queryKey: ['approvals'] });
      },
    }),
    complete: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/service-requests/{id}/complete', 'post'> }) =>
        unwrap(api.POST('/api/v1/service-requests/{id}/complete', { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
  };
}

/** The fulfilment ticket (same cache as the ticket page), fetched only when its allowed actions matter here. */
export function useFulfilmentTicket(number: string, enabled: boolean) {
  return useQuery({
    queryKey: ['ticket', number],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}', { params: { path: { id: number } } })),
    enabled,
  });
}

export function useOrder() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/service-requests', 'post'>) => unwrap(api.POST('/api/v1/service-requests', { body })),
    onSuccess: (request) => {
      client.setQueryData(['service-request', request.number], request);
      void client.invalidateQueries({ queryKey: ['service-requests'] });
    },
  });
}

export function useApprovals(state: 'pending' | 'decided', page: number) {
  return useQuery({
    queryKey: ['approvals', state, page],
    queryFn: () => unwrap(api.GET('/api/v1/approvals', { params: { query: { state, page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
}

export function useDecideApproval() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/approvals/{id}/decision', 'post'> }) =>
      unwrap(api.POST('/api/v1/approvals/{id}/decision', { params: { path: { id } }, body })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['approvals'] });
      void client.invalidateQueries({ queryKey: ['service-request'] });
      void client.invalidateQueries({ queryKey: ['service-requests'] });
    },
  });
}

/** The divisions whose charges I read, each with its company's current month (the server's rule and calendar). */
export function useChargeDivisions() {
  return useQuery({ queryKey: ['charge-divisions'], queryFn: () => unwrap(api.GET('/api/v1/charges/divisions')), staleTime: 60_000 });
}

/** The divisions whose approval chain I may configure. */
export function useChainDivisions() {
  return useQuery({ queryKey: ['chain-divisions'], queryFn: () => unwrap(api.GET('/api/v1/approval-chains')), staleTime: 60_000 });
}

/** The divisions I may register catalog items for. */
export function useProviderDivisions() {
  return useQuery({
    queryKey: ['provider-divisions'],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/provider-divisions')),
    staleTime: 60_000,
  });
}

export function useCharges(division: number | null, period: string) {
  return useQuery({
    queryKey: ['charges', division, period],
    queryFn: () => unwrap(api.GET('/api/v1/charges', { params: { query: { division: division ?? 0, period } } })),
    enabled: division !== null && period !== '',
  });
}

export function useReverseCharge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: number; reason: string }) =>
      unwrap(api.POST('/api/v1/charges/{id}/reverse', { params: { path: { id } }, body: { reason } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['charges'] }),
  });
}

export function useApprovalChain(unitId: number | null) {
  return useQuery({
    queryKey: ['approval-chain', unitId],
    queryFn: () => unwrap(api.GET('/api/v1/approval-chains/{id}', { params: { path: { id: unitId ?? 0 } } })),
    enabled: unitId !== null,
  });
}

export function useSaveApprovalChain() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, steps }: { unitId: number; steps: ChainStep[] }) =>
      unwrap(api.PUT('/api/v1/approval-chains/{id}', { params: { path: { id: unitId } }, body: { steps } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['approval-chain'] }),
  });
}

/** The people a chain names, by id (the chain keeps ids only); unknown ones stay named by id. */
export function useNamedPeople(ids: number[]): Map<number, Person> {
  const found = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['user', id],
      queryFn: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id } } })),
      staleTime: 300_000,
    })),
  });
  return new Map(found.flatMap((q) => (q.data ? [[q.data.id, { id: q.data.id, name: q.data.name, hint: q.data.email }]] : [])));
}
