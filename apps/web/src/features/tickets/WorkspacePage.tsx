import { Anchor, Badge, Button, Card, Checkbox, Collapse, Group, Pagination, Select, Stack, Tabs, Text } from '@mantine/core';
import { IconAddressBook, IconArrowsSort, IconFilter, IconMailExclamation, IconPlus } from '@tabler/icons-react';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { TeamPresence } from '../attendance/TeamPresence.tsx';
import { useMe } from '../session/session.queries.ts';
import { BulkActions } from './BulkActions.tsx';
import { ClosedReportButton, ColumnChooser, ExportMenu, useTicketColumns } from './ListTools.tsx';
import { QueueSearch } from './QueueSearch.tsx';
import { SavedViews } from './SavedViews.tsx';
import { TicketList } from './TicketList.tsx';
import { type TicketSummary, useTicketList } from './tickets.queries.ts';
import { WorkspaceFilters } from './WorkspaceFilters.tsx';
import {
  activeFilterCount,
  defaultSort,
  FILTER_KEYS,
  READER_QUEUES,
  REQUESTER_QUEUES,
  SORTS,
  type Sort,
  viewFiltersOf,
  WORKER_QUEUES,
  type WorkspaceSearch,
} from './workspace-search.ts';

const PAGE_SIZE = 25;

