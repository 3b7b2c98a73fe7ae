import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, fetchAllPages, type Page, type ResponseOf, unwrap } from '../../../lib/api-client.ts';

export type Company = ResponseOf<'/api/v1/companies', 'get'>['items'][number];
export type Unit = ResponseOf<'/api/v1/units', 'get'>['items'][number];
export type Team = ResponseOf<'/api/v1/teams', 'get'>['items'][number];
export type Vendor = ResponseOf<'/api/v1/vendors', 'get'>['items'][number];
export type Location = ResponseOf<'/api/v1/locations', 'get'>['items'][number];

interface ListQuery {
  page: number;
  pageSize: number;
}

/** The five kinds of organisation master data, each with list, create and update (deactivate is an update). */
export const orgApi = {
  companies: {
    list: (query: ListQuery) => unwrap(api.GET('/api/v1/companies', { params: { query } })),
    create: (body: BodyOf<'/api/v1/companies', 'post'>) => unwrap(api.POST('/api/v1/companies', { body })),
    update: (id: number, body: BodyOf<'/api/v1/companies/{id}', 'patch'>) =>
      unwrap(api.PATCH('/api/v1/companies/{id}', { params: { path: { id } }, body })),
  },
  units: {
    list: (query: ListQuery) => unwrap(api.GET('/api/v1/units', { params: { query } })),
    create: (body: BodyOf<'/api/v1/units', 'post'>) => unwrap(api.POST('/api/v1/units', { body })),
    update: (id: number, body: BodyOf<'/api/v1/units/{id}', 'patch'>) =>
      unwrap(api.PATCH('/api/v1/units/{id}', { params: { path: { id } }, body })),
  },
  teams: {
    list: (query: ListQuery) => unwrap(api.GET('/api/v1/teams', { params: { query } })),
    create: (body: BodyOf<'/api/v1/teams', 'post'>) => unwrap(api.POST('/api/v1/teams', { body })),
    update: (id: number, body: BodyOf<'/api/v1/teams/{id}', 'patch'>) =>
      unwrap(api.PATCH('/api/v1/teams/{id}', { params: { path: { id } }, body })),
  },
  vendors: {
    list: (query: ListQuery) => unwrap(api.GET('/api/v1/vendors', { params: { query } })),
    create: (body: BodyOf<'/api/v1/vendors', 'post'>) => unwrap(api.POST('/api/v1/vendors', { body })),
    update: (id: number, body: BodyOf<'/api/v1/vendors/{id}', 'patch'>) =>
      unwrap(api.PATCH('/api/v1/vendors/{id}', { params: { path: { id } }, body })),
  },
  locations: {
    list: (query: ListQuery) => unwrap(api.GET('/api/v1/locations', { params: { query } })),
    create: (body: BodyOf<'/api/v1/locations', 'post'>) => unwrap(api.POST('/api/v1/locations', { body })),
    update: (id: number, body: BodyOf<'/api/v1/locations/{id}', 'patch'>) =>
      unwrap(api.PATCH('/api/v1/locations/{id}', { params: { path: { id } }, body })),
  },
};

export type OrgEntity = keyof typeof orgApi;

interface OrgItems {
  companies: Company;
  units: Unit;
  teams: Team;
  vendors: Vendor;
  locations: Location;
}
export type OrgItem<E extends OrgEntity> = OrgItems[E];

// TypeScript cannot tie orgApi[entity] to the entity's own item type, hence the cast.
const listOf = <E extends OrgEntity>(entity: E, query: ListQuery) => orgApi[entity].list(query) as Promise<Page<OrgItem<E>>>;

export function useOrgPage<E extends OrgEntity>(entity: E, page: number, pageSize: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['org', entity, 'page', page, pageSize],
    queryFn: () => listOf(entity, { page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** Every record of a kind, for pickers and the unit tree. */
export function useOrgAll<E extends OrgEntity>(entity: E, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['org', entity, 'all'],
    queryFn: () => fetchAllPages((page, pageSize) => listOf(entity, { page, pageSize })),
    staleTime: 60_000,
  });
}

/** After a change, every list of that kind (pages, pickers, tree) is fetched again. */
export function useInvalidateOrg(entity: OrgEntity) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['org', entity] });
}
