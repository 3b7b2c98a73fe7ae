import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../session/session.queries.ts';
import { ReportToolbar, useReportSearch } from './ReportToolbar.tsx';
import { Bars } from './report-charts.tsx';
import { Panel, ReportBody, ReportChoice, TicketsLink, useNumber, WideTable } from './report-parts.tsx';
import { type Dimension, periodOf, type ReportSearch, reportQuery, ticketsSearch } from './report-search.ts';
import { type SlaReport, useSlaReport } from './reports.queries.ts';

const GROUPS = ['priority', 'team', 'category', 'month', 'unit', 'company'] as const;
type SlaGroup = (typeof GROUPS)[number];
type Outcome = SlaReport['total']['response'];

/** The tickets behind a group's breached count: its value (or its month within the period) and the SLA outcome. */
function breachedSearch(
  search: ReportSearch,
  timeZone: string,
  by: SlaGroup,
  value: string | null,
  target: 'response' | 'resolution' | null,
) {
  const sla = target ? `${target}_breached` : 'breached';
  if (by !== 'month') return ticketsSearch(search, timeZone, { [by as Dimension]: value }, { sla });
  const base = ticketsSearch(search, timeZone, {}, { sla });
  if (!base || !value) return base;
  const { from, to } = periodOf(search, timeZone);
  const end = new Date(Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)), 0)).toISOString().slice(0, 10);
  return { ...base, createdFrom: [from, `${value}-01`].sort()[1] as string, createdTo: [to, end].sort()[0] as string };
}

/** SLA achievement (002 §6, 004): response and resolution targets met and breached; breached counts open their tickets. */
export function SlaPage() {
  const { t } = useTranslation('reports');
  const { search, go } = useReportSearch();
  const timeZone = useTimeZone();
  const number = useNumber();
  const by = GROUPS.find((g) => g === search.by) ?? 'priority';
  const report = useSlaReport(reportQuery(search, timeZone, { by }));
  const rate = (o: Outcome) => (o.rate === null ? '–' : `${number(o.rate)} %`);
  const outcome = (o: Outcome, value: string | null, target: 'response' | 'resolution', testId?: string) => (
    <>
      <Table.Td ta="right">{number(o.met)}</Table.Td>
      <Table.Td ta="right">
        <TicketsLink search={breachedSearch(search, timeZone, by, value, target)} value={o.breached} testId={testId} />
      </Table.Td>
      <Table.Td ta="right">{rate(o)}</Table.Td>
    </>
  );

  return (
    <Stack>
      <ReportToolbar kind="sla" extra={{ by }}>
        <ReportChoice
          label={t('sla.by')}
          data={GROUPS.map((g) => ({ value: g, label: t(`group.${g}`) }))}
          value={by}
          onChange={(value) => value && go({ by: value })}
          testId="sla-by"
        />
      </ReportToolbar>
      <ReportBody query={report} isEmpty={(d) => d.rows.length === 0}>
        {(data) => (
          <>
            <Group gap="sm">
              <Badge size="lg" variant="light" tt="none" color={(data.total.response.rate ?? 0) >= 90 ? 'teal' : 'orange'}>
                {t('sla.responseRate')}: {rate(data.total.response)}
              </Badge>
              <Badge
                size="lg"
                variant="light"
                tt="none"
                color={(data.total.resolution.rate ?? 0) >= 90 ? 'teal' : 'orange'}
                data-testid="sla-resolution-rate"
              >
                {t('sla.resolutionRate')}: {rate(data.total.resolution)}
              </Badge>
            </Group>
            <Panel title={t('sla.chart')}>
              <Bars
                stacked
                data={data.rows.map((r) => ({
                  label: r.label,
                  responseMet: r.response.met,
                  responseBreached: r.response.breached,
                  resolutionMet: r.resolution.met,
                  resolutionBreached: r.resolution.breached,
                }))}
                series={[
                  { name: 'responseMet', label: t('sla.responseMet'), color: 'teal.4', stackId: 'response' },
                  { name: 'responseBreached', label: t('sla.responseBreached'), color: 'orange.5', stackId: 'response' },
                  { name: 'resolutionMet', label: t('sla.resolutionMet'), color: 'teal.7', stackId: 'resolution' },
                  { name: 'resolutionBreached', label: t('sla.resolutionBreached'), color: 'red.6', stackId: 'resolution' },
                ]}
              />
            </Panel>
            <Panel title={t('sla.table')}>
              <Text size="sm" c="dimmed" mb="xs">
                {t('sla.note')}
              </Text>
              <WideTable minWidth={720}>
                <Table striped withTableBorder data-testid="sla-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th rowSpan={2}>{t(`group.${by}`)}</Table.Th>
                      <Table.Th colSpan={3} ta="center">
                        {t('sla.response')}
                      </Table.Th>
                      <Table.Th colSpan={3} ta="center">
                        {t('sla.resolution')}
                      </Table.Th>
                    </Table.Tr>
                    <Table.Tr>
                      {['response', 'resolution'].flatMap((target) =>
                        (['met', 'breached', 'rate'] as const).map((k) => (
                          <Table.Th key={`${target}${k}`} ta="right">
                            {t(`sla.${k}`)}
                          </Table.Th>
                        )),
                      )}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.rows.map((row) => (
                      <Table.Tr key={row.value ?? 'none'}>
                        <Table.Td>{row.label}</Table.Td>
                        {outcome(row.response, row.value, 'response')}
                        {outcome(row.resolution, row.value, 'resolution')}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                  <Table.Tfoot>
                    <Table.Tr>
                      <Table.Th>{t('total')}</Table.Th>
                      <Table.Th ta="right">{number(data.total.response.met)}</Table.Th>
                      <Table.Th ta="right">
                        <TicketsLink
                          search={ticketsSearch(search, timeZone, {}, { sla: 'response_breached' })}
                          value={data.total.response.breached}
                        />
                      </Table.Th>
                      <Table.Th ta="right">{rate(data.total.response)}</Table.Th>
                      <Table.Th ta="right">{number(data.total.resolution.met)}</Table.Th>
                      <Table.Th ta="right">
                        <TicketsLink
                          search={ticketsSearch(search, timeZone, {}, { sla: 'resolution_breached' })}
                          value={data.total.resolution.breached}
                          testId="sla-total-breached"
                        />
                      </Table.Th>
                      <Table.Th ta="right">{rate(data.total.resolution)}</Table.Th>
                    </Table.Tr>
                  </Table.Tfoot>
                </Table>
              </WideTable>
            </Panel>
          </>
        )}
      </ReportBody>
    </Stack>
  );
}