/** The Service Desk: agents' queues with filters, saved views and bulk changes, or a requester's own and unit tickets. */
export function WorkspacePage() {
  const { t } = useTranslation(['tickets', 'common']);
  const me = useMe();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as WorkspaceSearch;
  const worker = me.permissions.includes('ticket:work');
  // Report readers filter every ticket in their scope, as the numbers of a report lead them here.
  const filtering = worker || me.permissions.includes('report:read');
  const queues = worker ? WORKER_QUEUES : filtering ? READER_QUEUES : REQUESTER_QUEUES;
  const queue = queues.find((code) => code === search.queue) ?? queues[0] ?? 'my_requests';
  const sort: Sort = SORTS.find((s) => s === search.sort) ?? defaultSort(queue);
  const page = search.page ?? 1;
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, search[key]]));
  const listed = { queue, q: search.q, sort, ...(filtering ? filters : {}) };
  const list = useTicketList({ ...listed, page, pageSize: PAGE_SIZE });
  const [columns, setColumns] = useTicketColumns();
  const filterCount = filtering ? activeFilterCount(search) : 0;
  const [filtersOpen, setFiltersOpen] = useState(filterCount > 0);

  // Ticked tickets, and every summary seen, so results name tickets from earlier pages too.
  const [selected, setSelected] = useState<number[]>([]);
  const known = useRef(new Map<number, TicketSummary>()).current;
  for (const ticket of list.data?.items ?? []) known.set(ticket.id, ticket);
  const select = (ids: number[], on: boolean) =>
    setSelected((current) => (on ? [...new Set([...current, ...ids])] : current.filter((id) => !ids.includes(id))));

  /** Any change but paging starts again at page 1 with nothing ticked. */
  const go = (changes: Partial<WorkspaceSearch>) => {
    if (!('page' in changes)) {
      changes.page = undefined;
      setSelected([]);
    }
    void navigate({ to: '/service-desk', search: ((prev: WorkspaceSearch) => ({ ...prev, ...changes })) as never });
  };
  // Stable, so the search box does not push its words again on every render.
  const searchFor = useCallback(
    (q: string | undefined) => {
      setSelected([]);
      void navigate({ to: '/service-desk', search: ((prev: WorkspaceSearch) => ({ ...prev, q, page: undefined })) as never });
    },
    [navigate],
  );

  return (
    <Stack>
      <PageHeader
        title={t('workspace.title')}
        description={t('workspace.description')}
        actions={
          <Group gap="xs">
            {worker && (
              <>
                <Button
                  component={Link}
                  to="/service-desk/contacts"
                  variant="default"
                  leftSection={<IconAddressBook size={16} />}
                  data-testid="nav-contacts"
                >
                  {t('workspace.contacts')}
                </Button>
                <Button
                  component={Link}
                  to="/service-desk/mail-quarantine"
                  variant="default"
                  leftSection={<IconMailExclamation size={16} />}
                  data-testid="nav-quarantine"
                >
                  {t('workspace.quarantine')}
                </Button>
              </>
            )}
            {filtering && <ClosedReportButton />}
            {filtering && <ExportMenu query={listed} />}
            <Button component={Link} to="/tickets/new" leftSection={<IconPlus size={16} />} data-testid="ticket-new">
              {t('workspace.new')}
            </Button>
          </Group>
        }
      />
      <Tabs value={queue} onChange={(value) => value && go({ queue: value, sort: undefined })}>
        <Tabs.List>
          {queues.map((code) => (
            <Tabs.Tab key={code} value={code} data-testid={`queue-${code}`} style={{ whiteSpace: 'nowrap' }}>
              {t(`queue.${code}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group gap="xs" align="flex-end">
        <QueueSearch value={search.q ?? ''} onChange={searchFor} />
        {filtering && (
          <>
            <Select
              aria-label={t('sort.label')}
              leftSection={<IconArrowsSort size={16} />}
              data={SORTS.map((s) => ({ value: s, label: t(`sort.${s}`) }))}
              value={sort}
              onChange={(value) => value && go({ sort: value === defaultSort(queue) ? undefined : value })}
              allowDeselect={false}
              w={{ base: '100%', xs: 260 }}
              data-testid="ticket-sort"
            />
            <Button
              variant={filtersOpen ? 'light' : 'default'}
              leftSection={<IconFilter size={16} />}
              rightSection={filterCount > 0 ? <Badge size="sm">{filterCount}</Badge> : undefined}
              onClick={() => setFiltersOpen((open) => !open)}
              aria-expanded={filtersOpen}
              data-testid="filters-toggle"
            >
              {t('filters.title')}
            </Button>
            <SavedViews
              current={viewFiltersOf({ ...search, queue })}
              onOpen={(view) => go({ ...Object.fromEntries(Object.keys(search).map((key) => [key, undefined])), ...view.filters })}
            />
            <ColumnChooser columns={columns} onChange={setColumns} />
          </>
        )}
      </Group>
      {search.q && (
        // The search looks in the open queue only: say so, and offer the whole list.
        <Text size="sm" c="dimmed" data-testid="search-scope">
          {queue === 'all' ? t('workspace.searchAll') : t('workspace.scope', { queue: t(`queue.${queue}`) })}{' '}
          {queue !== 'all' && queues.includes('all') && (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => go({ queue: 'all', sort: undefined })}
              data-testid="search-everywhere"
            >
              {t('workspace.searchEverywhere')}
            </Anchor>
          )}
        </Text>
      )}
      {search.q && list.data?.rankedAmong != null && (
        // A word search in another order than newest first ranks the most recent matches only: say so, and offer them all.
        <Text size="sm" c="dimmed" data-testid="search-ranked">
          {t('workspace.rankedAmong', { count: list.data.rankedAmong })}{' '}
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => go({ sort: defaultSort(queue) === '-created' ? undefined : '-created' })}
            data-testid="search-newest"
          >
            {t('workspace.rankAll')}
          </Anchor>
        </Text>
      )}
      {queue === 'team' && <TeamPresence />}
      {filtering && (
        <Collapse expanded={filtersOpen}>
          <Card withBorder>
            <WorkspaceFilters search={search} onChange={go} items={list.data?.items ?? []} />
          </Card>
        </Collapse>
      )}
      {worker && selected.length > 0 && (
        <BulkActions selected={selected} known={known} onClear={() => setSelected([])} onDone={(succeeded) => select(succeeded, false)} />
      )}
      {list.error && <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />}
      {list.isPending ? (
        <LoadingState />
      ) : list.data && list.data.items.length === 0 ? (
        <Card withBorder>
          <Text c="dimmed" ta="center" data-testid="ticket-empty">
            {filterCount > 0 || search.q ? t('workspace.noMatch') : t('workspace.empty')}
          </Text>
        </Card>
      ) : (
        list.data && (
          <>
            {worker && (
              <Checkbox
                hiddenFrom="sm"
                label={t('bulk.selectPage')}
                checked={list.data.items.every((ticket) => selected.includes(ticket.id))}
                onChange={(e) =>
                  select(
                    list.data.items.map((ticket) => ticket.id),
                    e.currentTarget.checked,
                  )
                }
                data-testid="ticket-select-page"
              />
            )}
            <TicketList
              items={list.data.items}
              columns={filtering ? columns : undefined}
              selected={worker ? new Set(selected) : undefined}
              onSelect={worker ? select : undefined}
            />
          </>
        )
      )}
      {list.data && list.data.total > 0 && (
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed" data-testid="ticket-range">
            {t(list.data.totalCapped ? 'common:table.rangeMore' : 'common:table.range', {
              from: (page - 1) * PAGE_SIZE + 1,
              to: (page - 1) * PAGE_SIZE + list.data.items.length,
              // A search is not counted: "more than" the tickets up to this page; a list is counted up to the cap.
              total: list.data.totalCapped && search.q ? (page - 1) * PAGE_SIZE + list.data.items.length : list.data.total,
            })}
          </Text>
          {list.data.total > PAGE_SIZE && (
            <Pagination
              total={Math.ceil(list.data.total / PAGE_SIZE)}
              value={page}
              onChange={(p) => go({ page: p })}
              size="sm"
              siblings={1}
              boundaries={1}
            />
          )}
        </Group>
      )}
    </Stack>
  );
}
