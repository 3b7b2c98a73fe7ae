import { LineChart } from '@mantine/charts';
import { Anchor, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState.tsx';
import { DashboardFigures } from './DashboardFigures.tsx';
import { Panel, useNumber } from './report-parts.tsx';
import { useDashboard } from './reports.queries.ts';

/** The Executive dashboard (001 §3.5 Pimpinan): today and this month at a glance, each figure one click from its tickets. */
export function DashboardPage() {
  const { t } = useTranslation('reports');
  const number = useNumber();
  const dashboard = useDashboard();
  const d = dashboard.data;
  const month = d ? { from: d.from, to: d.to } : {};
  const top = (title: string, rows: NonNullable<typeof d>['topCategories'], dimension: 'category' | 'unit') => (
    <Panel
      title={title}
      actions={
        <Anchor
          renderRoot={(props) => (
            <Link {...props} to="/reports/$page" params={{ page: 'tickets' }} search={{ ...month, rows: dimension } as never} />
          )}
          size="sm"
        >
          {t('dashboard.more')}
        </Anchor>
      }
    >
      {rows.length === 0 ? (
        <Text c="dimmed">{t('empty')}</Text>
      ) : (
        <Stack gap={6}>
          {rows.map((r) => (
            <Group key={r.value ?? 'none'} justify="space-between" wrap="nowrap">
              <Text size="sm" truncate>
                {r.label}
              </Text>
              <Text size="sm" fw={600}>
                {number(r.count)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Panel>
  );
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {d ? t('dashboard.period', { today: d.today, from: d.from, to: d.to }) : ''}
      </Text>
      <DashboardFigures />
      {!d ? (
        <LoadingState />
      ) : (
        <>
          <Panel title={t('dashboard.trend')}>
            <LineChart
              h={240}
              data={d.trend}
              dataKey="day"
              series={[
                { name: 'created', label: t('trend.created'), color: 'blue.6' },
                { name: 'resolved', label: t('trend.resolved'), color: 'teal.6' },
              ]}
              curveType="monotone"
              withLegend
              legendProps={{ verticalAlign: 'bottom', wrapperStyle: { fontSize: 12 } }}
              xAxisProps={{ tick: { fontSize: 11 }, tickFormatter: (v: string) => v.slice(8) }}
              yAxisProps={{ width: 32 }}
              valueFormatter={(v) => number(v)}
            />
          </Panel>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {top(t('dashboard.topCategories'), d.topCategories, 'category')}
            {top(t('dashboard.busiestUnits'), d.busiestUnits, 'unit')}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
