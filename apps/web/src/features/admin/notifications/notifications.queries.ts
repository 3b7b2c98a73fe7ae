import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, type ResponseOf, unwrap } from '../../../lib/api-client.ts';

export type Template = ResponseOf<'/api/v1/notification-templates', 'get'>['items'][number];
export type TemplateKey = Pick<Template, 'event' | 'locale' | 'channel'>;
export type Gateway = ResponseOf<'/api/v1/settings/sms-gateway', 'get'>;
export type Delivery = ResponseOf<'/api/v1/notification-deliveries', 'get'>['items'][number];
export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
/** The log's channel is a plain string; these are the ones with labels. */
export const CHANNELS = ['in_app', 'email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

export const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

export function useTemplates() {
  return useQuery({ queryKey: ['notification-templates'], queryFn: () => unwrap(api.GET('/api/v1/notification-templates')) });
}

/** The text being edited rendered with the server's sample ticket; the last preview stays while the next loads. */
export function useTemplatePreview(key: TemplateKey, draft: { subject: string; body: string }) {
  return useQuery({
    queryKey: ['notification-templates', 'preview', key, draft],
    queryFn: () => unwrap(api.POST('/api/v1/notification-templates/preview', { body: { ...key, ...draft } })),
    placeholderData: keepPreviousData,
  });
}

export function useSaveTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/notification-templates', 'put'>) => unwrap(api.PUT('/api/v1/notification-templates', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notification-templates'] }),
  });
}

export function useGateway() {
  return useQuery({ queryKey: ['sms-gateway'], queryFn: () => unwrap(api.GET('/api/v1/settings/sms-gateway')) });
}

export function useSaveGateway() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/settings/sms-gateway', 'put'>) => unwrap(api.PUT('/api/v1/settings/sms-gateway', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['sms-gateway'] }),
  });
}

export function useDeliveries(query: { page: number; pageSize: number; status?: DeliveryStatus; channel?: Channel }) {
  return useQuery({
    queryKey: ['notification-deliveries', query],
    queryFn: () => unwrap(api.GET('/api/v1/notification-deliveries', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}
