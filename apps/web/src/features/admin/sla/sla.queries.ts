import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, fetchAllPages, type ResponseOf, unwrap } from '../../../lib/api-client.ts';

export type NewCalendar = BodyOf<'/api/v1/calendars', 'post'>;
export type Holiday = ResponseOf<'/api/v1/holidays', 'get'>['items'][number];
export type NewHoliday = BodyOf<'/api/v1/holidays', 'post'>;
export type SlaPolicy = ResponseOf<'/api/v1/sla-policies', 'get'>['items'][number];
export type NewSlaPolicy = BodyOf<'/api/v1/sla-policies', 'post'>;
export type EscalationRule = ResponseOf<'/api/v1/escalation-rules', 'get'>['items'][number];
export type NewEscalationRule = BodyOf<'/api/v1/escalation-rules', 'post'>;
export type Category = ResponseOf<'/api/v1/ticket-categories', 'get'>['items'][number];
export type BusinessService = ResponseOf<'/api/v1/business-services', 'get'>['items'][number];

/** Invalidates every cached list under one key after a change. */
function useRefresh(key: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: [key] });
}

const listCalendars = async () => (await unwrap(api.GET('/api/v1/calendars'))).items;
export type Calendar = Awaited<ReturnType<typeof listCalendars>>[number];

export function useCalendars() {
  return useQuery({ queryKey: ['calendars'], queryFn: listCalendars });
}

export function useSaveCalendar() {
  const refresh = useRefresh('calendars');
  return useMutation({
    mutationFn: (input: { id: number; body: BodyOf<'/api/v1/calendars/{id}', 'patch'> } | { body: NewCalendar }) =>
      'id' in input
        ? unwrap(api.PATCH('/api/v1/calendars/{id}', { params: { path: { id: input.id } }, body: input.body }))
        : unwrap(api.POST('/api/v1/calendars', { body: input.body })),
    onSuccess: refresh,
  });
}

/** Days off of one year; with a calendar, the organisation-wide ones plus that calendar's own. */
export function useHolidays(year: number, calendarId: number | null) {
  return useQuery({
    queryKey: ['holidays', year, calendarId],
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/holidays', {
            params: { query: { from: `${year}-01-01`, to: `${year}-12-31`, calendarId: calendarId ?? undefined } },
          }),
        )
      ).items,
  });
}

export function useAddHoliday() {
  const refresh = useRefresh('holidays');
  return useMutation({ mutationFn: (body: NewHoliday) => unwrap(api.POST('/api/v1/holidays', { body })), onSuccess: refresh });
}

export function useRemoveHoliday() {
  const refresh = useRefresh('holidays');
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/holidays/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
}

export function useSlaPolicies() {
  return useQuery({ queryKey: ['sla-policies'], queryFn: async () => (await unwrap(api.GET('/api/v1/sla-policies'))).items });
}

export function useSaveSlaPolicy() {
  const refresh = useRefresh('sla-policies');
  return useMutation({
    mutationFn: (input: { id: number; body: BodyOf<'/api/v1/sla-policies/{id}', 'patch'> } | { body: NewSlaPolicy }) =>
      'id' in input
        ? unwrap(api.PATCH('/api/v1/sla-policies/{id}', { params: { path: { id: input.id } }, body: input.body }))
        : unwrap(api.POST('/api/v1/sla-policies', { body: input.body })),
    onSuccess: refresh,
  });
}

export function useEscalationRules() {
  return useQuery({ queryKey: ['escalation-rules'], queryFn: async () => (await unwrap(api.GET('/api/v1/escalation-rules'))).items });
}

export function useSaveEscalationRule() {
  const refresh = useRefresh('escalation-rules');
  return useMutation({
    // An update always carries the whole rule: the server resets fields a partial update leaves out.
    mutationFn: ({ id, version, body }: { id?: number; version?: number; body: NewEscalationRule }) =>
      id && version
        ? unwrap(api.PATCH('/api/v1/escalation-rules/{id}', { params: { path: { id } }, body: { ...body, version } }))
        : unwrap(api.POST('/api/v1/escalation-rules', { body })),
    onSuccess: refresh,
  });
}

/** Every category and business service, inactive ones included: a policy or rule may still name them. */
export function useCategories() {
  return useQuery({
    queryKey: ['sla-admin', 'categories'],
    queryFn: () =>
      fetchAllPages((page, pageSize) => unwrap(api.GET('/api/v1/ticket-categories', { params: { query: { page, pageSize } } }))),
    staleTime: 60_000,
  });
}

export function useBusinessServices() {
  return useQuery({
    queryKey: ['sla-admin', 'business-services'],
    queryFn: () =>
      fetchAllPages((page, pageSize) => unwrap(api.GET('/api/v1/business-services', { params: { query: { page, pageSize } } }))),
    staleTime: 60_000,
  });
}
