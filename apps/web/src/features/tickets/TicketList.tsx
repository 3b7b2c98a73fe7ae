import { Anchor, Box, Card, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../session/use-format.ts';
import { PriorityStars, SlaBadge, StatusBadge } from './TicketBadges.tsx';
import type { TicketSummary } from './tickets.queries.ts';

/** Columns a person may show beside the number and title (which always show). */
export const OPTIONAL_COLUMNS = [
  'status',
  'priority',
  'sla',
  'assignee',
  'team',
  'requester',
  'unit',
  'category',
  'service',
  'created',
  'updated',
] as const;
export type Column = (typeof OPTIONAL_COLUMNS)[number];
export const DEFAULT_COLUMNS: Column[] = ['status', 'priority', 'sla', 'assignee'];

interface TicketListProps {
  items: TicketSummary[];
  /** Columns shown on wide screens, in this order (phones show cards). */
  columns?: readonly Column[];
  /** Ticket ids ticked for a bulk action; no checkboxes when undefined (requesters). */
  selected?: ReadonlySet<number>;
  onSelect?: (ids: number[], selected: boolean) => void;
}

function TicketLink({ ticket }: { ticket: TicketSummary }) {
  return (
    <Anchor
      fw={600}
      size="sm"
      style={{ whiteSpace: 'nowrap' }}
      renderRoot={(props) => <Link {...props} to="/tickets/$number" params={{ number: ticket.number }} />}
    >
      {ticket.number}
    </Anchor>
  );
}

/** The queue: a table on wide screens, one card per ticket on phones (nothing scrolls sideways). */
export function TicketList({ items, selected, onSelect, columns = DEFAULT_COLUMNS }: TicketListProps) {
  const { t } = useTranslation('tickets');
  const { dateTime } = useFormat();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const selectable = selected !== undefined && onSelect !== undefined;
  const tick = (ticket: TicketSummary) =>
    selectable && (
      <Checkbox
        aria-label={t('bulk.select', { number: ticket.number })}
        checked={selected.has(ticket.id)}
        onChange={(e) => onSelect([ticket.id], e.currentTarget.checked)}
        data-testid="ticket-select"
      />
    );
  const who = (ticket: TicketSummary) => ticket.assignee?.name ?? ticket.team?.name ?? t('unassigned');

  if (phone) {
    return (
      <Stack gap="sm" data-testid="ticket-cards">
        {items.map((ticket) => (
          <Card key={ticket.id} withBorder padding="sm" data-testid="ticket-card">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Group gap="xs" wrap="nowrap">
                {tick(ticket)}
                <TicketLink ticket={ticket} />
              </Group>
              <PriorityStars priority={ticket.priority} stars={ticket.stars} />
            </Group>
            <Text size="sm" mt={4} lineClamp={2}>
              {ticket.title}
            </Text>
            <Text size="xs" c="dimmed">
              {ticket.unit?.name} · {ticket.requester?.name}
            </Text>
            <Group gap={6} mt="xs">
              <StatusBadge label={ticket.statusLabel} locked={ticket.locked} />
              <SlaBadge sla={ticket.sla} />
            </Group>
            <Group justify="space-between" mt="xs" gap="xs" wrap="nowrap">
              <Text size="xs" truncate>
                {who(ticket)}
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {dateTime(ticket.updatedAt)}
              </Text>
            </Group>
          </Card>
        ))}
      </Stack>
    );
  }

  const shown = OPTIONAL_COLUMNS.filter((c) => columns.includes(c));
  const cell = (ticket: TicketSummary, column: Column) => {
    switch (column) {
      case 'status':
        return (
          <Box w="max-content">
            <StatusBadge label={ticket.statusLabel} locked={ticket.locked} compact />
          </Box>
        );
      case 'priority':
        return <PriorityStars priority={ticket.priority} stars={ticket.stars} />;
      case 'sla':
        return (
          <Box w="max-content">
            <SlaBadge sla={ticket.sla} />
          </Box>
        );
      case 'assignee':
        return <Text size="sm">{who(ticket)}</Text>;
      case 'created':
      case 'updated':
        return <Text size="xs">{dateTime(column === 'created' ? ticket.createdAt : ticket.updatedAt)}</Text>;
      default: {
        const named = {
          team: ticket.team,
          requester: ticket.requester,
          unit: ticket.unit,
          category: ticket.category,
          service: ticket.service,
        }[column];
        return <Text size="sm">{named?.name ?? '—'}</Text>;
      }
    }
  };
  const all = items.length > 0 && items.every((ticket) => selected?.has(ticket.id));
  const some = items.some((ticket) => selected?.has(ticket.id));
  return (
    <Table.ScrollContainer minWidth={380 + shown.length * 100}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="ticket-table">
        <Table.Thead>
          <Table.Tr>
            {selectable && (
              <Table.Th w={40}>
                <Checkbox
                  aria-label={t('bulk.selectPage')}
                  checked={all}
                  indeterminate={some && !all}
                  onChange={(e) =>
                    onSelect(
                      items.map((ticket) => ticket.id),
                      e.currentTarget.checked,
                    )
                  }
                  data-testid="ticket-select-all"
                />
              </Table.Th>
            )}
            <Table.Th>{t('field.number')}</Table.Th>
            <Table.Th miw={280}>{t('field.title')}</Table.Th>
            {shown.map((column) => (
              <Table.Th key={column}>{t(`columns.${column}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((ticket) => (
            <Table.Tr key={ticket.id} bg={selected?.has(ticket.id) ? 'var(--mantine-primary-color-0)' : undefined}>
              {selectable && <Table.Td>{tick(ticket)}</Table.Td>}
              <Table.Td>
                <TicketLink ticket={ticket} />
              </Table.Td>
              <Table.Td>
                {/* The title takes the room the other columns leave, and wraps rather than being cut. */}
                <Text size="sm" data-testid="ticket-title-cell">
                  {ticket.title}
                </Text>
                {!shown.includes('unit') && !shown.includes('requester') && (
                  <Text size="xs" c="dimmed">
                    {ticket.unit?.name} · {ticket.requester?.name}
                  </Text>
                )}
              </Table.Td>
              {shown.map((column) => (
                <Table.Td key={column} style={column === 'created' || column === 'updated' ? { whiteSpace: 'nowrap' } : undefined}>
                  {cell(ticket, column)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
