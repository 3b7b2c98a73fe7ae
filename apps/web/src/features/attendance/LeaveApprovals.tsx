import { Badge, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { type Leave, useLeave, useLeaveChanges } from './attendance.queries.ts';
import { LEAVE_COLORS } from './MyAttendance.tsx';

/** Leave requests waiting for the Division Admin or Approver, and those already decided. */
export function LeaveApprovals() {
  const { t } = useTranslation('attendance');
  const [state, setState] = useState<'pending' | 'approved' | 'rejected'>('pending');
  const [page, setPage] = useState(1);
  const list = useLeave({ state, page });
  const { decide } = useLeaveChanges();
  return (
    <Stack>
      <SegmentedControl
        value={state}
        onChange={(v) => {
          setState(v as typeof state);
          setPage(1);
        }}
        data={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(`leave.states.${s}`) }))}
        w={{ base: '100%', xs: 'auto' }}
      />
      <ProblemAlert error={decide.error} />
      <DataTable<Leave>
        testId="leave-queue"
        rows={list.data?.items}
        rowKey={(l) => l.id}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        emptyText={t('leave.queueEmpty')}
        pagination={list.data ? { page, pageSize: 20, total: list.data.total, onChange: setPage } : undefined}
        columns={[
          { key: 'person', header: t('leave.person'), render: (l) => `${l.person.name} · ${l.unit.name}` },
          { key: 'kind', header: t('leave.kind'), render: (l) => t(`kind.${l.kind}`) },
          { key: 'days', header: t('leave.days'), render: (l) => (l.firstDay === l.lastDay ? l.firstDay : `${l.firstDay} – ${l.lastDay}`) },
          { key: 'reason', header: t('leave.reason'), render: (l) => <Text size="sm">{l.reason}</Text> },
          {
            key: 'state',
            header: t('leave.state'),
            render: (l) => <Badge color={LEAVE_COLORS[l.state]}>{t(`leave.states.${l.state}`)}</Badge>,
          },
        ]}
        actions={(l) =>
          l.allowedActions.includes('approve') && (
            <Group gap="xs" wrap="nowrap">
              <Button
                size="xs"
                loading={decide.isPending}
                onClick={() => decide.mutate({ id: l.id, body: { decision: 'approve', version: l.version } })}
                data-testid={`leave-approve-${l.id}`}
              >
                {t('leave.approve')}
              </Button>
              <Button
                size="xs"
                variant="default"
                loading={decide.isPending}
                onClick={() => decide.mutate({ id: l.id, body: { decision: 'reject', version: l.version } })}
              >
                {t('leave.reject')}
              </Button>
            </Group>
          )
        }
      />
    </Stack>
  );
}
