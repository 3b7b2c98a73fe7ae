import { formatRupiah } from '@ish/shared';
import { Stack, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../session/session.queries.ts';
import { ReportToolbar, useReportSearch } from './ReportToolbar.tsx';
import { Bars } from './report-charts.tsx';
import { Panel, ReportBody, useNumber, WideTable } from './report-parts.tsx';
import { reportQuery } from './report-search.ts';
import { useCatalogReport } from './reports.queries.ts';

/** The service catalog: requests per item and per requesting division, approval and fulfilment times. */
export function CatalogReportPage() {
  const { t, i18n } = useTranslation('reports');
  const { search } = useReportSearch();
  const timeZone = useTimeZone();
  const number = useNumber();
  const query = reportQuery(search, timeZone);
  const report = useCatalogReport({
    from: query.from as string,
    to: query.to as string,
    ...(search.companyId ? { companyId: search.companyId } : {}),
    ...(search.unitId ? { unitId: search.unitId } : {}),
  });
  return (
    <Stack>
      <ReportToolbar kind="catalog" filters={['companyId', 'unitId']} />
      <ReportBody query={report} isEmpty={(d) => d.items.length === 0}>
        {(data) => (
          <>
            <Panel title={t('catalog.chart')}>
              <Bars
                stacked
                data={data.items
                  .slice(0, 12)
                  .map((i) => ({ label: i.item, approved: i.approved, rejected: i.rejected, other: i.requests - i.approved - i.rejected }))}
                series={[
                  { name: 'approved', label: t('catalog.approved'), color: 'teal.6' },
                  { name: 'rejected', label: t('catalog.rejected'), color: 'red.6' },
                  { name: 'other', label: t('catalog.other'), color: 'gray.5' },
                ]}
              />
            </Panel>
            <Panel title={t('catalog.items')}>
              <WideTable minWidth={720}>
                <Table striped withTableBorder data-testid="catalog-report-table">
                  <Table.Thead>
                    <Table.Tr>
                      {(['item', 'provider', 'requests', 'approved', 'rejected', 'approvalHours', 'fulfilmentHours'] as const).map(
                        (k, i) => (
                          <Table.Th key={k} ta={i > 1 ? 'right' : undefined}>
                            {t(`catalog.${k}`)}
                          </Table.Th>
                        ),
                      )}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((i) => (
                      <Table.Tr key={i.itemId}>
                        <Table.Td>{i.item}</Table.Td>
                        <Table.Td>{i.provider}</Table.Td>
                        <Table.Td ta="right">{number(i.requests)}</Table.Td>
                        <Table.Td ta="right">{number(i.approved)}</Table.Td>
                        <Table.Td ta="right">{number(i.rejected)}</Table.Td>
                        <Table.Td ta="right">{number(i.approvalHours)}</Table.Td>
                        <Table.Td ta="right">{number(i.fulfilmentHours)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </WideTable>
            </Panel>
            <Panel title={t('catalog.divisions')}>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dimension.unit')}</Table.Th>
                    <Table.Th ta="right">{t('catalog.requests')}</Table.Th>
                    <Table.Th ta="right">{t('catalog.estimate')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.divisions.map((d) => (
                    <Table.Tr key={d.unitId}>
                      <Table.Td>{d.unit}</Table.Td>
                      <Table.Td ta="right">{number(d.requests)}</Table.Td>
                      <Table.Td ta="right">{formatRupiah(BigInt(d.estimate), i18n.language === 'en' ? 'en' : 'id')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Panel>
          </>
        )}
      </ReportBody>
    </Stack>
  );
}
