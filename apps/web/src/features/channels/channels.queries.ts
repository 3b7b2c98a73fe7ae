import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, type ResponseOf, unwrap } from '../../lib/api-client.ts';

// The service desk's side of the channels: contacts, the report behind a ticket, its survey, the mail quarantine;
// and the Administrator's settings of the public form and of email intake.

export type Contact = ResponseOf<'/api/v1/contacts/{id}', 'get'>;
export type ContactBody = BodyOf<'/api/v1/contacts', 'post'>;
export type QuarantinedMail = ResponseOf<'/api/v1/mail/quarantine', 'get'>['items'][number];
export type FormSettingsList = ResponseOf<'/api/v1/intake/forms', 'get'>;
export type FormSettings = FormSettingsList['items'][number];
export type FormSettingsBody = BodyOf<'/api/v1/intake/forms/{companyId}', 'put'>;
export type MailSettings = ResponseOf<'/api/v1/settings/mail-intake', 'get'>;
export type MailSettingsBody = BodyOf<'/api/v1/settings/mail-intake', 'put'>;
export type TicketSurvey = ResponseOf<'/api/v1/tickets/{id}/survey', 'get'>;

export function useTicketContact(ticket: string) {
  return useQuery({
    queryKey: ['ticket-contact', ticket],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}/contact', { params: { path: { id: ticket } } })),
  });
}

export function usePublicReport(ticket: string) {
  return useQuery({
    queryKey: ['ticket-public-report', ticket],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}/public-report', { params: { path: { id: ticket } } })),
  });
}

export function useTicketSurvey(ticket: string, enabled: boolean) {
  return useQuery({
    queryKey: ['ticket-survey', ticket],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{id}/survey', { params: { path: { id: ticket } } })),
    enabled,
  });
}

export function useContacts(query: { q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['contacts', query],
    queryFn: () => unwrap(api.GET('/api/v1/contacts', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useContactChanges() {
  const client = useQueryClient();
  const settle = () => {
    void client.invalidateQueries({ queryKey: ['contacts'] });
    void client.invalidateQueries({ queryKey: ['ticket-contact'] });
  };
  return {
    create: useMutation({ mutationFn: (body: ContactBody) => unwrap(api.POST('/api/v1/contacts', { body })), onSuccess: settle }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/contacts/{id}', 'patch'> }) =>
        unwrap(api.PATCH('/api/v1/contacts/{id}', { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
    verify: useMutation({
      mutationFn: (id: number) => unwrap(api.POST('/api/v1/contacts/{id}/verification', { params: { path: { id } } })),
    }),
    ticket: useMutation({
      mutationFn: ({ id, body }: { id: number; body: BodyOf<'/api/v1/contacts/{id}/tickets', 'post'> }) =>
        unwrap(api.POST('/api/v1/contacts/{id}/tickets', { params: { path: { id } }, body })),
      onSuccess: settle,
    }),
  };
}

export function useQuarantine(page: number) {
  return useQuery({
    queryKey: ['mail-quarantine', page],
    queryFn: () => unwrap(api.GET('/api/v1/mail/quarantine', { params: { query: { page, pageSize: 25 } } })),
    placeholderData: keepPreviousData,
  });
}

export function useQuarantinedMail(id: number | null) {
  return useQuery({
    queryKey: ['mail-quarantine-item', id],
    queryFn: () => unwrap(api.GET('/api/v1/mail/quarantine/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== null,
  });
}

export function useQuarantineDecisions() {
  const client = useQueryClient();
  const settle = () => void client.invalidateQueries({ queryKey: ['mail-quarantine'] });
  return {
    release: useMutation({
      mutationFn: ({ id, version, asNewTicket }: { id: number; version: number; asNewTicket: boolean }) =>
        unwrap(api.POST('/api/v1/mail/quarantine/{id}/release', { params: { path: { id } }, body: { version, asNewTicket } })),
      onSuccess: settle,
    }),
    discard: useMutation({
      mutationFn: ({ id, version }: { id: number; version: number }) =>
        unwrap(api.POST('/api/v1/mail/quarantine/{id}/discard', { params: { path: { id } }, body: { version } })),
      onSuccess: settle,
    }),
  };
}

export function useFormSettings() {
  return useQuery({ queryKey: ['intake-forms'], queryFn: () => unwrap(api.GET('/api/v1/intake/forms')) });
}

export function useSaveFormSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ companyId, body }: { companyId: number; body: FormSettingsBody }) =>
      unwrap(api.PUT('/api/v1/intake/forms/{companyId}', { params: { path: { companyId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['intake-forms'] }),
  });
}

export function useMailSettings() {
  return useQuery({ queryKey: ['mail-intake-settings'], queryFn: () => unwrap(api.GET('/api/v1/settings/mail-intake')) });
}

export function useSaveMailSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: MailSettingsBody) => unwrap(api.PUT('/api/v1/settings/mail-intake', { body })),
    onSuccess: (data) => client.setQueryData(['mail-intake-settings'], data),
  });
}
