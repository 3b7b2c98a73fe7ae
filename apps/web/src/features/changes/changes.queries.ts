import type { ChangeStatus } from '@ish/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, type ResponseOf, unwrap, upload } from '../../lib/api-client.ts';

export type Change = ResponseOf<'/api/v1/changes/{id}', 'get'>;
export type ChangeSummary = ResponseOf<'/api/v1/changes', 'get'>['items'][number];
export type ChangeBody = BodyOf<'/api/v1/changes', 'post'>;
export type ChangePatch = BodyOf<'/api/v1/changes/{id}', 'patch'>;
export type TransitionBody = BodyOf<'/api/v1/changes/{id}/transitions', 'post'>;
export type Conflict = Change['conflicts'][number];
export type CalendarData = ResponseOf<'/api/v1/changes/calendar', 'get'>;
export type CalendarEntry = CalendarData['entries'][number];
export type Template = ResponseOf<'/api/v1/change-templates', 'get'>['items'][number];
export type Freeze = ResponseOf<'/api/v1/change-freezes', 'get'>['items'][number];
export type MaintenanceWindow = ResponseOf<'/api/v1/change-maintenance-windows', 'get'>['items'][number];
export type Meeting = ResponseOf<'/api/v1/cab-meetings/{id}', 'get'>;
export type MeetingSummary = ResponseOf<'/api/v1/cab-meetings', 'get'>['items'][number];
export type ChangeSettings = ResponseOf<'/api/v1/change-settings', 'get'>;
export type ChangeQueue = 'mine' | 'review' | 'votes' | 'implementation' | 'all';

export const PAGE_SIZE = 25;

export function useChanges(query: { queue: ChangeQueue; q?: string; status?: ChangeStatus; type?: ChangeSummary['type']; page: number }) {
  return useQuery({
    queryKey: ['changes', query],
    queryFn: () => unwrap(api.GET('/api/v1/changes', { params: { query: { pageSize: PAGE_SIZE, ...query } } })),
    placeholderData: keepPreviousData,
  });
}

export function useChange(ref: string) {
  return useQuery({
    queryKey: ['change', ref],
    queryFn: () => unwrap(api.GET('/api/v1/changes/{id}', { params: { path: { id: ref } } })),
  });
}

export function useChangeTimeline(ref: string, version: number) {
  return useQuery({
    queryKey: ['change-timeline', ref, version],
    queryFn: () => unwrap(api.GET('/api/v1/changes/{id}/timeline', { params: { path: { id: ref } } })),
    placeholderData: keepPreviousData,
  });
}

/** Every write to a change answers with the change: it replaces the cached one and lists refresh. */
function useSettleChange(ref: string) {
  const client = useQueryClient();
  return (change: Change) => {
    client.setQueryData(['change', ref], change);
    void client.invalidateQueries({ queryKey: ['changes'] });
    void client.invalidateQueries({ queryKey: ['change-calendar'] });
  };
}

export function useCreateChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangeBody) => unwrap(api.POST('/api/v1/changes', { body })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['changes'] }),
  });
}

