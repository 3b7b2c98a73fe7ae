import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type ResponseOf, unwrap } from '../../../lib/api-client.ts';

export type AuditEntry = ResponseOf<'/api/v1/audit', 'get'>['items'][number];

export interface AuditFilters {
  action?: string;
  actorEmail?: string;
  target?: string;
  /** ISO instants bounding the range, already converted from the user's time zone. */
  from?: string;
  to?: string;
}

export function useAudit(filters: AuditFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['audit', filters, page, pageSize],
    queryFn: () => unwrap(api.GET('/api/v1/audit', { params: { query: { ...filters, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });
}

export function useAuditActions() {
  return useQuery({ queryKey: ['audit', 'actions'], queryFn: () => unwrap(api.GET('/api/v1/audit/actions')), staleTime: 5 * 60_000 });
}
