import { Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { DatePickerInput, TimeInput } from '@mantine/dates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useMe, useTimeZone } from '../session/session.queries.ts';
import { type DayRow, useAttendanceDay, useCorrection } from './attendance.queries.ts';
import { useTimeOfDay } from './attendance-format.ts';
import { UnitSelect } from './UnitSelect.tsx';

const STATE_COLORS: Record<DayRow['state'], string> = { present: 'teal', left: 'blue', leave: 'grape', absent: 'red', day_off: 'gray' };

/** `HH:MM` on `day` in `timeZone` as an ISO instant (Indonesian zones keep one offset all year). */
function instantOf(day: string, hhmm: string, timeZone: string): string | null {
  if (!/^\d{2}:\d{2}$/.test(hhmm)) return null;
  const guess = Date.parse(`${day}T${hhmm}:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(guess));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const seen = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return new Date(guess - (seen - guess)).toISOString();
}

/** A Division Admin corrects one person's day, with a reason kept in the audit log. */
function CorrectionModal({ row, date, onClose }: { row: DayRow | null; date: string; onClose: () => void }) {
  const { t } = useTranslation('attendance');
  const timeZone = useTimeZone();
  const correct = useCorrection();
  const time = (iso: string | null | undefined) =>
    iso ? new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone, hourCycle: 'h23' }).format(new Date(iso)) : '';
  const [checkIn, setCheckIn] = useState(time(row?.record?.checkInAt));
  const [checkOut, setCheckOut] = useState(time(row?.record?.checkOutAt));
  const [reason, setReason] = useState('');
  if (!row) return null;
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('day.correctTitle', { name: row.person.name, date })}
      onSubmit={(e) => {
        e?.preventDefault();
        correct.mutate(
          {
            userId: row.person.id,
            day: date,
            checkInAt: instantOf(date, checkIn, timeZone),
            checkOutAt: instantOf(date, checkOut, timeZone),
            reason,
            ...(row.record ? { version: row.record.version } : {}),
          },
          { onSuccess: onClose },
        );
      }}
      submitting={correct.isPending}
      error={correct.error}
      fields={['checkInAt', 'checkOutAt', 'reason']}
    >
      <Group grow>
        <TimeInput label={t('mine.in')} value={checkIn} onChange={(e) => setCheckIn(e.currentTarget.value)} />
        <TimeInput label={t('mine.out')} value={checkOut} onChange={(e) => setCheckOut(e.currentTarget.value)} />
      </Group>
      <Textarea label={t('day.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required maxLength={500} />
    </FormModal>
  );
}

/** Who was present on a day in the reader's scope; the Division Admin corrects a day from here. */
export function AttendanceDay() {
  const { t } = useTranslation('attendance');
  const me = useMe();
  const [date, setDate] = useState<string | null>(null);
  const [unit, setUnit] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const day = useAttendanceDay({ ...(date ? { date } : {}), ...(unit ? { unit: Number(unit) } : {}), page });
  const time = useTimeOfDay(undefined);
  const [editing, setEditing] = useState<DayRow | null>(null);
  const manages = me.permissions.includes('attendance:manage');
  return (
    <Stack>
      <Group align="flex-end">
        <DatePickerInput
          label={t('day.date')}
          value={date ?? day.data?.date ?? null}
          onChange={(v) => setDate(v)}
          w={{ base: '100%', xs: 200 }}
          data-testid="attendance-date"
        />
        <UnitSelect value={unit} onChange={setUnit} />
      </Group>
      <DataTable<DayRow>
        testId="attendance-day"
        rows={day.data?.items}
        rowKey={(r) => r.person.id}
        loading={day.isPending}
        error={day.error}
        onRetry={() => void day.refetch()}
        emptyText={t('day.none')}
        pagination={day.data ? { page, pageSize: 25, total: day.data.total, onChange: setPage } : undefined}
        columns={[
          { key: 'person', header: t('leave.person'), render: (r) => r.person.name },
          { key: 'unit', header: t('day.unit'), render: (r) => r.unit.name },
          {
            key: 'state',
            header: t('day.state'),
            render: (r) => (
              <Group gap={4}>
                <Badge color={STATE_COLORS[r.state]} variant="light">
                  {r.state === 'leave' && r.leaveKind ? t(`kind.${r.leaveKind}`) : t(`state.${r.state}`)}
                </Badge>
                {r.record?.lateMinutes ? (
                  <Badge color="orange" variant="light">
                    {t('card.late', { count: r.record.lateMinutes })}
                  </Badge>
                ) : null}
                {r.record?.corrected && (
                  <Badge color="gray" variant="light">
                    {t('mine.corrected')}
                  </Badge>
                )}
              </Group>
            ),
          },
          { key: 'in', header: t('mine.in'), render: (r) => time(r.record?.checkInAt) },
          { key: 'out', header: t('mine.out'), render: (r) => time(r.record?.checkOutAt) },
          { key: 'note', header: t('mine.notes'), render: (r) => <Text size="xs">{r.record?.checkInNote ?? ''}</Text> },
        ]}
        actions={
          manages
            ? (r) =>
                r.person.id !== me.user.id && (
                  <Button size="xs" variant="subtle" onClick={() => setEditing(r)}>
                    {t('day.correct')}
                  </Button>
                )
            : undefined
        }
      />
      {editing && <CorrectionModal key={editing.person.id} row={editing} date={day.data?.date ?? ''} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
