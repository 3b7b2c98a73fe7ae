import { Anchor, Badge, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { api, unwrap } from '../../lib/api-client.ts';
import { AttendanceCard } from '../attendance/AttendanceCard.tsx';
import { DashboardFigures } from '../reports/DashboardFigures.tsx';
import type { Me } from '../session/session.queries.ts';

const has = (me: Me, permission: string) => me.permissions.includes(permission as Me['permissions'][number]);
/** Landing widgets refresh every minute and when the tab comes back into view. */
const LIVE = { refetchInterval: 60_000, refetchOnWindowFocus: true } as const;
const OPEN = ['new', 'assigned', 'in_progress', 'pending', 'resolved'] as const;

export interface LandingWidget {
  /** Also the key of its title, `landing:widgets.<name>.title`. */
  name: 'executive' | 'attendance' | 'open-tickets' | 'pending-approvals' | 'changes';
  visible: (me: Me) => boolean;
  /** Spans the whole row (the Executive's figures). */
  wide?: boolean;
  component: ComponentType<{ me: Me }>;
}

/** My open tickets: assigned to me for the service desk, else those I filed; the five most recent. */
function OpenTickets({ me }: { me: Me }) {
  const { t } = useTranslation(['landing', 'tickets']);
  const worker = has(me, 'ticket:work');
  const query = worker
    ? ({ queue: 'mine', sort: 'priority', pageSize: 5 } as const)
    : ({ queue: 'my_requests', status: OPEN.join(','), sort: '-updated', pageSize: 5 } as const);
  const list = useQuery({
    queryKey: ['tickets', 'landing', query],
    queryFn: () => unwrap(api.GET('/api/v1/tickets', { params: { query } })),
    ...LIVE,
  });
  if (list.isPending) return <Skeleton h={90} />;
  if (list.error) return <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />;
  const { items, total } = list.data;
  return (
    <Stack gap={6}>
      <Text size="sm" c="dimmed" data-testid="widget-open-tickets-count">
        {t('widgets.open-tickets.count', { count: total })}
      </Text>
      {items.map((ticket) => (
        <Group key={ticket.id} gap="xs" wrap="nowrap">
          <Badge size="sm" variant="light" style={{ flex: 'none' }}>
            {ticket.priority}
          </Badge>
          <Anchor renderRoot={(props) => <Link {...props} to="/tickets/$number" params={{ number: ticket.number }} />} size="sm" truncate>
            {ticket.number} · {ticket.title}
          </Anchor>
        </Group>
      ))}
      {total > items.length && (
        <Anchor component={Link} to="/service-desk" search={{ queue: worker ? 'mine' : 'my_requests' } as never} size="sm">
          {t('widgets.all')}
        </Anchor>
      )}
    </Stack>
  );
}

/** What waits for my decision: service requests to approve and leave to decide. */
function Approvals({ me }: { me: Me }) {
  const { t } = useTranslation('landing');
  const requests = useQuery({
    queryKey: ['approvals', 'landing'],
    queryFn: () => unwrap(api.GET('/api/v1/approvals', { params: { query: { state: 'pending', page: 1, pageSize: 3 } } })),
    enabled: has(me, 'request:approve'),
    ...LIVE,
  });
  const leave = useQuery({
    queryKey: ['attendance', 'leave', 'landing'],
    queryFn: () => unwrap(api.GET('/api/v1/leave-requests', { params: { query: { state: 'pending', page: 1, pageSize: 3 } } })),
    enabled: has(me, 'leave:approve'),
    ...LIVE,
  });
  const waiting = (leave.data?.items ?? []).filter((l) => l.allowedActions.includes('approve'));
  if (requests.isLoading || leave.isLoading) return <Skeleton h={90} />;
  const error = requests.error ?? leave.error;
  if (error) return <ProblemAlert error={error} />;
  const none = (requests.data?.total ?? 0) === 0 && waiting.length === 0;
  return (
    <Stack gap={6}>
      {none && (
        <Text size="sm" c="dimmed">
          {t('widgets.pending-approvals.empty')}
        </Text>
      )}
      {requests.data && requests.data.total > 0 && (
        <Anchor component={Link} to="/catalog/approvals" size="sm" data-testid="widget-approvals-requests">
          {t('widgets.pending-approvals.requests', { count: requests.data.total })}
        </Anchor>
      )}
      {waiting.length > 0 && (
        <Anchor component={Link} to="/attendance" search={{ tab: 'approvals' } as never} size="sm" data-testid="widget-approvals-leave">
          {t('widgets.pending-approvals.leave', { count: leave.data?.total ?? waiting.length })}
        </Anchor>
      )}
    </Stack>
  );
}

/** The change queues that wait on someone holding the permission (the server decides what each holds). */
const CHANGE_QUEUES = [
  { queue: 'review', permission: 'change:manage', to: '/changes/review' },
  { queue: 'votes', permission: 'change:vote', to: '/changes/votes' },
  { queue: 'implementation', permission: 'change:implement', to: '/changes/implementation' },
] as const;

/** Changes waiting for me: to review, decide or schedule, to vote on in the CAB, to implement. */
function ChangesWaiting({ me }: { me: Me }) {
  const { t } = useTranslation('landing');
  const mine = CHANGE_QUEUES.filter((q) => has(me, q.permission));
  const counts = useQueries({
    queries: mine.map(({ queue }) => ({
      queryKey: ['changes', 'landing', queue],
      queryFn: () => unwrap(api.GET('/api/v1/changes', { params: { query: { queue, page: 1, pageSize: 1 } } })),
      ...LIVE,
    })),
  });
  if (counts.some((c) => c.isPending)) return <Skeleton h={60} />;
  const failed = counts.find((c) => c.error);
  if (failed?.error) return <ProblemAlert error={failed.error} onRetry={() => void failed.refetch()} />;
  const waiting = mine.map((q, i) => ({ ...q, total: counts[i]?.data?.total ?? 0 })).filter((q) => q.total > 0);
  return (
    <Stack gap={6}>
      {waiting.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('widgets.changes.empty')}
        </Text>
      )}
      {waiting.map(({ queue, to, total }) => (
        <Anchor key={queue} component={Link} to={to} size="sm" data-testid={`widget-changes-${queue}`} data-count={total}>
          {t(`widgets.changes.${queue}`, { count: total })}
        </Anchor>
      ))}
    </Stack>
  );
}

function Attendance() {
  return <AttendanceCard />;
}

function Executive() {
  const { t } = useTranslation('landing');
  return (
    <Stack gap="xs">
      <DashboardFigures compact />
      <Anchor component={Link} to="/reports" size="sm">
        {t('widgets.executive.open')}
      </Anchor>
    </Stack>
  );
}

/**
 * The landing page's widgets in order, each shown to whom it concerns.
 * Another module adds its own here.
 */
export const LANDING_WIDGETS: LandingWidget[] = [
  { name: 'executive', visible: (me) => has(me, 'report:read'), wide: true, component: Executive },
  { name: 'attendance', visible: (me) => has(me, 'attendance:record'), component: Attendance },
  { name: 'open-tickets', visible: (me) => has(me, 'ticket:create') || has(me, 'ticket:work'), component: OpenTickets },
  { name: 'pending-approvals', visible: (me) => has(me, 'request:approve') || has(me, 'leave:approve'), component: Approvals },
  { name: 'changes', visible: (me) => CHANGE_QUEUES.some((q) => has(me, q.permission)), component: ChangesWaiting },
];
