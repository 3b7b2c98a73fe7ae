import { Stack, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../session/session.queries.ts';
import { ReportToolbar, useReportSearch } from './ReportToolbar.tsx';
import { Bars } from './report-charts.tsx';
import { Panel, ReportBody, ReportChoice, SERIES_COLORS, TicketsLink, useNumber, WideTable } from './report-parts.tsx';
import { DIMENSIONS, type Dimension, reportQuery, ticketsSearch } from './report-search.ts';
import { useRecap } from './reports.queries.ts';

/** Rows beyond this many are in the table, not the chart. */
const CHART_ROWS = 15;

/**
 * Ticket recap (001 §3.5/§3.7): tickets logged in the period by one or two
 * dimensions with totals; every number opens the tickets behind it.
 */
export function RecapPage() {
  const { t } = useTranslation('reports');
  const { search, go } = useReportSearch();
  const timeZone = useTimeZone();
  const number = useNumber();
  const rows = (DIMENSIONS.find((d) => d === search.rows) ?? 'unit') as Dimension;
  const columns = DIMENSIONS.find((d) => d === search.columns && d !== rows) as Dimension | undefined;
  const recap = useRecap(reportQuery(search, timeZone, { rows, columns }));
  const data = recap.data;
  const dimensionOptions = DIMENSIONS.map((d) => ({ value: d, label: t(`dimension.${d}`) }));
  const series = data?.columnDimension
    ? data.columns.map((c, i) => ({ name: `c${i}`, label: c.label, color: SERIES_COLORS[i % SERIES_COLORS.length] }))
    : [{ name: 'c0', label: t('total'), color: SERIES_COLORS[0] }];
  const chartData = (data?.rows ?? []).slice(0, CHART_ROWS).map((row, r) => ({
    label: row.label,
    ...Object.fromEntries((data?.columnDimension ? (data.cells[r] ?? []) : [data?.totals.rows[r] ?? 0]).map((n, i) => [`c${i}`, n])),
  }));
  const cellSearch = (r: number, c: number | null) =>
    ticketsSearch(search, timeZone, {
      [rows]: data?.rows[r]?.value ?? null,
      ...(c !== null && data?.columnDimension ? { [data.columnDimension]: data.columns[c]?.value ?? null } : {}),
    });
  const totalSearch = (c: number | null) =>
    ticketsSearch(search, timeZone, c !== null && data?.columnDimension ? { [data.columnDimension]: data.columns[c]?.value ?? null } : {});

  return (
    <Stack>
      <ReportToolbar kind="tickets" extra={{ rows, columns }}>
        <ReportChoice
          label={t('recap.rows')}
          data={dimensionOptions}
          value={rows}
          onChange={(value) => value && go({ rows: value, columns: value === columns ? undefined : columns })}
          testId="recap-rows"
        />
        <ReportChoice
          label={t('recap.columns')}
          data={dimensionOptions.filter((o) => o.value !== rows)}
          value={columns ?? null}
          onChange={(value) => go({ columns: value })}
          placeholder={t('recap.noColumns')}
          clearable
          testId="recap-columns"
        />
      </ReportToolbar>
      <ReportBody query={recap} isEmpty={(d) => d.totals.all === 0}>
        {(data) => (
          <>
            <Panel title={t('recap.chart', { rows: t(`dimension.${rows}`), total: number(data.totals.all) })}>
              <Bars data={chartData} series={series} stacked={data.columnDimension !== null} />
            </Panel>
            <Panel title={t('recap.table')}>
              <WideTable minWidth={data.columnDimension ? 160 + data.columns.length * 90 : 320}>
                <Table striped withTableBorder highlightOnHover data-testid="recap-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t(`dimension.${rows}`)}</Table.Th>
                      {data.columns.map((c) => (
                        <Table.Th key={c.value ?? 'none'} ta="right">
                          {c.label}
                        </Table.Th>
                      ))}
                      <Table.Th ta="right">{t('total')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.rows.map((row, r) => (
                      <Table.Tr key={row.value ?? 'none'}>
                        <Table.Td>{row.label}</Table.Td>
                        {data.columns.map((c, i) => (
                          <Table.Td key={c.value ?? 'none'} ta="right">
                            <TicketsLink search={cellSearch(r, i)} value={data.cells[r]?.[i] ?? 0} />
                          </Table.Td>
                        ))}
                        <Table.Td ta="right" fw={600}>
                          <TicketsLink search={cellSearch(r, null)} value={data.totals.rows[r] ?? 0} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                  <Table.Tfoot>
                    <Table.Tr>
                      <Table.Th>{t('total')}</Table.Th>
                      {data.columns.map((c, i) => (
                        <Table.Th key={c.value ?? 'none'} ta="right">
                          <TicketsLink search={totalSearch(i)} value={data.totals.columns[i] ?? 0} />
                        </Table.Th>
                      ))}
                      <Table.Th ta="right">
                        <TicketsLink search={totalSearch(null)} value={data.totals.all} testId="recap-total" />
                      </Table.Th>
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
