import { LineChart } from '@mantine/charts';
import { Stack, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../session/session.queries.ts';
import { ReportToolbar, useReportSearch } from './ReportToolbar.tsx';
import { Panel, ReportBody, ReportChoice, useNumber, WideTable } from './report-parts.tsx';
import { reportQuery } from './report-search.ts';
import { useTrend } from './reports.queries.ts';

const INTERVALS = ['day', 'week', 'month'] as const;

/** Trends: tickets created and resolved per day, week or month, and the open backlog at the end of each. */
export function TrendsPage() {
  const { t } = useTranslation('reports');
  const { search, go } = useReportSearch();
  const timeZone = useTimeZone();
  const number = useNumber();
  const interval = INTERVALS.find((i) => i === search.interval) ?? 'day';
  const report = useTrend(reportQuery(search, timeZone, { interval }));
  const series = [
    { name: 'created', label: t('trend.created'), color: 'blue.6' },
    { name: 'resolved', label: t('trend.resolved'), color: 'teal.6' },
    { name: 'backlog', label: t('trend.backlog'), color: 'orange.6' },
  ];

  return (
    <Stack>
      <ReportToolbar kind="trends" extra={{ interval }}>
        <ReportChoice
          label={t('trend.interval')}
          data={INTERVALS.map((i) => ({ value: i, label: t(`interval.${i}`) }))}
          value={interval}
          onChange={(value) => value && go({ interval: value })}
          testId="trend-interval"
        />
      </ReportToolbar>
      <ReportBody query={report} isEmpty={(d) => d.points.length === 0}>
        {(data) => (
          <>
            <Panel title={t('trend.chart')}>
              <LineChart
                h={280}
                data={data.points}
                dataKey="period"
                series={series}
                curveType="monotone"
                withDots={data.points.length <= 31}
                withLegend
                legendProps={{ verticalAlign: 'bottom', wrapperStyle: { fontSize: 12 } }}
                xAxisProps={{ tick: { fontSize: 11 }, tickFormatter: (d: string) => (interval === 'month' ? d.slice(0, 7) : d.slice(5)) }}
                yAxisProps={{ width: 40 }}
                valueFormatter={(v) => number(v)}
              />
            </Panel>
            <Panel title={t('trend.table')}>
              <WideTable minWidth={360}>
                <Table striped withTableBorder data-testid="trend-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t(`interval.${interval}`)}</Table.Th>
                      {series.map((s) => (
                        <Table.Th key={s.name} ta="right">
                          {s.label}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.points.map((p) => (
                      <Table.Tr key={p.period}>
                        <Table.Td>{p.period}</Table.Td>
                        <Table.Td ta="right">{number(p.created)}</Table.Td>
                        <Table.Td ta="right">{number(p.resolved)}</Table.Td>
                        <Table.Td ta="right">{number(p.backlog)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </WideTable>
            </Panel>
          </>
        )}
      </ReportBody>
    </Stack>
  );
}
