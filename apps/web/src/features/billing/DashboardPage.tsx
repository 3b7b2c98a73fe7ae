import { BarChart, LineChart } from '@mantine/charts';
import { Button, Card, Group, Progress, Select, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { urlWithQuery } from '../../lib/api-client.ts';
import { useMe, useTimeZone } from '../session/session.queries.ts';
import { useCompanies } from '../tickets/tickets.queries.ts';
import { type Dashboard, useBillingDivisions, useDashboard } from './billing.queries.ts';
import { periodNow, shiftMonth, useBillingFormat } from './billing-format.ts';

interface DashboardSearch {
  from?: string;
  to?: string;
  company?: number;
}

interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
}

/** A chart's numbers: a small table that fits its card and a phone's width (numbers right-aligned after the first column). */
function CompactTable<T>({
  rows,
  rowKey,
  columns,
  empty,
  testId,
}: {
  rows: T[];
  rowKey: (r: T) => string | number;
  columns: Column<T>[];
  empty: string;
  testId: string;
}) {
  if (!rows.length)
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        {empty}
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={300}>
      <Table striped verticalSpacing={6} fz="sm" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c, i) => (
              <Table.Th key={c.key} ta={i === 0 ? 'left' : 'right'}>
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)} data-testid={`${testId}-row`}>
              {columns.map((c, i) => (
                <Table.Td key={c.key} ta={i === 0 ? 'left' : 'right'}>
                  {c.render(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A chart with its numbers as a table beneath it: the table is what a screen reader or a phone reads best. */
function ChartCard({
  title,
  help,
  chart,
  table,
  testId,
}: {
  title: string;
  help?: string;
  chart: ReactNode;
  table: ReactNode;
  testId: string;
}) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Stack gap="sm">
        <div>
          <Title order={4} size="h5">
            {title}
          </Title>
          {help && (
            <Text size="xs" c="dimmed">
              {help}
            </Text>
          )}
        </div>
        {chart}
        {table}
      </Stack>
    </Card>
  );
}

/**
 * The billing dashboard: spend per division against its budget, revenue per
 * providing division, the most-used services, the month-by-month trend and
 * what is unpaid, for a range of months and a company; every chart has its
 * table, and the whole can be exported.
 */
export function DashboardPage() {
  const { t } = useTranslation('billing');
  const format = useBillingFormat();
  const me = useMe();
  const search: DashboardSearch = useSearch({ strict: false });
  const navigate = useNavigate();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const now = periodNow(useTimeZone());
  const to = search.to ?? now;
  const from = search.from ?? shiftMonth(to, -11);
  // Whoever reads the earnings of divisions in several companies may look at each of those companies.
  const readable = new Set((useBillingDivisions().data?.items ?? []).filter((u) => u.providing).map((u) => u.companyId));
  const companies = (useCompanies().data ?? []).filter((c) => readable.has(c.id));
  const manyCompanies = companies.length > 1;
  const query = { from, to, ...(search.company ? { company: search.company } : {}) };
  const dashboard = useDashboard(query);
  const go = (next: DashboardSearch) => void navigate({ to: '/billing/dashboard', search: { ...search, ...next }, replace: true });
  const months = Array.from({ length: 24 }, (_, i) => shiftMonth(now, -i));
  const d = dashboard.data;
  const chartHeight = phone ? 220 : 280;
  const money = (v: number) => format.money(v);
  return (
    <Stack gap="lg">
      <Group gap="sm" align="flex-end">
        <Select
          label={t('dashboard.from')}
          data={months.filter((m) => m <= to).map((m) => ({ value: m, label: format.period(m) }))}
          value={from}
          onChange={(v) => v && go({ from: v })}
          allowDeselect={false}
          data-testid="dashboard-from"
          w={{ base: '47%', xs: 180 }}
        />
        <Select
          label={t('dashboard.to')}
          data={months.filter((m) => m >= from).map((m) => ({ value: m, label: format.period(m) }))}
          value={to}
          onChange={(v) => v && go({ to: v })}
          allowDeselect={false}
          data-testid="dashboard-to"
          w={{ base: '47%', xs: 180 }}
        />
        {manyCompanies && (
          <Select
            label={t('dashboard.company')}
            data={companies.map((c) => ({ value: String(c.id), label: c.name }))}
            value={String(search.company ?? me.company.id)}
            onChange={(v) => v && go({ company: Number(v) })}
            allowDeselect={false}
            w={{ base: '100%', xs: 280 }}
          />
        )}
        <Button
          component="a"
          href={urlWithQuery('/api/v1/billing/dashboard/export', query)}
          variant="default"
          leftSection={<IconFileSpreadsheet size={16} />}
          data-testid="dashboard-export"
        >
          {t('dashboard.export')}
        </Button>
      </Group>
      {dashboard.error && <ProblemAlert error={dashboard.error} onRetry={() => void dashboard.refetch()} />}
      {d && <DashboardBody d={d} chartHeight={chartHeight} money={money} compact={format.compactMoney} />}
    </Stack>
  );
}

function DashboardBody({
  d,
  chartHeight,
  money,
  compact,
}: {
  d: Dashboard;
  chartHeight: number;
  money: (v: number) => string;
  compact: (v: number) => string;
}) {
  const { t } = useTranslation('billing');
  const format = useBillingFormat();
  const table = <T,>(testId: string, rows: T[], key: (r: T) => string | number, columns: Column<T>[]) => (
    <CompactTable testId={testId} rows={rows} rowKey={key} columns={columns} empty={t('dashboard.empty')} />
  );
  const amountCell = (v: number, testId?: string) => (
    <Text span size="sm" fw={600} data-testid={testId}>
      {money(v)}
    </Text>
  );
  const bars = (data: Record<string, unknown>[], key: string, series: { name: string; label: string; color: string }[]) => (
    <BarChart
      h={chartHeight}
      data={data}
      dataKey={key}
      series={series}
      valueFormatter={money}
      yAxisProps={{ tickFormatter: compact, width: 56 }}
      // Every division named, in smaller type on a phone.
      xAxisProps={{ interval: 0, tick: { fontSize: chartHeight < 250 ? 10 : 12 } }}
      withLegend={series.length > 1}
      tickLine="y"
    />
  );
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder padding="md">
          <Text size="sm" c="dimmed">
            {t('dashboard.outstanding')}
          </Text>
          <Text fw={700} fz="xl" data-testid="dashboard-outstanding">
            {money(d.outstanding.total)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('dashboard.openInvoices', { count: d.outstanding.openInvoices })}
          </Text>
        </Card>
        <Card withBorder padding="md">
          <Text size="sm" c="dimmed">
            {t('dashboard.overdue')}
          </Text>
          <Text fw={700} fz="xl" c={d.outstanding.overdue > 0 ? 'red' : undefined} data-testid="dashboard-overdue">
            {money(d.outstanding.overdue)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('dashboard.overdueInvoices', { count: d.outstanding.overdueInvoices })}
          </Text>
        </Card>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <ChartCard
          testId="dashboard-spend"
          title={t('dashboard.spend')}
          help={t('dashboard.spendHelp')}
          chart={bars(d.spendByDivision, 'name', [{ name: 'amount', label: t('dashboard.amount'), color: 'blue.6' }])}
          table={table('spend-table', d.spendByDivision, (r) => r.id, [
            { key: 'name', header: t('dashboard.division'), render: (r) => r.name },
            { key: 'requests', header: t('dashboard.requests'), render: (r) => r.requests },
            { key: 'amount', header: t('dashboard.amount'), render: (r) => amountCell(r.amount, 'spend-amount') },
            {
              key: 'budget',
              header: t('dashboard.budget'),
              render: (r) => (r.budget === null ? t('dashboard.noBudget') : money(r.budget)),
            },
          ])}
        />
        <ChartCard
          testId="dashboard-revenue"
          title={t('dashboard.revenue')}
          chart={bars(d.revenueByProvider, 'name', [{ name: 'amount', label: t('dashboard.amount'), color: 'teal.6' }])}
          table={table('revenue-table', d.revenueByProvider, (r) => r.id, [
            { key: 'name', header: t('dashboard.provider'), render: (r) => r.name },
            { key: 'requests', header: t('dashboard.requests'), render: (r) => r.requests },
            { key: 'amount', header: t('dashboard.amount'), render: (r) => amountCell(r.amount, 'revenue-amount') },
          ])}
        />
      </SimpleGrid>
      <ChartCard
        testId="dashboard-trend"
        title={t('dashboard.trend')}
        chart={
          <LineChart
            h={chartHeight}
            data={d.trend.map((r) => ({ ...r, month: format.shortPeriod(r.period) }))}
            dataKey="month"
            series={[
              { name: 'spend', label: t('dashboard.spendSeries'), color: 'blue.6' },
              // Inside one company every charge is one division's spend and another's revenue: dashed, so both lines show.
              { name: 'revenue', label: t('dashboard.revenueSeries'), color: 'teal.6', strokeDasharray: '6 4' },
            ]}
            valueFormatter={money}
            yAxisProps={{ tickFormatter: compact, width: 56 }}
            withLegend
            curveType="monotone"
          />
        }
        table={table('trend-table', d.trend, (r) => r.period, [
          { key: 'period', header: t('dashboard.month'), render: (r) => format.period(r.period) },
          { key: 'spend', header: t('dashboard.spendSeries'), render: (r) => money(r.spend) },
          { key: 'revenue', header: t('dashboard.revenueSeries'), render: (r) => money(r.revenue) },
        ])}
      />
      <Card withBorder padding="md" data-testid="dashboard-services">
        <Stack gap="sm">
          <Title order={4} size="h5">
            {t('dashboard.services')}
          </Title>
          <Tabs defaultValue="count">
            <Tabs.List>
              <Tabs.Tab value="count">{t('dashboard.byCount')}</Tabs.Tab>
              <Tabs.Tab value="amount">{t('dashboard.byAmount')}</Tabs.Tab>
            </Tabs.List>
            {(['count', 'amount'] as const).map((by) => {
              const rows = by === 'count' ? d.topServicesByCount : d.topServicesByAmount;
              return (
                <Tabs.Panel key={by} value={by} pt="sm">
                  <Stack gap="sm">
                    <BarChart
                      h={Math.max(160, rows.length * 40)}
                      data={rows}
                      dataKey="name"
                      orientation="vertical"
                      series={[
                        {
                          name: by === 'count' ? 'requests' : 'amount',
                          label: t(`dashboard.${by === 'count' ? 'requests' : 'amount'}`),
                          color: 'grape.6',
                        },
                      ]}
                      valueFormatter={by === 'count' ? undefined : money}
                      xAxisProps={by === 'count' ? { allowDecimals: false } : { tickFormatter: compact }}
                      yAxisProps={{ width: 140 }}
                    />
                    {table(`services-${by}-table`, rows, (r) => r.id, [
                      {
                        key: 'name',
                        header: t('dashboard.service'),
                        render: (r) => (
                          <>
                            {r.name}
                            <Text size="xs" c="dimmed">
                              {r.provider}
                            </Text>
                          </>
                        ),
                      },
                      { key: 'requests', header: t('dashboard.requests'), render: (r) => r.requests },
                      { key: 'amount', header: t('dashboard.amount'), render: (r) => money(r.amount) },
                    ])}
                  </Stack>
                </Tabs.Panel>
              );
            })}
          </Tabs>
        </Stack>
      </Card>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Card withBorder padding="md" data-testid="dashboard-budgets">
          <Stack gap="sm">
            <Title order={4} size="h5">
              {t('dashboard.budgets')}
            </Title>
            {d.budgets.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('dashboard.empty')}
              </Text>
            )}
            {d.budgets.map((b) => (
              <Stack key={b.id} gap={4}>
                <Group justify="space-between" gap="xs">
                  <Text size="sm" fw={600}>
                    {b.name}
                  </Text>
                  <Text size="sm">
                    {money(b.spent)} / {money(b.budget)} ({b.percent} %)
                  </Text>
                </Group>
                <Progress value={Math.min(100, b.percent)} color={b.percent >= 100 ? 'red' : b.percent >= 80 ? 'orange' : 'blue'} />
              </Stack>
            ))}
          </Stack>
        </Card>
        <Card withBorder padding="md" data-testid="dashboard-open">
          <Stack gap="sm">
            <Title order={4} size="h5">
              {t('dashboard.byDivision')}
            </Title>
            {table('open-table', d.outstanding.byDivision, (r) => r.id, [
              { key: 'name', header: t('dashboard.division'), render: (r) => r.name },
              { key: 'outstanding', header: t('dashboard.outstanding'), render: (r) => money(r.outstanding) },
              { key: 'overdue', header: t('dashboard.overdue'), render: (r) => money(r.overdue) },
            ])}
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
