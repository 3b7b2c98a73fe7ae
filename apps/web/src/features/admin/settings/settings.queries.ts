import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, type ResponseOf, unwrap, upload } from '../../../lib/api-client.ts';
import { brandingQuery } from '../../session/session.queries.ts';

export type Settings = ResponseOf<'/api/v1/settings', 'get'>;

const settingsKey = ['settings'];

export function useSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => unwrap(api.GET('/api/v1/settings')) });
}

/** Settings and the public branding (name, colour, logo, zone) are fetched again after any change. */
function useInvalidateSettings() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: settingsKey }),
      queryClient.invalidateQueries({ queryKey: brandingQuery.queryKey }),
    ]);
}

export function useSaveIdentity() {
  const invalidate = useInvalidateSettings();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/settings/identity', 'put'>) => unwrap(api.PUT('/api/v1/settings/identity', { body })),
    onSuccess: invalidate,
  });
}

export function useSaveRegional() {
  const invalidate = useInvalidateSettings();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/settings/regional', 'put'>) => unwrap(api.PUT('/api/v1/settings/regional', { body })),
    onSuccess: invalidate,
  });
}

export function useSaveSmtp() {
  const invalidate = useInvalidateSettings();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/settings/smtp', 'put'>) => unwrap(api.PUT('/api/v1/settings/smtp', { body })),
    onSuccess: invalidate,
  });
}

export function useTestSmtp() {
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/settings/smtp/test', 'post'>) => unwrap(api.POST('/api/v1/settings/smtp/test', { body })),
  });
}

export function useUploadLogo() {
  const invalidate = useInvalidateSettings();
  return useMutation({ mutationFn: (file: File) => upload('/api/v1/settings/logo', file), onSuccess: invalidate });
}

export function useRemoveLogo() {
  const invalidate = useInvalidateSettings();
  return useMutation({ mutationFn: () => unwrap(api.DELETE('/api/v1/settings/logo')), onSuccess: invalidate });
}

export type CompanyBranding = ResponseOf<'/api/v1/settings/company-branding', 'get'>['items'][number];
const companyBrandingKey = ['settings', 'company-branding'];

/** The companies whose own identity the caller manages, and the organisation's they otherwise show. */
export function useCompanyBranding() {
  return useQuery({
    queryKey: companyBrandingKey,
    queryFn: () => unwrap(api.GET('/api/v1/settings/company-branding')),
  });
}

const companyPath = (companyId: number) => ({ params: { path: { companyId } } });

export function useSaveCompanyBranding(companyId: number) {
  const invalidate = useInvalidateSettings();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/settings/company-branding/{companyId}', 'put'>) =>
      unwrap(api.PUT('/api/v1/settings/company-branding/{companyId}', { ...companyPath(companyId), body })),
    onSuccess: invalidate,
  });
}

export function useUploadCompanyLogo(companyId: number) {
  const invalidate = useInvalidateSettings();
  return useMutation({
    mutationFn: (file: File) => upload(`/api/v1/settings/company-branding/${companyId}/logo`, file),
    onSuccess: invalidate,
  });
}

export function useRemoveCompanyLogo(companyId: number) {
  const invalidate = useInvalidateSettings();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/settings/company-branding/{companyId}/logo', companyPath(companyId))),
    onSuccess: invalidate,
  });
}
