import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { useTimeZone } from '../session/session.queries.ts';
import { useFormat } from '../session/use-format.ts';
import { ReportToolbar, useReportSearch } from './ReportToolbar.tsx';
import { useNumber } from './report-parts.tsx';
import { hoursOf, reportQuery } from './report-search.ts';
import { type Completed, useCompleted } from './reports.queries.ts';

const PAGE_SIZE = 25;

/** Completed work (rekap pekerjaan selesai, 001 §3.5): what was resolved in the period, by whom, how long it took and how. */
export function CompletedPage() {
  const { t } = useTranslation('reports');
  const { search, go } = useReportSearch();
  const timeZone = useTimeZone();
  const { dateTime } = useFormat();
  const number = useNumber();
  const page = search.page ?? 1;
  const report = useCompleted(reportQuery(search, timeZone, { page, pageSize: PAGE_SIZE }));
  type Item = Completed['items'][number];
  return (
    <Stack>
      <ReportToolbar kind="completed" />
      <DataTable<Item>
        testId="completed-table"
        rows={report.data?.items}
        rowKey={(r) => r.id}
        loading={report.isPending}
        error={report.error}
        onRetry={() => void report.refetch()}
        emptyText={t('empty')}
        pagination={report.data ? { page, pageSize: PAGE_SIZE, total: report.data.total, onChange: (p) => go({ page: p }) } : undefined}
        columns={[
          {
            key: 'number',
            header: t('completed.number'),
            render: (r) => (
              <Anchor renderRoot={(props) => <Link {...props} to="/tickets/$number" params={{ number: r.number }} />}>{r.number}</Anchor>
            ),
          },
          { key: 'title', header: t('completed.title'), render: (r) => r.title },
          { key: 'unit', header: t('dimension.unit'), render: (r) => r.unit?.name ?? '–' },
          { key: 'assignee', header: t('completed.responsible'), render: (r) => r.assignee?.name ?? '–' },
          { key: 'resolved', header: t('completed.resolved'), render: (r) => (r.resolvedAt ? dateTime(r.resolvedAt) : '–') },
          { key: 'hours', header: t('completed.hours'), render: (r) => number(hoursOf(r.resolutionMinutes)) },
          {
            key: 'solution',
            header: t('completed.solution'),
            render: (r) => (
              <Text size="sm" lineClamp={3}>
                {r.solutionSummary ?? '–'}
              </Text>
            ),
          },
        ]}
      />
    </Stack>
  );
}
