import { Card, EmptyState, Group, Pagination, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconInbox } from '@tabler/icons-react';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from './ProblemAlert.tsx';

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
}

export interface PageControl {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
}

interface DataTableProps<T> {
  columns: Column<T>[];
  rows: T[] | undefined;
  rowKey: (row: T) => string | number;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  /** What an empty list means, e.g. "No users match these filters". */
  emptyText: string;
  /** Buttons for one row (edit, deactivate); shown in the last column or at the foot of a card. */
  actions?: (row: T) => ReactNode;
  pagination?: PageControl;
  testId?: string;
}

/**
 * A list with its loading, error and empty states and pagination. On phones
 * each row becomes a card (first column as its title) so nothing scrolls sideways.
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  loading,
  error,
  onRetry,
  emptyText,
  actions,
  pagination,
  testId,
}: DataTableProps<T>) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  // A page past the end (the last row of the last page was handled, or an old link) moves to the last page.
  const lastPage = pagination ? Math.max(1, Math.ceil(pagination.total / pagination.pageSize)) : 1;
  const pastEnd = pagination !== undefined && rows?.length === 0 && pagination.page > lastPage;
  useEffect(() => {
    if (pastEnd) pagination?.onChange(lastPage);
  }, [pastEnd, lastPage, pagination]);

  let body: ReactNode;
  if (error && !rows) body = <ProblemAlert error={error} onRetry={onRetry} />;
  else if (loading && !rows) body = <Skeleton height={160} aria-label={t('states.loading')} />;
  else if (!rows?.length) body = <EmptyState icon={<IconInbox size={28} />} title={emptyText} withIndicatorBackground py="xl" />;
  else if (phone) {
    const [head, ...rest] = columns;
    body = (
      <Stack gap="sm">
        {rows.map((row) => (
          <Card key={rowKey(row)} withBorder padding="sm" data-testid={testId && `${testId}-row`}>
            {head && <Text fw={600}>{head.render(row)}</Text>}
            <Stack gap={4} mt={4}>
              {rest.map((c) => (
                <Group key={c.key} gap="xs" wrap="nowrap" align="flex-start">
                  <Text size="sm" c="dimmed" miw={110}>
                    {c.header}
                  </Text>
                  <Text size="sm" component="div" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                    {c.render(row)}
                  </Text>
                </Group>
              ))}
            </Stack>
            {actions && (
              <Group gap="xs" mt="sm">
                {actions(row)}
              </Group>
            )}
          </Card>
        ))}
      </Stack>
    );
  } else {
    body = (
      <Table.ScrollContainer minWidth={640}>
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.key}>{c.header}</Table.Th>
              ))}
              {actions && <Table.Th aria-label={t('table.actions')} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={rowKey(row)} data-testid={testId && `${testId}-row`}>
                {columns.map((c) => (
                  <Table.Td key={c.key}>{c.render(row)}</Table.Td>
                ))}
                {actions && (
                  // As wide as its buttons: the other columns give way, the buttons are never cut.
                  <Table.Td style={{ width: '1%', whiteSpace: 'nowrap' }}>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      {actions(row)}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );
  }

  return (
    <Stack gap="md" data-testid={testId}>
      {error && rows ? <ProblemAlert error={error} onRetry={onRetry} /> : null}
      {body}
      {pagination && pagination.total > 0 && <Pager {...pagination} />}
    </Stack>
  );
}

function Pager({ page, pageSize, total, onChange }: PageControl) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Group justify="space-between" gap="xs">
      <Text size="sm" c="dimmed">
        {t('table.range', { from: (page - 1) * pageSize + 1, to: Math.min(page * pageSize, total), total })}
      </Text>
      {pages > 1 && <Pagination value={page} onChange={onChange} total={pages} size="sm" siblings={1} boundaries={1} />}
    </Group>
  );
}
