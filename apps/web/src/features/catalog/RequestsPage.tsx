import { SegmentedControl, Stack } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { useFormat } from '../session/use-format.ts';
import { PAGE_SIZE, type ServiceRequest, useRequests } from './catalog.queries.ts';
import { useCatalogFormat } from './catalog-format.ts';
import { RequestStatusBadge } from './ItemBadges.tsx';
import { RequestLink } from './RequestLink.tsx';

export interface RequestsSearch {
  /** `all`: every request the user may see (to fulfil, approve or pay), not only their own. */
  show?: 'all';
}

/** "My requests", or everything the user may see; the choice lives in the URL. */
export function RequestsPage() {
  const { t } = useTranslation('catalog');
  const search: RequestsSearch = useSearch({ strict: false });
  const navigate = useNavigate();
  const all = search.show === 'all';
  const requests = useRequests(!all);
  return (
    <Stack>
      <SegmentedControl
        value={all ? 'all' : 'mine'}
        onChange={(v) => void navigate({ to: '/catalog/requests', search: v === 'all' ? { show: 'all' } : {}, replace: true })}
        data={[
          { value: 'mine', label: t('requests.mine') },
          { value: 'all', label: t('requests.all') },
        ]}
        style={{ alignSelf: 'flex-start' }}
        data-testid="requests-scope"
      />
      <RequestTable
        key={all ? 'all' : 'mine'}
        rows={requests.data?.items}
        loading={requests.isLoading}
        error={requests.error}
        onRetry={() => void requests.refetch()}
      />
    </Stack>
  );
}

interface RequestTableProps {
  rows: ServiceRequest[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
}

/** The server answers with the whole list (at most 500); it is paged here so long lists stay readable. */
function RequestTable({ rows, loading, error, onRetry }: RequestTableProps) {
  const { t } = useTranslation('catalog');
  const { dateTime } = useFormat();
  const format = useCatalogFormat();
  const [page, setPage] = useState(1);
  return (
    <DataTable
      testId="requests"
      rows={rows?.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
      pagination={rows && { page, pageSize: PAGE_SIZE, total: rows.length, onChange: setPage }}
      rowKey={(r) => r.id}
      loading={loading}
      error={error}
      onRetry={onRetry}
      emptyText={t('requests.empty')}
      columns={[
        {
          key: 'number',
          header: t('request.number'),
          render: (r) => <RequestLink number={r.number} />,
        },
        { key: 'item', header: t('request.item'), render: (r) => r.item.name },
        { key: 'quantity', header: t('request.quantity'), render: (r) => format.quantity(r.quantity, r.item.unitLabel, r.item.costModel) },
        { key: 'estimate', header: t('request.estimate'), render: (r) => format.money(r.estimate) },
        { key: 'status', header: t('request.status'), render: (r) => <RequestStatusBadge status={r.status} /> },
        { key: 'created', header: t('request.created'), render: (r) => dateTime(r.createdAt) },
      ]}
    />
  );
}
