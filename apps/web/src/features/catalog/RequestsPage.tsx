import { REQUEST_STATUSES, type RequestStatus } from '@ish/shared';
import { Group, SegmentedControl, Select, Stack } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { useFormat } from '../session/use-format.ts';
import { PAGE_SIZE, type ServiceRequest, useRequests } from './catalog.queries.ts';
import { useCatalogFormat } from './catalog-format.ts';
import { RequestStatusBadge } from './ItemBadges.tsx';
import { RequestLink } from './RequestLink.tsx';

/** An order moves on from `submitted` at once, so nobody looks for it there. */
const LISTED_STATUSES = REQUEST_STATUSES.filter((s) => s !== 'submitted');

export interface RequestsSearch {
  /** `all`: every request the user may see (to fulfil, approve or pay), not only their own. */
  show?: 'all';
  status?: RequestStatus;
  page?: number;
}

/** "My requests", or everything the user may see, optionally of one status; paged on the server, all in the URL. */
export function RequestsPage() {
  const { t } = useTranslation('catalog');
  const { dateTime } = useFormat();
  const format = useCatalogFormat();
  const search: RequestsSearch = useSearch({ strict: false });
  const navigate = useNavigate();
  const all = search.show === 'all';
  const page = search.page ?? 1;
  const requests = useRequests({ mine: !all, status: search.status, page });
  const go = (next: RequestsSearch) => void navigate({ to: '/catalog/requests', search: next, replace: true });
  return (
    <Stack>
      <Group gap="sm" align="flex-end">
        <SegmentedControl
          value={all ? 'all' : 'mine'}
          onChange={(v) => go({ status: search.status, show: v === 'all' ? 'all' : undefined })}
          data={[
            { value: 'mine', label: t('requests.mine') },
            { value: 'all', label: t('requests.all') },
          ]}
          data-testid="requests-scope"
        />
        <Select
          aria-label={t('request.status')}
          placeholder={t('requests.anyStatus')}
          clearable
          w={220}
          data={LISTED_STATUSES.map((s) => ({ value: s, label: t(`requestStates.${s}`) }))}
          value={search.status ?? null}
          onChange={(v) => go({ show: search.show, status: (v as RequestStatus | null) ?? undefined })}
          data-testid="requests-status"
        />
      </Group>
      <DataTable
        testId="requests"
        rows={requests.data?.items}
        pagination={requests.data && { page, pageSize: PAGE_SIZE, total: requests.data.total, onChange: (p) => go({ ...search, page: p }) }}
        rowKey={(r) => r.id}
        loading={requests.isLoading}
        error={requests.error}
        onRetry={() => void requests.refetch()}
        emptyText={t(search.status ? 'requests.emptyStatus' : 'requests.empty')}
        columns={[
          { key: 'number', header: t('request.number'), render: (r) => <RequestLink number={r.number} /> },
          { key: 'item', header: t('request.item'), render: (r) => r.item.name },
          ...(all ? [{ key: 'requester', header: t('approvals.requester'), render: (r: ServiceRequest) => r.requester.name }] : []),
          {
            key: 'quantity',
            header: t('request.quantity'),
            render: (r) => format.quantity(r.quantity, r.item.unitLabel, r.item.costModel),
          },
          { key: 'estimate', header: t('request.estimate'), render: (r) => format.money(r.estimate) },
          { key: 'status', header: t('request.status'), render: (r) => <RequestStatusBadge status={r.status} /> },
          { key: 'created', header: t('request.created'), render: (r) => dateTime(r.createdAt) },
        ]}
      />
    </Stack>
  );
}
