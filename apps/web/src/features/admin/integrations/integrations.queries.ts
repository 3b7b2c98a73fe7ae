import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, type ResponseOf, unwrap } from '../../../lib/api-client.ts';

export type Endpoint = ResponseOf<'/api/v1/webhooks', 'get'>['items'][number];
export type Delivery = ResponseOf<'/api/v1/webhooks/{id}/deliveries', 'get'>['items'][number];
export type ServiceToken = ResponseOf<'/api/v1/service-tokens', 'get'>['items'][number];
export type Provider = ResponseOf<'/api/v1/oidc-providers', 'get'>['items'][number];

export function useEndpoints() {
  return useQuery({ queryKey: ['webhooks'], queryFn: () => unwrap(api.GET('/api/v1/webhooks')) });
}

export function useDeliveries(id: number | null) {
  return useQuery({
    queryKey: ['webhooks', id, 'deliveries'],
    queryFn: () => unwrap(api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id: id ?? 0 }, query: { limit: 25 } } })),
    enabled: id !== null,
  });
}

export function useEndpointWrites() {
  const client = useQueryClient();
  const settle = () => void client.invalidateQueries({ queryKey: ['webhooks'] });
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/webhooks', 'post'>) => unwrap(api.POST('/api/v1/webhooks', { body })),
      onSuccess: settle,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/webhooks/{id}', 'patch'> & { id: number }) =>
        unwrap(api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
    rotate: useMutation({
      mutationFn: (id: number) => unwrap(api.POST('/api/v1/webhooks/{id}/rotate-secret', { params: { path: { id } } })),
      onSuccess: settle,
    }),
    redeliver: useMutation({
      mutationFn: ({ id, deliveryId }: { id: number; deliveryId: number }) =>
        unwrap(api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', { params: { path: { id, deliveryId } } })),
      onSuccess: settle,
    }),
  };
}

export function useServiceTokens(enabled: boolean) {
  return useQuery({ queryKey: ['service-tokens'], queryFn: () => unwrap(api.GET('/api/v1/service-tokens')), enabled });
}

export function useServiceTokenWrites() {
  const client = useQueryClient();
  const settle = () => void client.invalidateQueries({ queryKey: ['service-tokens'] });
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/service-tokens', 'post'>) => unwrap(api.POST('/api/v1/service-tokens', { body })),
      onSuccess: settle,
    }),
    revoke: useMutation({
      mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/service-tokens/{id}', { params: { path: { id } } })),
      onSuccess: settle,
    }),
  };
}

export function useProviders(enabled: boolean) {
  return useQuery({ queryKey: ['oidc-providers'], queryFn: () => unwrap(api.GET('/api/v1/oidc-providers')), enabled });
}

export function useProviderWrites() {
  const client = useQueryClient();
  const settle = () => void client.invalidateQueries({ queryKey: ['oidc-providers'] });
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/oidc-providers', 'post'>) => unwrap(api.POST('/api/v1/oidc-providers', { body })),
      onSuccess: settle,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: BodyOf<'/api/v1/oidc-providers/{id}', 'patch'> & { id: number }) =>
        unwrap(api.PATCH('/api/v1/oidc-providers/{id}', { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
  };
}

export function useSignInPolicy(companyId: number | null) {
  return useQuery({
    queryKey: ['sign-in-policy', companyId],
    queryFn: () => unwrap(api.GET('/api/v1/companies/{id}/sign-in', { params: { path: { id: companyId ?? 0 } } })),
    enabled: companyId !== null,
  });
}

export function useSaveSignInPolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: BodyOf<'/api/v1/companies/{id}/sign-in', 'put'> & { id: number }) =>
      unwrap(api.PUT('/api/v1/companies/{id}/sign-in', { params: { path: { id } }, body })),
    onSuccess: (saved) => client.setQueryData(['sign-in-policy', saved.companyId], saved),
  });
}
