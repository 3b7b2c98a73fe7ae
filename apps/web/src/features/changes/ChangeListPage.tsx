import { CHANGE_STATUSES, CHANGE_TYPES, type ChangeStatus, type ChangeType } from '@ish/shared';
import { Anchor, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { Link, useLocation, useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { ChangeStatusBadge, RiskBadge, TypeBadge } from './ChangeBadges.tsx';
import { useChangeFormat } from './change-format.ts';
import { type ChangeQueue, type ChangeSummary, PAGE_SIZE, useChanges } from './changes.queries.ts';

export interface ChangeListSearch {
  q?: string;
  status?: ChangeStatus;
  type?: ChangeType;
  page?: number;
}

/** A change's number, linking to its page. */
export function ChangeLink({ number }: { number: string }) {
  return (
    <Anchor
      renderRoot={(props) => <Link {...props} to="/changes/$number" params={{ number }} />}
      fw={600}
      style={{ whiteSpace: 'nowrap' }}
      data-testid="change-link"
    >
      {number}
    </Anchor>
  );
}

/** One queue of changes (mine, review, votes, implementation, all) with search and filters in the URL, paged on the server. */
export function ChangeListPage({ queue }: { queue: ChangeQueue }) {
  const { t } = useTranslation('changes');
  const format = useChangeFormat();
  const search: ChangeListSearch = useSearch({ strict: false });
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const page = search.page ?? 1;
  const changes = useChanges({ queue, q: search.q, status: search.status, type: search.type, page });
  const go = (next: ChangeListSearch) => void navigate({ to: pathname, search: next, replace: true });
  const typeQ = useDebouncedCallback((q: string) => go({ ...search, q: q.trim() || undefined, page: undefined }), 300);
  return (
    <Stack>
      <Group gap="sm" align="flex-end">
        <TextInput
          aria-label={t('list.search')}
          placeholder={t('list.search')}
          leftSection={<IconSearch size={16} />}
          defaultValue={search.q ?? ''}
          onChange={(e) => typeQ(e.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
          data-testid="changes-search"
        />
        <Select
          aria-label={t('list.status')}
          placeholder={t('list.anyStatus')}
          clearable
          w={200}
          data={CHANGE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={search.status ?? null}
          onChange={(v) => go({ ...search, status: (v as ChangeStatus | null) ?? undefined, page: undefined })}
          data-testid="changes-status"
        />
        <Select
          aria-label={t('list.type')}
          placeholder={t('list.anyType')}
          clearable
          w={160}
          data={CHANGE_TYPES.map((s) => ({ value: s, label: t(`type.${s}`) }))}
          value={search.type ?? null}
          onChange={(v) => go({ ...search, type: (v as ChangeType | null) ?? undefined, page: undefined })}
        />
      </Group>
      <DataTable
        testId={`changes-${queue}`}
        rows={changes.data?.items}
        pagination={changes.data && { page, pageSize: PAGE_SIZE, total: changes.data.total, onChange: (p) => go({ ...search, page: p }) }}
        rowKey={(c) => c.id}
        loading={changes.isLoading}
        error={changes.error}
        onRetry={() => void changes.refetch()}
        emptyText={t(`list.empty.${queue}`)}
        columns={[
          { key: 'number', header: t('list.number'), render: (c: ChangeSummary) => <ChangeLink number={c.number} /> },
          {
            key: 'title',
            header: t('field.title'),
            render: (c) => (
              <Stack gap={2}>
                <Text size="sm">{c.title}</Text>
                <Text size="xs" c="dimmed">
                  {c.services.map((s) => s.name).join(', ') || '—'}
                </Text>
              </Stack>
            ),
          },
          {
            key: 'status',
            header: t('list.status'),
            render: (c) => (
              <Group gap={4}>
                <ChangeStatusBadge status={c.status} testId="change-row-status" />
                <TypeBadge type={c.type} />
              </Group>
            ),
          },
          { key: 'risk', header: t('list.risk'), render: (c) => <RiskBadge risk={c.risk} /> },
          { key: 'window', header: t('list.window'), render: (c) => format.window(c.plannedStart, c.plannedEnd) },
          { key: 'requester', header: t('detail.requester'), render: (c) => `${c.requester.name} · ${c.unit.name}` },
        ]}
      />
    </Stack>
  );
}

export const MyChangesPage = () => <ChangeListPage queue="mine" />;
export const ReviewQueuePage = () => <ChangeListPage queue="review" />;
export const VotingQueuePage = () => <ChangeListPage queue="votes" />;
export const ImplementationQueuePage = () => <ChangeListPage queue="implementation" />;
export const AllChangesPage = () => <ChangeListPage queue="all" />;
