import type { InvoiceStatus } from '@ish/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, type ResponseOf, sendForm, unwrap, upload } from '../../lib/api-client.ts';

export type Invoice = ResponseOf<'/api/v1/invoices/{id}', 'get'>;
export type InvoiceLine = Invoice['lines'][number];
export type Dispute = Invoice['disputes'][number];
export type InvoiceSummary = ResponseOf<'/api/v1/invoices', 'get'>['items'][number];
export type Dashboard = ResponseOf<'/api/v1/billing/dashboard', 'get'>;
export type BillingSettings = ResponseOf<'/api/v1/billing/settings', 'get'>;
export type Budget = ResponseOf<'/api/v1/billing/budgets/mine', 'get'>;

export const PAGE_SIZE = 25;

/** The divisions whose invoices I read in full, and which of them I read the earnings of: the server decides. */
export function useBillingDivisions() {
  return useQuery({ queryKey: ['billing-divisions'], queryFn: () => unwrap(api.GET('/api/v1/invoices/divisions')), staleTime: 60_000 });
}

export interface InvoiceFilter {
  period?: string;
  status?: InvoiceStatus;
  division?: number;
  provider?: number;
  page?: number;
}

export function useInvoices(filter: InvoiceFilter, enabled = true) {
  return useQuery({
    queryKey: ['invoices', filter],
    queryFn: () => unwrap(api.GET('/api/v1/invoices', { params: { query: { pageSize: PAGE_SIZE, ...filter } } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useInvoice(id: number) {
  return useQuery({
    queryKey: ['invoice', id],
    queryFn: () => unwrap(api.GET('/api/v1/invoices/{id}', { params: { path: { id } } })),
    enabled: id > 0,
  });
}

/** Every change answers with the invoice as the caller now sees it; lists and the dashboard refresh. */
export function useInvoiceChanges(id: number) {
  const client = useQueryClient();
  const settle = (invoice: Invoice) => {
    client.setQueryData(['invoice', id], invoice);
    void client.invalidateQueries({ queryKey: ['invoices'] });
    void client.invalidateQueries({ queryKey: ['billing-dashboard'] });
  };
  return {
    issue: useMutation({
      mutationFn: (version: number) => unwrap(api.POST('/api/v1/invoices/{id}/issue', { params: { path: { id } }, body: { version } })),
      onSuccess: settle,
    }),
    pay: useMutation({
      mutationFn: (input: { reference: string; paidOn: string; proof: File | null; version: number }) => {
        const form = new FormData();
        form.append('reference', input.reference);
        form.append('paidOn', input.paidOn);
        form.append('version', String(input.version));
        if (input.proof) form.append('proof', input.proof);
        return sendForm<Invoice>(`/api/v1/invoices/${id}/payments`, form);
      },
      onSuccess: settle,
    }),
    dispute: useMutation({
      mutationFn: async (input: { body: BodyOf<'/api/v1/invoices/{id}/disputes', 'post'>; file: File | null }) => {
        const invoice = await unwrap(api.POST('/api/v1/invoices/{id}/disputes', { params: { path: { id } }, body: input.body }));
        const created = invoice.disputes[invoice.disputes.length - 1];
        return input.file && created ? upload<Invoice>(`/api/v1/disputes/${created.id}/file`, input.file) : invoice;
      },
      onSuccess: settle,
    }),
    resolve: useMutation({
      mutationFn: ({ disputeId, body }: { disputeId: number; body: BodyOf<'/api/v1/disputes/{id}/resolution', 'post'> }) =>
        unwrap(api.POST('/api/v1/disputes/{id}/resolution', { params: { path: { id: disputeId } }, body })),
      onSuccess: settle,
    }),
    escalate: useMutation({
      mutationFn: ({ disputeId, reason }: { disputeId: number; reason: string }) =>
        unwrap(api.POST('/api/v1/disputes/{id}/escalation', { params: { path: { id: disputeId } }, body: { reason } })),
      onSuccess: settle,
    }),
    attach: useMutation({
      mutationFn: ({ disputeId, file }: { disputeId: number; file: File }) => upload<Invoice>(`/api/v1/disputes/${disputeId}/file`, file),
      onSuccess: settle,
    }),
  };
}

export function useDashboard(query: { from: string; to: string; company?: number }) {
  return useQuery({
    queryKey: ['billing-dashboard', query],
    queryFn: () => unwrap(api.GET('/api/v1/billing/dashboard', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useBillingSettings(company?: number) {
  return useQuery({
    queryKey: ['billing-settings', company ?? null],
    queryFn: () => unwrap(api.GET('/api/v1/billing/settings', { params: { query: { company } } })),
  });
}

export function useSaveBillingSettings(company?: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/billing/settings', 'put'>) =>
      unwrap(api.PUT('/api/v1/billing/settings', { params: { query: { company } }, body })),
    onSuccess: (saved) => client.setQueryData(['billing-settings', company ?? null], saved),
  });
}

export function useRunPeriod() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'/api/v1/billing/runs', 'post'>) => unwrap(api.POST('/api/v1/billing/runs', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['invoices'] }),
  });
}

export function useBudgets(company?: number) {
  return useQuery({
    queryKey: ['billing-budgets', company ?? null],
    queryFn: () => unwrap(api.GET('/api/v1/billing/budgets', { params: { query: { company } } })),
  });
}

export function useSetBudget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, body }: { unitId: number; body: BodyOf<'/api/v1/billing/budgets/{id}', 'put'> }) =>
      unwrap(api.PUT('/api/v1/billing/budgets/{id}', { params: { path: { id: unitId } }, body })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['billing-budgets'] });
      void client.invalidateQueries({ queryKey: ['billing-dashboard'] });
      void client.invalidateQueries({ queryKey: ['my-budget'] });
    },
  });
}

/** What is left of my division's budget this month (the order page shows it). */
export function useMyBudget() {
  return useQuery({
    queryKey: ['my-budget'],
    queryFn: () => unwrap(api.GET('/api/v1/billing/budgets/mine')),
    staleTime: 60_000,
  });
}
