import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, type ResponseOf, unwrap } from '../../lib/api-client.ts';

export type Today = ResponseOf<'/api/v1/attendance/today', 'get'>;
export type AttendanceRecord = NonNullable<Today['record']>;
export type Leave = ResponseOf<'/api/v1/leave-requests', 'get'>['items'][number];
export type DayRow = ResponseOf<'/api/v1/attendance', 'get'>['items'][number];
export type Recap = ResponseOf<'/api/v1/attendance/recap', 'get'>;
export type Presence = ResponseOf<'/api/v1/teams/{id}/presence', 'get'>;

/** Today's attendance; refreshed every minute so the landing page stays true. */
export function useToday() {
  return useQuery({
    queryKey: ['attendance', 'today'],
    queryFn: () => unwrap(api.GET('/api/v1/attendance/today')),
    refetchInterval: 60_000,
  });
}

export function useCheck() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['attendance'] });
  return {
    checkIn: useMutation({
      mutationFn: (note: string) => unwrap(api.POST('/api/v1/attendance/check-in', { body: note ? { note } : {} })),
      onSuccess: refresh,
    }),
    checkOut: useMutation({
      mutationFn: (note: string) => unwrap(api.POST('/api/v1/attendance/check-out', { body: note ? { note } : {} })),
      onSuccess: refresh,
    }),
  };
}

export function useMyMonth(month: string | undefined) {
  return useQuery({
    queryKey: ['attendance', 'mine', month],
    queryFn: () => unwrap(api.GET('/api/v1/attendance/mine', { params: { query: month ? { month } : {} } })),
    placeholderData: keepPreviousData,
  });
}

export function useLeave(query: { mine?: 'true'; state?: Leave['state']; page: number }) {
  return useQuery({
    queryKey: ['attendance', 'leave', query],
    queryFn: () => unwrap(api.GET('/api/v1/leave-requests', { params: { query: { ...query, pageSize: 20 } } })),
    placeholderData: keepPreviousData,
  });
}

export function useLeaveChanges() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['attendance'] });
  return {
    ask: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/leave-requests', 'post'>) => unwrap(api.POST('/api/v1/leave-requests', { body })),
      onSuccess: refresh,
    }),
    decide: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/leave-requests/{id}/decision', 'post'> }) =>
        unwrap(api.POST('/api/v1/leave-requests/{id}/decision', { params: { path: { id } }, body })),
      onSuccess: refresh,
    }),
    cancel: useMutation({
      mutationFn: ({ id, version }: { id: number; version: number }) =>
        unwrap(api.POST('/api/v1/leave-requests/{id}/cancel', { params: { path: { id } }, body: { version } })),
      onSuccess: refresh,
    }),
  };
}

export function useAttendanceDay(query: { date?: string; unit?: number; page: number }) {
  return useQuery({
    queryKey: ['attendance', 'day', query],
    queryFn: () => unwrap(api.GET('/api/v1/attendance', { params: { query: { ...query, pageSize: 25 } } })),
    placeholderData: keepPreviousData,
  });
}

export function useCorrection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/attendance/records', 'put'>) => unwrap(api.PUT('/api/v1/attendance/records', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['attendance'] }),
  });
}

export function useAttendanceRecap(query: { month?: string; unitId?: number }) {
  return useQuery({
    queryKey: ['attendance', 'recap', query],
    queryFn: () => unwrap(api.GET('/api/v1/attendance/recap', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useSchedules() {
  return useQuery({ queryKey: ['attendance', 'schedules'], queryFn: () => unwrap(api.GET('/api/v1/work-schedules')) });
}
export type Schedule = NonNullable<ReturnType<typeof useSchedules>['data']>['items'][number];

export function useScheduleChanges() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['attendance', 'schedules'] });
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/work-schedules', 'post'>) => unwrap(api.POST('/api/v1/work-schedules', { body })),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/work-schedules/{id}', 'patch'> }) =>
        unwrap(api.PATCH('/api/v1/work-schedules/{id}', { params: { path: { id } }, body })),
      onSuccess: refresh,
    }),
  };
}

/** Who of a team is at work today, refreshed every minute. */
export function useTeamPresence(teamId: number | null) {
  return useQuery({
    queryKey: ['attendance', 'presence', teamId],
    queryFn: () => unwrap(api.GET('/api/v1/teams/{id}/presence', { params: { path: { id: teamId ?? 0 } } })),
    enabled: teamId !== null,
    refetchInterval: 60_000,
  });
}

export function useTeamAssignment(teamId: number | null, enabled: boolean) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['team-assignment', teamId],
    queryFn: () => unwrap(api.GET('/api/v1/teams/{id}/assignment', { params: { path: { id: teamId ?? 0 } } })),
    enabled: enabled && teamId !== null,
  });
  const save = useMutation({
    mutationFn: (body: BodyOf<'/api/v1/teams/{id}/assignment', 'put'>) =>
      unwrap(api.PUT('/api/v1/teams/{id}/assignment', { params: { path: { id: teamId ?? 0 } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['team-assignment', teamId] }),
  });
  return { query, save };
}
