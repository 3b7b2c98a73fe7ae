import type { Locale } from '@ish/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, upload } from '../../lib/api-client.ts';
import { applyLocale } from '../../lib/i18n.ts';
import { meQuery } from '../session/session.queries.ts';

export interface ProfileChanges {
  version: number;
  name: string;
  phone: string | null;
  locale: Locale;
  timeZone: string | null;
}

/** After any profile change, `me` is fetched again so the header and formats follow at once. */
function useRefreshMe() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: meQuery.queryKey });
}

export function useUpdateProfile() {
  const refresh = useRefreshMe();
  return useMutation({
    mutationFn: (body: ProfileChanges) => unwrap(api.PATCH('/api/v1/me', { body })),
    onSuccess: async (_data, body) => {
      await refresh();
      await applyLocale(body.locale);
    },
  });
}

export function useUploadPhoto() {
  const refresh = useRefreshMe();
  return useMutation({ mutationFn: (file: File) => upload('/api/v1/me/photo', file), onSuccess: refresh });
}

export function useRemovePhoto() {
  const refresh = useRefreshMe();
  return useMutation({ mutationFn: () => unwrap(api.DELETE('/api/v1/me/photo')), onSuccess: refresh });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => unwrap(api.POST('/api/v1/auth/password', { body })),
  });
}
