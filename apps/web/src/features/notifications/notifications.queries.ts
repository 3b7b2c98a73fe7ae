import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, unwrap } from '../../lib/api-client.ts';

const LIST_KEY = ['notifications'] as const;
const PREFERENCES_KEY = ['notification-preferences'] as const;
export const PAGE_SIZE = 10;

export function useNotifications() {
  return useQuery({
    queryKey: LIST_KEY,
    queryFn: () => unwrap(api.GET('/api/v1/notifications', { params: { query: { pageSize: PAGE_SIZE } } })),
  });
}

/**
 * Keeps the list fresh without polling: the server pushes an event on its
 * stream whenever this user gets a notification (from any server process).
 * The browser's EventSource reconnects by itself after a drop; every
 * (re)connection reloads the list, since notices may have come meanwhile.
 */
export function useNotificationStream() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const source = new EventSource('/api/v1/notifications/stream', { withCredentials: true });
    const refresh = () => void queryClient.invalidateQueries({ queryKey: LIST_KEY });
    source.addEventListener('notification', refresh);
    source.addEventListener('open', refresh);
    return () => source.close();
  }, [queryClient]);
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids?: number[]; all?: boolean }) => unwrap(api.POST('/api/v1/notifications/read', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: LIST_KEY }),
  });
}

export function usePreferences() {
  return useQuery({ queryKey: PREFERENCES_KEY, queryFn: () => unwrap(api.GET('/api/v1/me/notification-preferences')) });
}

export type Preference = NonNullable<ReturnType<typeof usePreferences>['data']>['items'][number];

export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: Preference[]) => unwrap(api.PUT('/api/v1/me/notification-preferences', { body: { items } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PREFERENCES_KEY }),
  });
}
