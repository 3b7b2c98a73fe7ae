import { Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { api, unwrap } from '../../lib/api-client.ts';
import { todayIn } from '../../lib/dates.ts';
import { useFormat } from '../session/use-format.ts';

const TYPES = ['request', 'incident', 'question'] as const;
type TicketType = (typeof TYPES)[number];
const iso = (d: Date) => dayjs(d).format('YYYY-MM-DD');

/**
 * Catalog gaps (002 §6.m): tickets logged by hand, grouped by category over a
 * period, most frequent first, so the desk sees which requests deserve a
 * catalog item.
 */
export function CatalogGapsPage() {
  const { t } = useTranslation(['catalog', 'tickets']);
  const { dateTime, timeZone } = useFormat();
  // The last 90 days up to today in the reader's calendar (the server counts whole days of each company's).
  const [period, setPeriod] = useState<[Date | null, Date | null]>(() => {
    const today = dayjs(todayIn(timeZone));
    return [today.subtract(90, 'day').toDate(), today.toDate()];
  });
  const [type, setType] = useState<TicketType>('request');
  const [from, to] = period;
  const gaps = useQuery({
    queryKey: ['catalog-gaps', from && iso(from), to && iso(to), type],
    queryFn: () =>
      unwrap(api.GET('/api/v1/reports/catalog-gaps', { params: { query: { from: iso(from as Date), to: iso(to as Date), type } } })),
    enabled: from !== null && to !== null,
    placeholderData: keepPreviousData,
  });

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('gaps.description')}
      </Text>
      <Group align="flex-end" gap="sm">
        <DatePickerInput
          type="range"
          label={t('gaps.period')}
          value={period}
          onChange={(value) => setPeriod(value.map((d) => (d ? new Date(d) : null)) as [Date | null, Date | null])}
          maxDate={new Date()}
          valueFormat="D MMM YYYY"
          w={{ base: '100%', xs: 280 }}
          data-testid="gaps-period"
        />
        <SegmentedControl
          value={type}
          onChange={(value) => setType(value as TicketType)}
          data={TYPES.map((value) => ({ value, label: t(`tickets:type.${value}`) }))}
          data-testid="gaps-type"
        />
      </Group>
      <DataTable
        testId="gaps-table"
        rows={gaps.data?.items}
        rowKey={(g) => `${g.categoryId ?? 'none'}`}
        loading={gaps.isPending && gaps.fetchStatus !== 'idle'}
        error={gaps.error}
        onRetry={() => void gaps.refetch()}
        emptyText={t('gaps.empty')}
        columns={[
          { key: 'category', header: t('gaps.category'), render: (g) => (g.categoryId === null ? t('gaps.uncategorised') : g.category) },
          { key: 'tickets', header: t('gaps.tickets'), render: (g) => g.tickets },
          { key: 'last', header: t('gaps.last'), render: (g) => dateTime(g.lastAt) },
        ]}
      />
    </Stack>
  );
}
