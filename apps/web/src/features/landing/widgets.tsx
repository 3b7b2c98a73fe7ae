import { Anchor, Badge, EmptyState, Group, Loader, Skeleton, Stack, Text } from '@mantine/core';
import { IconChecklist, IconTicket } from '@tabler/icons-react';
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
const SHOWN = 5;
const OPEN = 'new,assigned,in_progress,pending,resolved';

export interface LandingWidget {
  /** Also the key of its title, `landing:widgets.<name>.title`. */
  name: 'executive' | 'attendance' | 'open-tickets' | 'pending-approvals' | 'changes';
  visible: (me: Me) => boolean;
  /** Spans the whole row (the Executive's figures). */
  wide?: boolean;
  /** Beside the title: the live count of what the card lists (`widget-<name>-count`). */
  badge?: ComponentType<{ me: Me }>;
  component: ComponentType<{ me: Me }>;
}

function Count({ name, total }: { name: string; total: number | undefined }) {
  return total === undefined ? <Loader size="xs" /> : <Badge data-testid={`widget-${name}-count`}>{total}</Badge>;
}

/** The tickets I reported that are still open; the five most recent. */
const useMyOpenTickets = () =>
  useQuery({
    queryKey: ['tickets', 'landing', 'my_requests'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/tickets', { params: { query: { queue: 'my_requests', status: OPEN, sort: '-updated', pageSize: SHOWN } } })),
    ...LIVE,
  });

/** Service requests waiting for my approval (whoever a chain names may approve), soonest deadline first. */
const usePendingApprovals = () =>
  useQuery({
    queryKey: ['approvals', 'landing'],
    queryFn: () => unwrap(api.GET('/api/v1/approvals', { params: { query: { state: 'pending', page: 1, pageSize: SHOWN } } })),
    ...LIVE,
  });

const OpenTicketsCount = () => <Count name="open-tickets" total={useMyOpenTickets().data?.total} />;

/** My open tickets with their status, each title on the card's whole width; the service desk also sees how many are assigned to them. */
function OpenTickets({ me }: { me: Me }) {
  const { t } = useTranslation('landing');
  const worker = has(me, 'ticket:work');
  const list = useMyOpenTickets();
  const assigned = useQuery({
    queryKey: ['tickets', 'landing', 'mine'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets', { params: { query: { queue: 'mine', pageSize: 1 } } })),
    enabled: worker,
    ...LIVE,
  });
  if (list.isPending) return <Skeleton h={90} />;
  if (list.error) return <ProblemAlert error={list.error} onRetry={() => void list.refetch()} />;
  const { items, total } = list.data;
  return (
    <Stack gap={6}>
      {total === 0 ? (
        <EmptyState size="sm" icon={<IconTicket size={22} />} withIndicatorBackground description={t('widgets.open-tickets.none')} />
      ) : (
        <>
          {items.map((ticket) => (
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
          <Anchor size="sm" renderRoot={(props) => <Link {...props} to="/service-desk" search={{ queue: 'my_requests' }} />}>
            {t('widgets.open-tickets.all')}
          </Anchor>
        </>
      )}
      {worker && assigned.data && (
        <Anchor
          size="sm"
          data-testid="widget-assigned"
          renderRoot={(props) => <Link {...props} to="/service-desk" search={{ queue: 'mine' }} />}
        >
          {t('widgets.open-tickets.assigned', { count: assigned.data.total })}
        </Anchor>
      )}
    </Stack>
  );
}

const ApprovalsCount = () => <Count name="pending-approvals" total={usePendingApprovals().data?.total} />;

/** What waits for my decision: service requests to approve (listed; decided ones leave) and, for leave approvers, leave to decide. */
function Approvals({ me }: { me: Me }) {
  const { t } = useTranslation('landing');
  const decidesLeave = has(me, 'leave:approve');
  const requests = usePendingApprovals();
  const leave = useQuery({
    queryKey: ['attendance', 'leave', 'landing'],
    queryFn: () => unwrap(api.GET('/api/v1/leave-requests', { params: { query: { state: 'pending', page: 1, pageSize: 3 } } })),
    enabled: decidesLeave,
    ...LIVE,
  });
  const waiting = (leave.data?.items ?? []).filter((l) => l.allowedActions.includes('approve'));
  const error = requests.error ?? leave.error;
  if (error) return <ProblemAlert error={error} />;
  const pending = requests.data;
  if (!pending || leave.isLoading) return <Skeleton h={90} />;
  const none = pending.total === 0 && waiting.length === 0;
  return (
    <Stack gap={6}>
      {none && (
        <EmptyState
          size="sm"
          icon={<IconChecklist size={22} />}
          withIndicatorBackground
          description={t(decidesLeave ? 'widgets.pending-approvals.nothing' : 'widgets.pending-approvals.empty')}
        />
      )}
      {pending.items.map((approval) => (
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
      {pending.total > 0 && (
        <Anchor component={Link} to="/catalog/approvals" size="sm" data-testid="widget-approvals-requests">
          {t('widgets.pending-approvals.requests', { count: pending.total })}
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
  {
    name: 'open-tickets',
    visible: (me) => has(me, 'ticket:create') || has(me, 'ticket:work'),
    badge: OpenTicketsCount,
    component: OpenTickets,
  },
  // Anyone an approval chain names decides (GET /approvals is for every signed-in user), so everyone sees the card.
  { name: 'pending-approvals', visible: () => true, badge: ApprovalsCount, component: Approvals },
  { name: 'changes', visible: (me) => CHANGE_QUEUES.some((q) => has(me, q.permission)), component: ChangesWaiting },
];
