import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, fetchAllPages, type ResponseOf, unwrap } from '../../../lib/api-client.ts';

export type UserRow = ResponseOf<'/api/v1/users', 'get'>['items'][number];
export type UserDetail = ResponseOf<'/api/v1/users/{id}', 'get'>;
export type Grant = ResponseOf<'/api/v1/users/{id}/grants', 'get'>[number];
export type NewUser = BodyOf<'/api/v1/users', 'post'>;
export type UserChanges = BodyOf<'/api/v1/users/{id}', 'patch'>;
export type NewGrant = BodyOf<'/api/v1/users/{id}/grants', 'post'>;

export interface UserFilters {
  q: string;
  unitId: number | null;
  active: boolean | null;
  page: number;
  pageSize: number;
}

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: ['users', 'page', filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/users', {
          params: {
            query: {
              page: filters.page,
              pageSize: filters.pageSize,
              q: filters.q || undefined,
              unitId: filters.unitId ?? undefined,
              active: filters.active === undefined ? undefined : filters.active ? 'true' : 'false',
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** Every active user, for pickers (team members and leads). */
export function useAllUsers(enabled = true) {
  return useQuery({
    queryKey: ['users', 'all'],
    queryFn: () =>
      fetchAllPages((page, pageSize) => unwrap(api.GET('/api/v1/users', { params: { query: { page, pageSize, active: 'true' } } }))),
    enabled,
    staleTime: 60_000,
  });
}

export function useUserGrants(userId: number | undefined) {
  return useQuery({
    queryKey: ['users', userId, 'grants'],
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}/grants', { params: { path: { id: userId ?? 0 } } })),
    enabled: userId !== undefined,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['users'] });
}

export function useSaveUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UserChanges } | { id?: undefined; body: NewUser }) =>
      id === undefined
        ? unwrap(api.POST('/api/v1/users', { body }))
        : unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useAddGrant(userId: number) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: NewGrant) => unwrap(api.POST('/api/v1/users/{id}/grants', { params: { path: { id: userId } }, body })),
    onSuccess: invalidate,
  });
}

export function useRevokeGrant(userId: number) {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (grantId: number) =>
      unwrap(api.DELETE('/api/v1/users/{id}/grants/{grantId}', { params: { path: { id: userId, grantId } } })),
    onSuccess: invalidate,
  });
}