/** The writes of one change page, each answering with the change. */
export function useChangeWrites(change: Change, ref: string) {
  const settle = useSettleChange(ref);
  const path = { params: { path: { id: change.id } } };
  return {
    update: useMutation({
      mutationFn: (body: Omit<ChangePatch, 'version'>) =>
        unwrap(api.PATCH('/api/v1/changes/{id}', { ...path, body: { ...body, version: change.version } })),
      onSuccess: settle,
    }),
    transition: useMutation({
      mutationFn: (body: TransitionBody) => unwrap(api.POST('/api/v1/changes/{id}/transitions', { ...path, body })),
      onSuccess: settle,
    }),
    vote: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/changes/{id}/votes', 'post'>) => unwrap(api.POST('/api/v1/changes/{id}/votes', { ...path, body })),
      onSuccess: settle,
    }),
    comment: useMutation({
      mutationFn: (body: string) => unwrap(api.POST('/api/v1/changes/{id}/comments', { ...path, body: { body } })),
      onSuccess: settle,
    }),
    link: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/changes/{id}/links', 'post'>) => unwrap(api.POST('/api/v1/changes/{id}/links', { ...path, body })),
      onSuccess: settle,
    }),
    unlink: useMutation({
      mutationFn: (linkId: number) =>
        unwrap(api.DELETE('/api/v1/changes/{id}/links/{linkId}', { params: { path: { id: change.id, linkId } } })),
      onSuccess: settle,
    }),
    tick: useMutation({
      mutationFn: ({ taskId, done }: { taskId: number; done: boolean }) =>
        unwrap(api.POST('/api/v1/changes/{id}/tasks/{taskId}', { params: { path: { id: change.id, taskId } }, body: { done } })),
      onSuccess: settle,
    }),
    review: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/changes/{id}/review', 'put'>) => unwrap(api.PUT('/api/v1/changes/{id}/review', { ...path, body })),
      onSuccess: settle,
    }),
    attach: useMutation({
      mutationFn: (file: File) => upload<Change>(`/api/v1/changes/${change.id}/attachments`, file),
      onSuccess: settle,
    }),
  };
}

/** What a window would conflict with, asked before scheduling. */
export function useConflictPreview(id: number, window: { start: string; end: string } | null) {
  return useQuery({
    queryKey: ['change-conflicts', id, window],
    queryFn: () =>
      unwrap(api.GET('/api/v1/changes/{id}/conflicts', { params: { path: { id }, query: window as { start: string; end: string } } })),
    enabled: window !== null,
  });
}

export function useIncidentSuggestions(id: number, enabled: boolean) {
  return useQuery({
    queryKey: ['change-incidents', id],
    queryFn: () => unwrap(api.GET('/api/v1/changes/{id}/incident-suggestions', { params: { path: { id } } })),
    enabled,
  });
}

export function useCalendar(query: { from: string; to: string; serviceId?: string; teamId?: string; type?: ChangeSummary['type'] }) {
  return useQuery({
    queryKey: ['change-calendar', query],
    queryFn: () => unwrap(api.GET('/api/v1/changes/calendar', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useFeedUrl() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/changes/calendar-feed')) });
}

export function useTemplates(all = false) {
  return useQuery({
    queryKey: ['change-templates', all],
    queryFn: () => unwrap(api.GET('/api/v1/change-templates', { params: { query: { all: all ? 'true' : 'false' } } })),
  });
}

export function useTemplateWrites() {
  const client = useQueryClient();
  const settle = () => void client.invalidateQueries({ queryKey: ['change-templates'] });
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/change-templates', 'post'>) => unwrap(api.POST('/api/v1/change-templates', { body })),
      onSuccess: settle,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/change-templates/{id}', 'patch'> }) =>
        unwrap(api.PATCH('/api/v1/change-templates/{id}', { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
  };
}

export function useFreezes() {
  return useQuery({
    queryKey: ['change-freezes'],
    queryFn: () => unwrap(api.GET('/api/v1/change-freezes', { params: { query: {} } })),
  });
}

export function useFreezeWrites() {
  const client = useQueryClient();
  const settle = () => {
    void client.invalidateQueries({ queryKey: ['change-freezes'] });
    void client.invalidateQueries({ queryKey: ['change-calendar'] });
  };
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/change-freezes', 'post'>) => unwrap(api.POST('/api/v1/change-freezes', { body })),
      onSuccess: settle,
    }),
    end: useMutation({
      mutationFn: (freeze: Freeze) =>
        unwrap(
          api.PATCH('/api/v1/change-freezes/{id}', {
            params: { path: { id: freeze.id } },
            body: { version: freeze.version, active: false },
          }),
        ),
      onSuccess: settle,
    }),
  };
}

export function useMaintenanceWindows() {
  return useQuery({
    queryKey: ['change-windows'],
    queryFn: () => unwrap(api.GET('/api/v1/change-maintenance-windows', { params: { query: {} } })),
  });
}

export function useWindowWrites() {
  const client = useQueryClient();
  const settle = () => void client.invalidateQueries({ queryKey: ['change-windows'] });
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/change-maintenance-windows', 'post'>) =>
        unwrap(api.POST('/api/v1/change-maintenance-windows', { body })),
      onSuccess: settle,
    }),
    remove: useMutation({
      mutationFn: (w: MaintenanceWindow) =>
        unwrap(api.DELETE('/api/v1/change-maintenance-windows/{id}', { params: { path: { id: w.id }, query: { version: w.version } } })),
      onSuccess: settle,
    }),
  };
}

