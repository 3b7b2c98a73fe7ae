import { Anchor, Badge, Card, EmptyState, Group, Loader, Stack, Text } from '@mantine/core';
import { IconChecklist, IconTicket } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api-client.ts';
import { useMe } from '../session/session.queries.ts';

const SHOWN = 5;
const OPEN = 'new,assigned,in_progress,pending,resolved';

/** A summary card: title with the live count, up to five rows, a link to the full list, or a plain empty state. */
function Widget(props: {
  name: string;
  title: string;
  total: number | undefined;
  empty: string;
  icon: ReactNode;
  /** The link to the whole list. */
  more: ReactNode;
  /** Shown under the card's rows or its empty state. */
  extra?: ReactNode;
  children: ReactNode;
}) {
  const { name, title, total, empty, icon, more, extra, children } = props;
  return (
    <Card withBorder padding="lg" data-testid={`widget-${name}`}>
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Text fw={600}>{title}</Text>
        {total === undefined ? <Loader size="xs" /> : <Badge data-testid={`widget-${name}-count`}>{total}</Badge>}
      </Group>
      {total === 0 ? (
        <EmptyState size="sm" icon={icon} withIndicatorBackground description={empty} />
      ) : (
        <Stack gap={6}>
          {children}
          {total !== undefined && total > 0 && more}
        </Stack>
      )}
      {extra}
    </Card>
  );
}

/** The tickets I reported that are still open (for agents, also how many are assigned to me). */
export function MyTicketsWidget() {
  const { t } = useTranslation('landing');
  const me = useMe();
  const worker = me.permissions.includes('ticket:work');
  const mine = useQuery({
    queryKey: ['tickets', 'landing', 'my_requests'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets', { params: { query: { queue: 'my_requests', status: OPEN, pageSize: SHOWN } } })),
  });
  const assigned = useQuery({
    queryKey: ['tickets', 'landing', 'mine'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets', { params: { query: { queue: 'mine', pageSize: 1 } } })),
    enabled: worker,
  });
  return (
    <Widget
      name="open-tickets"
      title={t('widgets.open-tickets.title')}
      total={mine.data?.total}
      empty={t('widgets.open-tickets.none')}
      icon={<IconTicket size={22} />}
      extra={
        worker &&
        assigned.data && (
          <Anchor
            size="sm"
            data-testid="widget-assigned"
            renderRoot={(props) => <Link {...props} to="/service-desk" search={{ queue: 'mine' }} />}
          >
            {t('widgets.open-tickets.assigned', { count: assigned.data.total })}
          </Anchor>
        )
      }
      more={
        <Anchor size="sm" renderRoot={(props) => <Link {...props} to="/service-desk" search={{ queue: 'my_requests' }} />}>
          {t('widgets.open-tickets.all')}
        </Anchor>
      }
    >
      {mine.data?.items.map((ticket) => (
        <div key={ticket.id} data-testid="widget-open-tickets-row">
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <Anchor
              size="sm"
              ff="monospace"
              renderRoot={(props) => <Link {...props} to="/tickets/$number" params={{ number: ticket.number }} />}
            >
              {ticket.number}
            </Anchor>
            <Badge variant="light" size="sm" miw="max-content">
              {ticket.statusLabel}
            </Badge>
          </Group>
          {/* The title gets the card's whole width under the number. */}
          <Text size="sm" lineClamp={1} title={ticket.title}>
            {ticket.title}
          </Text>
        </div>
      ))}
    </Widget>
  );
}

/** Approvals waiting for my decision, soonest deadline first. */
export function ApprovalsWidget() {
  const { t } = useTranslation('landing');
  const pending = useQuery({
    queryKey: ['approvals', 'landing'],
    queryFn: () => unwrap(api.GET('/api/v1/approvals', { params: { query: { state: 'pending', pageSize: SHOWN } } })),
  });
  return (
    <Widget
      name="pending-approvals"
      title={t('widgets.pending-approvals.title')}
      total={pending.data?.total}
      empty={t('widgets.pending-approvals.empty')}
      icon={<IconChecklist size={22} />}
      more={
        <Anchor size="sm" renderRoot={(props) => <Link {...props} to="/catalog/approvals" />}>
          {t('widgets.pending-approvals.all')}
        </Anchor>
      }
    >
      {pending.data?.items.map((approval) => (
        <div key={approval.id} data-testid="widget-pending-approvals-row">
          <Anchor
            size="sm"
            ff="monospace"
            renderRoot={(props) => <Link {...props} to="/catalog/requests/$number" params={{ number: approval.request.number }} />}
          >
            {approval.request.number}
          </Anchor>
          <Text size="sm" lineClamp={1}>
            {approval.request.item.name} · {approval.request.requester.name}
          </Text>
        </div>
      ))}
    </Widget>
  );
}
