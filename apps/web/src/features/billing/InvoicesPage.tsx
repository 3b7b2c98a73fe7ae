import { INVOICE_STATUSES, type InvoiceStatus } from '@ish/shared';
import { Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { urlWithQuery } from '../../lib/api-client.ts';
import { recentPeriods } from '../catalog/charge-periods.ts';
import { useTimeZone } from '../session/session.queries.ts';
import { type InvoiceSummary, PAGE_SIZE, useBillingDivisions, useInvoices } from './billing.queries.ts';
import { periodNow, useBillingFormat } from './billing-format.ts';
import { InvoiceStatusBadge } from './StatusBadges.tsx';

export interface InvoicesSearch {
  period?: string;
  status?: InvoiceStatus;
  division?: number | 'all';
  page?: number;
}

/** The invoice number, or "Draft", linking to the invoice. */
export function InvoiceLink({ invoice }: { invoice: Pick<InvoiceSummary, 'id' | 'number'> }) {
  const { t } = useTranslation('billing');
  return (
    <Anchor
      renderRoot={(props) => <Link {...props} to="/billing/invoices/$id" params={{ id: String(invoice.id) }} />}
      style={{ whiteSpace: 'nowrap' }}
      data-testid="invoice-link"
    >
      {invoice.number ?? t('list.draft')}
    </Anchor>
  );
}

/** A page of invoices: number, division, period, status, an amount column and the due date. */
export function InvoiceTable({
  testId,
  query,
  emptyText,
  amount,
  page,
  onPage,
}: {
  testId: string;
  query: ReturnType<typeof useInvoices>;
  emptyText: string;
  amount: { header: string; render: (i: InvoiceSummary) => ReactNode };
  page: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation('billing');
  const format = useBillingFormat();
  return (
    <DataTable
      testId={testId}
      rows={query.data?.items}
      rowKey={(i) => i.id}
      loading={query.isLoading}
      error={query.error}
      onRetry={() => void query.refetch()}
      emptyText={emptyText}
      columns={[
        { key: 'number', header: t('list.number'), render: (i) => <InvoiceLink invoice={i} /> },
        { key: 'division', header: t('list.division'), render: (i) => i.division.name },
        { key: 'period', header: t('list.period'), render: (i) => format.period(i.period) },
        { key: 'status', header: t('list.status'), render: (i) => <InvoiceStatusBadge status={i.status} /> },
        { key: 'amount', ...amount },
        { key: 'due', header: t('list.due'), render: (i) => format.day(i.dueDate) },
      ]}
      pagination={query.data ? { page, pageSize: PAGE_SIZE, total: query.data.total, onChange: onPage } : undefined}
    />
  );
}

/** Invoices by period, status and paying division; my division's by default. Filters live in the URL. */
export function InvoicesPage() {
  const { t } = useTranslation('billing');
  const format = useBillingFormat();
  const search: InvoicesSearch = useSearch({ strict: false });
  const navigate = useNavigate();
  const choices = useBillingDivisions().data?.items ?? [];
  // A Billing Coordinator or Approver of one division starts with theirs; whoever reads several, with all.
  const division = search.division ?? (choices.length === 1 ? (choices[0]?.id ?? 'all') : 'all');
  const page = search.page ?? 1;
  const invoices = useInvoices({
    period: search.period,
    status: search.status,
    division: division === 'all' ? undefined : division,
    page,
  });
  const go = (next: InvoicesSearch) => void navigate({ to: '/billing', search: { ...search, page: undefined, ...next }, replace: true });
  const periods = recentPeriods(periodNow(useTimeZone()));
  return (
    <Stack gap="md">
      <Group gap="sm" align="flex-end">
        <Select
          label={t('filters.period')}
          data={[{ value: '', label: t('filters.allPeriods') }, ...periods.map((p) => ({ value: p, label: format.period(p) }))]}
          value={search.period ?? ''}
          onChange={(v) => go({ period: v || undefined })}
          allowDeselect={false}
          data-testid="invoices-period"
          w={{ base: '100%', xs: 200 }}
        />
        <Select
          label={t('filters.status')}
          data={[{ value: '', label: t('filters.allStatuses') }, ...INVOICE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          value={search.status ?? ''}
          onChange={(v) => go({ status: (v || undefined) as InvoiceStatus | undefined })}
          allowDeselect={false}
          data-testid="invoices-status"
          w={{ base: '100%', xs: 200 }}
        />
        <Select
          label={t('filters.division')}
          data={[
            ...(choices.length > 1 ? [{ value: 'all', label: t('filters.allDivisions') }] : []),
            ...choices.map((u) => ({ value: String(u.id), label: u.name })),
          ]}
          value={String(division)}
          onChange={(v) => v && go({ division: v === 'all' ? 'all' : Number(v) })}
          allowDeselect={false}
          searchable
          data-testid="invoices-division"
          w={{ base: '100%', xs: 240 }}
        />
        {search.period && (
          <Button
            component="a"
            href={urlWithQuery('/api/v1/invoices/export', { period: search.period })}
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} />}
            data-testid="invoices-export"
          >
            {t('list.export')}
          </Button>
        )}
      </Group>
      <InvoiceTable
        testId="invoices"
        query={invoices}
        emptyText={t('list.empty')}
        amount={{
          header: t('list.total'),
          render: (i) => (
            <>
              <Text span fw={600} size="sm" data-testid="invoice-total">
                {format.money(i.total)}
              </Text>
              {i.view === 'provider' && (
                <Text size="xs" c="dimmed">
                  {t('list.ownShare')}
                </Text>
              )}
            </>
          ),
        }}
        page={page}
        onPage={(p) => void navigate({ to: '/billing', search: { ...search, page: p } })}
      />
    </Stack>
  );
}