export function useMeetings(page: number) {
  return useQuery({
    queryKey: ['cab-meetings', page],
    queryFn: () => unwrap(api.GET('/api/v1/cab-meetings', { params: { query: { page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: number) {
  return useQuery({
    queryKey: ['cab-meeting', id],
    queryFn: () => unwrap(api.GET('/api/v1/cab-meetings/{id}', { params: { path: { id } } })),
  });
}

export function useMeetingWrites(id?: number) {
  const client = useQueryClient();
  const settle = (meeting: Meeting) => {
    client.setQueryData(['cab-meeting', meeting.id], meeting);
    void client.invalidateQueries({ queryKey: ['cab-meetings'] });
    void client.invalidateQueries({ queryKey: ['changes'] });
  };
  return {
    create: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/cab-meetings', 'post'>) => unwrap(api.POST('/api/v1/cab-meetings', { body })),
      onSuccess: settle,
    }),
    update: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/cab-meetings/{id}', 'patch'>) =>
        unwrap(api.PATCH('/api/v1/cab-meetings/{id}', { params: { path: { id: id ?? 0 } }, body })),
      onSuccess: settle,
    }),
    decide: useMutation({
      mutationFn: (body: BodyOf<'/api/v1/cab-meetings/{id}/decisions', 'post'>) =>
        unwrap(api.POST('/api/v1/cab-meetings/{id}/decisions', { params: { path: { id: id ?? 0 } }, body })),
      onSuccess: settle,
    }),
  };
}

export function useChangeSettings() {
  return useQuery({ queryKey: ['change-settings'], queryFn: () => unwrap(api.GET('/api/v1/change-settings')) });
}

export function useSaveChangeSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/change-settings', 'put'>) => unwrap(api.PUT('/api/v1/change-settings', { body })),
    onSuccess: (saved) => client.setQueryData(['change-settings'], saved),
  });
}

/** Implementers or CAB members over the user's place. */
export function useChangePeople(role: 'implementer' | 'cab_member') {
  return useQuery({
    queryKey: ['change-people', role],
    queryFn: () => unwrap(api.GET('/api/v1/change-people', { params: { query: { role } } })),
    staleTime: 5 * 60_000,
  });
}

/** Business services and teams, for pickers. */
export function useServices() {
  return useQuery({
    queryKey: ['business-services', 'active'],
    queryFn: () => unwrap(api.GET('/api/v1/business-services', { params: { query: { pageSize: 200, active: 'true' } } })),
    staleTime: 5 * 60_000,
  });
}

export function useTeams() {
  return useQuery({
    queryKey: ['teams', 'active'],
    queryFn: () => unwrap(api.GET('/api/v1/teams', { params: { query: { pageSize: 200, active: 'true' } } })),
    staleTime: 5 * 60_000,
  });
}

/** Units of the user's company, for the units a change affects. */
export function useCompanyUnits(companyId: number) {
  return useQuery({
    queryKey: ['units', 'company', companyId],
    queryFn: () => unwrap(api.GET('/api/v1/units', { params: { query: { pageSize: 200, active: 'true', companyId } } })),
    staleTime: 5 * 60_000,
  });
}
