import { Anchor, Button, Card, Group, Pagination, ScrollArea, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useMe } from '../session/session.queries.ts';
import { useFormat } from '../session/use-format.ts';
import { PriorityStars, SlaBadge, StatusBadge } from './TicketBadges.tsx';
import { type Queue, useTicketList } from './tickets.queries.ts';

const WORKER_QUEUES: Queue[] = ['mine', 'team', 'unassigned', 'open', 'breaching'];
const REQUESTER_QUEUES: Queue[] = ['my_requests', 'my_unit'];

/** The Service Desk: agents' queues, or a requester's own and unit tickets (the server says which via permissions). */
export function WorkspacePage() {
  const { t } = useTranslation('tickets');
  const me = useMe();
  const { dateTime } = useFormat();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { queue?: Queue; q?: string; page?: number };
  const queues = me.permissions.includes('ticket:work') ? WORKER_QUEUES : REQUESTER_QUEUES;
  const queue = search.queue && queues.includes(search.queue) ? search.queue : (queues[0] ?? 'my_requests');
  const [q] = useDebouncedValue(search.q ?? '', 300);
  const page = search.page ?? 1;
  const list = useTicketList({ queue, q, page });
  const go = (changes: Partial<{ queue: Queue; q: string; page: number }>) =>
    void navigate({ to: '/service-desk', search: { queue, q: search.q, page, ...changes } as never });

  return (
    <Stack>
      <PageHeader
        title={t('workspace.title')}
        description={t('workspace.description')}
        actions={
          <Button component={Link} to="/tickets/new" leftSection={<IconPlus size={16} />} data-testid="ticket-new">
            {t('workspace.new')}
          </Button>
        }
      />
      <Tabs value={queue} onChange={(value) => value && go({ queue: value as Queue, page: 1 })}>
        <Tabs.List>
          {queues.map((code) => (
            <Tabs.Tab key={code} value={code} data-testid={`queue-${code}`}>
              {t(`queue.${code}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={t('workspace.search')}
        aria-label={t('workspace.search')}
        value={search.q ?? ''}
        onChange={(e) => go({ q: e.currentTarget.value, page: 1 })}
        data-testid="ticket-search"
      />
      {list.error && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending ? (
        <LoadingState />
      ) : list.data && list.data.items.length === 0 ? (
        <Card withBorder>
          <Text c="dimmed" ta="center">
            {t('workspace.empty')}
          </Text>
        </Card>
      ) : (
        <ScrollArea>
          <Table striped highlightOnHover verticalSpacing="sm" miw={720} data-testid="ticket-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('field.number')}</Table.Th>
                <Table.Th>{t('field.title')}</Table.Th>
                <Table.Th>{t('field.status')}</Table.Th>
                <Table.Th>{t('field.priority')}</Table.Th>
                <Table.Th>{t('field.sla')}</Table.Th>
                <Table.Th>{t('field.assignee')}</Table.Th>
                <Table.Th>{t('field.updated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.items.map((ticket) => (
                <Table.Tr key={ticket.id}>
                  <Table.Td>
                    <Anchor
                      fw={600}
                      style={{ whiteSpace: 'nowrap' }}
                      renderRoot={(props) => <Link {...props} to="/tickets/$number" params={{ number: ticket.number }} />}
                    >
                      {ticket.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {ticket.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {ticket.unit?.name} · {ticket.requester?.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge label={ticket.statusLabel} locked={ticket.locked} />
                  </Table.Td>
                  <Table.Td>
                    <PriorityStars priority={ticket.priority} stars={ticket.stars} />
                  </Table.Td>
                  <Table.Td>
                    <SlaBadge sla={ticket.sla} />
                  </Table.Td>
                  <Table.Td>{ticket.assignee?.name ?? ticket.team?.name ?? '—'}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{dateTime(ticket.updatedAt)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      {list.data && list.data.total > list.data.pageSize && (
        <Group justify="center">
          <Pagination total={Math.ceil(list.data.total / list.data.pageSize)} value={page} onChange={(p) => go({ page: p })} />
        </Group>
      )}
    </Stack>
  );
}
