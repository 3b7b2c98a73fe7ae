import { LineChart } from '@mantine/charts';
import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../session/session.queries.ts';
import { ReportToolbar, useReportSearch } from './ReportToolbar.tsx';
import { Bars } from './report-charts.tsx';
import { Panel, ReportBody, ReportChoice, TicketsLink, useNumber, WideTable } from './report-parts.tsx';
import { hoursOf, reportQuery, ticketsSearch } from './report-search.ts';
import { useWorkload } from './reports.queries.ts';

const OPEN = 'new,assigned,in_progress,pending';

/**
 * Workload and performance (003, 001 §3.5): per agent or team, what they got,
 * still hold and resolved, how fast (business hours), their backlog by age
 * and, per person, the days they were present.
 */
export function WorkloadPage() {
  const { t } = useTranslation('reports');
  const { search, go } = useReportSearch();
  const timeZone = useTimeZone();
  const number = useNumber();
  const by = search.by === 'team' ? 'team' : 'assignee';
  const report = useWorkload(reportQuery(search, timeZone, { by }));
  const key = by === 'team' ? 'team' : 'assignee';
  const h = (minutes: number | null) => number(hoursOf(minutes));

  return (
    <Stack>
      <ReportToolbar kind="workload" extra={{ by }}>
        <ReportChoice
          label={t('workload.by')}
          data={[
            { value: 'assignee', label: t('dimension.assignee') },
            { value: 'team', label: t('dimension.team') },
          ]}
          value={by}
          onChange={(value) => value && go({ by: value })}
          testId="workload-by"
        />
      </ReportToolbar>
      <ReportBody query={report} isEmpty={(d) => d.rows.length === 0}>
        {(data) => (
          <>
            <Panel title={t('workload.chart')}>
              <Bars
                data={data.rows.slice(0, 15).map((r) => ({ label: r.label, resolved: r.resolved, open: r.open }))}
                series={[
                  { name: 'resolved', label: t('workload.resolved'), color: 'teal.6' },
                  { name: 'open', label: t('workload.open'), color: 'orange.5' },
                ]}
              />
            </Panel>
            {data.trend.length > 1 && (
              <Panel title={t('workload.trend')}>
                <LineChart
                  h={220}
                  data={data.trend}
                  dataKey="day"
                  series={[{ name: 'resolved', label: t('workload.resolved'), color: 'teal.6' }]}
                  curveType="monotone"
                  withDots={false}
                  xAxisProps={{ tick: { fontSize: 11 }, tickFormatter: (d: string) => d.slice(5) }}
                  valueFormatter={(v) => number(v)}
                />
              </Panel>
            )}
            <Panel title={t('workload.table')}>
              <Text size="sm" c="dimmed" mb="xs">
                {t('workload.note')}
              </Text>
              <WideTable minWidth={1000}>
                <Table striped withTableBorder data-testid="workload-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t(`dimension.${by}`)}</Table.Th>
                      {(
                        [
                          'assigned',
                          'open',
                          'resolved',
                          'reopened',
                          'responseAvg',
                          'responseMedian',
                          'resolutionAvg',
                          'resolutionMedian',
                          'backlog',
                          'presentDays',
                          'perPresentDay',
                        ] as const
                      ).map((k) => (
                        <Table.Th key={k} ta="right">
                          {t(`workload.${k}`)}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.rows.map((r) => (
                      <Table.Tr key={r.value ?? 'none'}>
                        <Table.Td>{r.label}</Table.Td>
                        <Table.Td ta="right">
                          <TicketsLink search={ticketsSearch(search, timeZone, { [key]: r.value })} value={r.assigned} />
                        </Table.Td>
                        <Table.Td ta="right">
                          <TicketsLink search={ticketsSearch(search, timeZone, { [key]: r.value }, { status: OPEN })} value={r.open} />
                        </Table.Td>
                        <Table.Td ta="right">
                          <TicketsLink
                            search={ticketsSearch(search, timeZone, { [key]: r.value }, { status: 'resolved,closed' }, 'resolved')}
                            value={r.resolved}
                          />
                        </Table.Td>
                        <Table.Td ta="right">{number(r.reopened)}</Table.Td>
                        <Table.Td ta="right">{h(r.responseAvg)}</Table.Td>
                        <Table.Td ta="right">{h(r.responseMedian)}</Table.Td>
                        <Table.Td ta="right">{h(r.resolutionAvg)}</Table.Td>
                        <Table.Td ta="right">{h(r.resolutionMedian)}</Table.Td>
                        <Table.Td ta="right" title={t('workload.backlogAges', r.backlog)}>
                          {number(r.backlog.day + r.backlog.days3 + r.backlog.week + r.backlog.older)}
                          {r.backlog.older > 0 && (
                            <Text span size="xs" c="red">
                              {' '}
                              ({t('workload.older', { count: r.backlog.older })})
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td ta="right">{number(r.presentDays)}</Table.Td>
                        <Table.Td ta="right">{number(r.resolvedPerPresentDay)}</Table.Td>
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
