import { Anchor, Box, Card, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../session/use-format.ts';
import { PriorityStars, SlaBadge, StatusBadge } from './TicketBadges.tsx';
import type { TicketSummary } from './tickets.queries.ts';

interface TicketListProps {
  items: TicketSummary[];
  /** Ticket ids ticked for a bulk action; no checkboxes when undefined (requesters). */
  selected?: ReadonlySet<number>;
  onSelect?: (ids: number[], selected: boolean) => void;
}

function TicketLink({ ticket }: { ticket: TicketSummary }) {
  return (
    <Anchor
      fw={600}
      style={{ whiteSpace: 'nowrap' }}
      renderRoot={(props) => <Link {...props} to="/tickets/$number" params={{ number: ticket.number }} />}
    >
      {ticket.number}
    </Anchor>
  );
}

/** The queue: a table on wide screens, one card per ticket on phones (nothing scrolls sideways). */
export function TicketList({ items, selected, onSelect }: TicketListProps) {
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

  const all = items.length > 0 && items.every((ticket) => selected?.has(ticket.id));
  const some = items.some((ticket) => selected?.has(ticket.id));
  return (
    <Table.ScrollContainer minWidth={760}>
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
            <Table.Th>{t('field.title')}</Table.Th>
            <Table.Th>{t('field.status')}</Table.Th>
            <Table.Th>{t('field.priority')}</Table.Th>
            <Table.Th>{t('field.sla')}</Table.Th>
            <Table.Th>{t('field.assignee')}</Table.Th>
            <Table.Th>{t('field.updated')}</Table.Th>
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
                <Text size="sm" lineClamp={2}>
                  {ticket.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {ticket.unit?.name} · {ticket.requester?.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Box w="max-content">
                  <StatusBadge label={ticket.statusLabel} locked={ticket.locked} />
                </Box>
              </Table.Td>
              <Table.Td>
                <PriorityStars priority={ticket.priority} stars={ticket.stars} />
              </Table.Td>
              <Table.Td>
                <Box w="max-content">
                  <SlaBadge sla={ticket.sla} />
                </Box>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{who(ticket)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">{dateTime(ticket.updatedAt)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
