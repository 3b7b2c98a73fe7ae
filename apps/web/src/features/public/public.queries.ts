import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ResponseOf, sendForm, unwrap } from '../../lib/api-client.ts';

// Public pages: no session. Each call proves itself (form token, tracking code, survey link).

export type PublicForm = ResponseOf<'/api/v1/public/{orgSlug}/form', 'get'>;
export type ReportCreated = ResponseOf<'/api/v1/public/{orgSlug}/reports', 'post'>;
export type TrackedTicket = ResponseOf<'/api/v1/public/tickets/{number}', 'get'>;
export type TrackedEntry = TrackedTicket['timeline'][number];
export type PublicSurvey = ResponseOf<'/api/v1/public/surveys/{token}', 'get'>;

export function usePublicForm(slug: string) {
  return useQuery({
    queryKey: ['public-form', slug],
    queryFn: () => unwrap(api.GET('/api/v1/public/{orgSlug}/form', { params: { path: { orgSlug: slug } } })),
    // Each token is used once: never reuse a cached one.
    staleTime: 0,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
}

export function useSubmitReport(slug: string) {
  return useMutation({
    mutationFn: (form: FormData) => sendForm<ReportCreated>(`/api/v1/public/${encodeURIComponent(slug)}/reports`, form),
  });
}

const trackedKey = (number: string, code: string) => ['tracked', number, code];

export function useTrackedTicket(number: string, code: string) {
  return useQuery({
    queryKey: trackedKey(number, code),
    queryFn: () => unwrap(api.GET('/api/v1/public/tickets/{number}', { params: { path: { number }, query: { code } } })),
    enabled: !!number && !!code,
    retry: false,
  });
}

export function useTrackedSurvey(number: string, code: string, enabled: boolean) {
  return useQuery({
    queryKey: [...trackedKey(number, code), 'survey'],
    queryFn: () => unwrap(api.GET('/api/v1/public/tickets/{number}/survey', { params: { path: { number }, query: { code } } })),
    enabled,
    retry: false,
  });
}

/** A reply or files, and confirm or reopen; the report is fetched again after each. */
export function useTrackedChanges(number: string, code: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: trackedKey(number, code) });
  const query = `?code=${encodeURIComponent(code)}`;
  const base = `/api/v1/public/tickets/${encodeURIComponent(number)}`;
  return {
    reply: useMutation({
      mutationFn: (form: FormData) => sendForm<void>(`${base}/replies${query}`, form),
      onSuccess: refresh,
    }),
    decide: useMutation({
      mutationFn: (body: { action: 'confirm' | 'reopen'; reason?: string }) =>
        unwrap(api.POST('/api/v1/public/tickets/{number}/decision', { params: { path: { number }, query: { code } }, body })),
      onSuccess: refresh,
    }),
  };
}

export function usePublicSurvey(token: string) {
  return useQuery({
    queryKey: ['public-survey', token],
    queryFn: () => unwrap(api.GET('/api/v1/public/surveys/{token}', { params: { path: { token } } })),
    retry: false,
  });
}

export function useAnswerSurvey(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { answers: [number, number, number]; suggestion?: string }) =>
      unwrap(api.POST('/api/v1/public/surveys/{token}', { params: { path: { token } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['public-survey', token] }),
  });
}

export function useVerifyEmail() {
  return useMutation({ mutationFn: (token: string) => unwrap(api.POST('/api/v1/public/contacts/verify', { body: { token } })) });
}
