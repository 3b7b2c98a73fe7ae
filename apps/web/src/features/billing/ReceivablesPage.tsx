import { Card, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { recentPeriods } from '../catalog/charge-periods.ts';
import { useMe, useTimeZone } from '../session/session.queries.ts';
import { useBillingDivisions, useInvoices } from './billing.queries.ts';
import { periodNow, useBillingFormat } from './billing-format.ts';
import { InvoiceTable } from './InvoicesPage.tsx';

interface ReceivablesSearch {
  division?: number;
  period?: string;
  page?: number;
}

/** What other divisions owe my division: every invoice holding our lines, with our share and its status. */
export function ReceivablesPage() {
  const { t } = useTranslation('billing');
  const format = useBillingFormat();
  const me = useMe();
  const search: ReceivablesSearch = useSearch({ strict: false });
  const navigate = useNavigate();
  const choices = (useBillingDivisions().data?.items ?? []).filter((u) => u.providing);
  const own = Number(me.unit.path.split('/')[1]);
  const division = search.division ?? choices.find((u) => u.id === own)?.id ?? choices[0]?.id ?? null;
  const page = search.page ?? 1;
  const invoices = useInvoices({ provider: division ?? undefined, period: search.period, page }, division !== null);
  const go = (next: ReceivablesSearch) =>
    void navigate({ to: '/billing/receivables', search: { ...search, page: undefined, ...next }, replace: true });
  const unpaid = (invoices.data?.items ?? [])
    .filter((i) => i.status !== 'paid' && i.status !== 'draft')
    .reduce((sum, i) => sum + (i.receivable ?? 0), 0);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('receivables.description')}
      </Text>
      <Group gap="sm" align="flex-end">
        <Select
          label={t('filters.provider')}
          data={choices.map((u) => ({ value: String(u.id), label: u.name }))}
          value={division === null ? null : String(division)}
          onChange={(v) => v && go({ division: Number(v) })}
          allowDeselect={false}
          searchable
          data-testid="receivables-division"
          w={{ base: '100%', xs: 240 }}
        />
        <Select
          label={t('filters.period')}
          data={[
            { value: '', label: t('filters.allPeriods') },
            ...recentPeriods(periodNow(useTimeZone())).map((p) => ({ value: p, label: format.period(p) })),
          ]}
          value={search.period ?? ''}
          onChange={(v) => go({ period: v || undefined })}
          allowDeselect={false}
          w={{ base: '100%', xs: 200 }}
        />
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder padding="md">
          <Text size="sm" c="dimmed">
            {t('receivables.outstanding')}
          </Text>
          <Text fw={700} fz="xl" data-testid="receivables-outstanding">
            {format.money(unpaid)}
          </Text>
        </Card>
      </SimpleGrid>
      <InvoiceTable
        testId="receivables"
        query={invoices}
        emptyText={t('receivables.empty')}
        amount={{
          header: t('receivables.owed'),
          render: (i) => (
            <Text span fw={600} size="sm" data-testid="receivable-amount">
              {format.money(i.receivable ?? 0)}
            </Text>
          ),
        }}
        page={page}
        onPage={(p) => void navigate({ to: '/billing/receivables', search: { ...search, page: p } })}
      />
    </Stack>
  );
}
