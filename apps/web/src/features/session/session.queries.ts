import { DEFAULT_TIME_ZONE, type Locale } from '@ish/shared';
import { queryOptions, useMutation, useQuery, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../../lib/api-client.ts';
import { applyLocale } from '../../lib/i18n.ts';

export type Me = NonNullable<Awaited<ReturnType<typeof fetchMe>>>;
export type ModuleCode = Me['modules'][number];

// The session cookie is httpOnly, so the page cannot see it. This flag remembers that a
// session was seen on this browser, so the sign-in page does not ask /me when it can only
// answer 401 (browsers log every failed request as a console error).
const SESSION_HINT = 'ish.signedIn';

export function mayHaveSession(): boolean {
  return localStorage.getItem(SESSION_HINT) !== null;
}

/** Forgets the session on this browser (sign-out, or the server answered 401). */
export function forgetSession(): void {
  localStorage.removeItem(SESSION_HINT);
}

/** The signed-in user, or null when there is no session (401 is an answer here, not an error). */
async function fetchMe() {
  try {
    const me = await unwrap(api.GET('/api/v1/me'));
    localStorage.setItem(SESSION_HINT, '1');
    return me;
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
    forgetSession();
    return null;
  }
}

export const meQuery = queryOptions({ queryKey: ['me'], queryFn: fetchMe, staleTime: 5 * 60_000 });

/** The signed-in user inside the authenticated layout (its route guard loaded it). */
export function useMe(): Me {
  const { data } = useSuspenseQuery(meQuery);
  if (!data) throw new Error('useMe outside the signed-in area');
  return data;
}

export interface Branding {
  organisationName: string;
  primaryColor: string;
  logoUrl: string | null;
  defaultTimeZone: string;
}

export const DEFAULT_BRANDING: Branding = {
  organisationName: 'Internal Service Hub',
  primaryColor: '#1c7ed6',
  logoUrl: null,
  defaultTimeZone: DEFAULT_TIME_ZONE,
};

/** Public branding; any failure falls back to the defaults so sign-in always renders. */
export const brandingQuery = queryOptions({
  queryKey: ['branding'],
  queryFn: async (): Promise<Branding> => {
    try {
      return { ...DEFAULT_BRANDING, ...(await unwrap(api.GET('/api/v1/settings/branding'))) };
    } catch {
      return DEFAULT_BRANDING;
    }
  },
  staleTime: 10 * 60_000,
});

export function useBranding(): Branding {
  return useQuery(brandingQuery).data ?? DEFAULT_BRANDING;
}

/** The zone dates are shown in: the user's own, else the organisation's default. */
export function useTimeZone(): string {
  const branding = useBranding();
  // Public pages (report, track, survey) ask nobody who they are: without a session the organisation's zone applies.
  const me = useQuery({ ...meQuery, enabled: mayHaveSession() }).data;
  return me?.user.timeZone ?? branding.defaultTimeZone;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess: async (me) => {
      localStorage.setItem(SESSION_HINT, '1');
      queryClient.setQueryData(meQuery.queryKey, me);
      // A company may have its own name, colour and logo: the sign-in page showed the organisation's.
      void queryClient.invalidateQueries({ queryKey: brandingQuery.queryKey });
      await applyLocale(me.user.locale);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')),
    // After single sign-on the provider's session ends too (RP-initiated logout).
    onSuccess: (answer) => {
      if (answer && 'endSessionUrl' in answer) window.location.assign(answer.endSessionUrl);
    },
    // Whatever the server said, this browser no longer holds a usable session.
    onSettled: () => {
      forgetSession();
      queryClient.clear();
      queryClient.setQueryData(meQuery.queryKey, null);
    },
  });
}

/** The identity providers offered as "Sign in with …" buttons. */
export function useSignInProviders() {
  return useQuery({ queryKey: ['sign-in-providers'], queryFn: () => unwrap(api.GET('/api/v1/auth/providers')), staleTime: 5 * 60_000 });
}

/**
 * Changes the UI language. Signed in, it is saved on the user (PATCH /me) so it
 * follows them to other browsers; before sign-in only this browser keeps it.
 */
export function useChangeLocale() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (locale: Locale) => {
      const me = queryClient.getQueryData(meQuery.queryKey);
      if (me)
        queryClient.setQueryData(meQuery.queryKey, await unwrap(api.PATCH('/api/v1/me', { body: { version: me.user.version, locale } })));
      await applyLocale(locale);
    },
    // Server-translated data (labels, messages) must be fetched again in the new language.
    onSuccess: () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'branding' }),
  });
}

export function useForgotPassword() {
  return useMutation({
    mutationFn: (body: { email: string }) => unwrap(api.POST('/api/v1/auth/forgot-password', { body })),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: (body: { token: string; newPassword: string }) => unwrap(api.POST('/api/v1/auth/reset-password', { body })),
  });
}
