import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { recentMonths } from '../reports/report-parts.tsx';
import { AttendanceCard } from './AttendanceCard.tsx';
import { type AttendanceRecord, type Leave, useLeave, useLeaveChanges, useMyMonth, useToday } from './attendance.queries.ts';
import { useLongDay, useTimeOfDay } from './attendance-format.ts';

const KINDS = ['cuti', 'sakit', 'dinas_luar', 'izin'] as const;
export const LEAVE_COLORS: Record<Leave['state'], string> = { pending: 'yellow', approved: 'teal', rejected: 'red', cancelled: 'gray' };

/** Ask for leave: kind, days and a reason, decided by the Division Admin or Approver. */
function LeaveForm({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('attendance');
  const { ask } = useLeaveChanges();
  const [kind, setKind] = useState<(typeof KINDS)[number]>('cuti');
  const [days, setDays] = useState<[string | null, string | null]>([null, null]);
  const [reason, setReason] = useState('');
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('leave.ask')}
      onSubmit={(e) => {
        e?.preventDefault();
        ask.mutate(
          { kind, firstDay: days[0] ?? '', lastDay: days[1] ?? days[0] ?? '', reason },
          {
            onSuccess: () => {
              setReason('');
              setDays([null, null]);
              onClose();
            },
          },
        );
      }}
      submitting={ask.isPending}
      error={ask.error}
      fields={['kind', 'firstDay', 'lastDay', 'reason']}
      submitLabel={t('leave.submit')}
    >
      <Select
        label={t('leave.kind')}
        data={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        value={kind}
        onChange={(v) => v && setKind(v as typeof kind)}
        allowDeselect={false}
        data-testid="leave-kind"
      />
      <DatePickerInput
        type="range"
        label={t('leave.days')}
        value={days}
        onChange={(v) => setDays(v as [string | null, string | null])}
        allowSingleDateInRange
        required
        data-testid="leave-days"
      />
      <Textarea
        label={t('leave.reason')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        required
        maxLength={1000}
        data-testid="leave-reason"
      />
    </FormModal>
  );
}

/** The signed-in person's attendance: today, this month's records and their leave requests. */
export function MyAttendance() {
  const { t } = useTranslation('attendance');
  const today = useToday();
  const [month, setMonth] = useState<string | undefined>(undefined);
  const records = useMyMonth(month);
  const time = useTimeOfDay(today.data?.timeZone);
  const longDay = useLongDay();
  const [page, setPage] = useState(1);
  const leave = useLeave({ mine: 'true', page });
  const { cancel } = useLeaveChanges();
  const [asking, setAsking] = useState(false);
  const months = recentMonths(6);
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            {t('card.title')}
          </Title>
          <AttendanceCard />
        </Card>
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h5">
              {t('leave.mine')}
            </Title>
            <Button size="xs" onClick={() => setAsking(true)} data-testid="leave-ask">
              {t('leave.ask')}
            </Button>
          </Group>
          <DataTable<Leave>
            rows={leave.data?.items}
            rowKey={(l) => l.id}
            loading={leave.isPending}
            error={leave.error ?? cancel.error}
            onRetry={() => void leave.refetch()}
            emptyText={t('leave.none')}
            pagination={leave.data ? { page, pageSize: 20, total: leave.data.total, onChange: setPage } : undefined}
            columns={[
              { key: 'kind', header: t('leave.kind'), render: (l) => t(`kind.${l.kind}`) },
              {
                key: 'days',
                header: t('leave.days'),
                render: (l) => (l.firstDay === l.lastDay ? l.firstDay : `${l.firstDay} – ${l.lastDay}`),
              },
              {
                key: 'state',
                header: t('leave.state'),
                render: (l) => <Badge color={LEAVE_COLORS[l.state]}>{t(`leave.states.${l.state}`)}</Badge>,
              },
            ]}
            actions={(l) =>
              l.allowedActions.includes('cancel') && (
                <Button size="xs" variant="subtle" color="red" onClick={() => cancel.mutate({ id: l.id, version: l.version })}>
                  {t('leave.cancel')}
                </Button>
              )
            }
          />
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h5">
            {t('mine.title')}
          </Title>
          <Select
            data={months}
            value={records.data?.month ?? months[0] ?? null}
            onChange={(v) => v && setMonth(v)}
            allowDeselect={false}
            w={130}
            aria-label={t('mine.month')}
          />
        </Group>
        <DataTable<AttendanceRecord>
          rows={records.data?.items}
          rowKey={(r) => r.id}
          loading={records.isPending}
          error={records.error}
          onRetry={() => void records.refetch()}
          emptyText={t('mine.none')}
          columns={[
            { key: 'day', header: t('mine.day'), render: (r) => longDay(r.day) },
            { key: 'in', header: t('mine.in'), render: (r) => time(r.checkInAt) },
            { key: 'out', header: t('mine.out'), render: (r) => time(r.checkOutAt) },
            {
              key: 'notes',
              header: t('mine.notes'),
              render: (r) => (
                <Group gap={4}>
                  {r.lateMinutes > 0 && (
                    <Badge color="orange" variant="light">
                      {t('card.late', { count: r.lateMinutes })}
                    </Badge>
                  )}
                  {r.earlyMinutes > 0 && (
                    <Badge color="orange" variant="light">
                      {t('card.early', { count: r.earlyMinutes })}
                    </Badge>
                  )}
                  {r.corrected && (
                    <Badge color="gray" variant="light">
                      {t('mine.corrected')}
                    </Badge>
                  )}
                  {r.checkInNote && (
                    <Text size="xs" c="dimmed">
                      {r.checkInNote}
                    </Text>
                  )}
                </Group>
              ),
            },
          ]}
        />
      </Card>
      <LeaveForm opened={asking} onClose={() => setAsking(false)} />
    </Stack>
  );
}
