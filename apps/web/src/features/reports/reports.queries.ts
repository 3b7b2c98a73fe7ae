import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type BodyOf, type ResponseOf, unwrap } from '../../lib/api-client.ts';

export type Recap = ResponseOf<'/api/v1/reports/tickets', 'get'>;
export type SlaReport = ResponseOf<'/api/v1/reports/sla', 'get'>;
export type Workload = ResponseOf<'/api/v1/reports/workload', 'get'>;
export type Trend = ResponseOf<'/api/v1/reports/trends', 'get'>;
export type Completed = ResponseOf<'/api/v1/reports/completed', 'get'>;
export type CatalogReport = ResponseOf<'/api/v1/reports/catalog', 'get'>;
export type Dashboard = ResponseOf<'/api/v1/reports/dashboard', 'get'>;
export type Subscription = ResponseOf<'/api/v1/report-subscriptions', 'get'>['items'][number];

type Query = Record<string, string | number>;
const live = { placeholderData: keepPreviousData, staleTime: 30_000 };

/** One report for a query (the language is part of the key: labels come translated). */
function useReport<T>(path: string, query: Query, fetch: () => Promise<T>) {
  const { i18n } = useTranslation();
  return useQuery({ queryKey: ['report', path, query, i18n.language], queryFn: fetch, ...live });
}

export const useRecap = (query: Query) =>
  useReport('tickets', query, () => unwrap(api.GET('/api/v1/reports/tickets', { params: { query: query as never } })));
export const useSlaReport = (query: Query) =>
  useReport('sla', query, () => unwrap(api.GET('/api/v1/reports/sla', { params: { query: query as never } })));
export const useWorkload = (query: Query) =>
  useReport('workload', query, () => unwrap(api.GET('/api/v1/reports/workload', { params: { query: query as never } })));
export const useTrend = (query: Query) =>
  useReport('trends', query, () => unwrap(api.GET('/api/v1/reports/trends', { params: { query: query as never } })));
export const useCompleted = (query: Query) =>
  useReport('completed', query, () => unwrap(api.GET('/api/v1/reports/completed', { params: { query: query as never } })));
export const useCatalogReport = (query: Query) =>
  useReport('catalog', query, () => unwrap(api.GET('/api/v1/reports/catalog', { params: { query: query as never } })));

/** The Executive dashboard, refreshed every minute while open. */
export function useDashboard() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['report', 'dashboard', i18n.language],
    queryFn: () => unwrap(api.GET('/api/v1/reports/dashboard')),
    refetchInterval: 60_000,
  });
}

export function useSubscriptions() {
  return useQuery({ queryKey: ['report-subscriptions'], queryFn: () => unwrap(api.GET('/api/v1/report-subscriptions')) });
}

export function useSubscriptionChanges() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['report-subscriptions'] });
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/report-subscriptions', 'post'>) => unwrap(api.POST('/api/v1/report-subscriptions', { body })),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/report-subscriptions/{id}', 'patch'> }) =>
        unwrap(api.PATCH('/api/v1/report-subscriptions/{id}', { params: { path: { id } }, body })),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/report-subscriptions/{id}', { params: { path: { id } } })),
      onSuccess: refresh,
    }),
  };
}
