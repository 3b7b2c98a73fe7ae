import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ResponseOf, unwrap } from '../../../lib/api-client.ts';

export type BackupRun = ResponseOf<'/api/v1/backups', 'get'>['items'][number];

const KEY = ['backups'] as const;

/** The last runs and the schedule; refreshed every few seconds while one is running. */
export function useBackups() {
  return useQuery({
    queryKey: KEY,
    queryFn: () => unwrap(api.GET('/api/v1/backups')),
    refetchInterval: (query) => (query.state.data?.items.some((r) => r.status === 'running') ? 3000 : false),
  });
}

export function useBackUpNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/backups')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}
