import { Badge, Button, Group, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconLogin2, IconLogout2, IconMapPin } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useCheck, useToday } from './attendance.queries.ts';
import { clockOf, useLongDay, useTimeOfDay } from './attendance-format.ts';

/**
 * Today's attendance with the check-in and check-out buttons (landing page,
 * profile, attendance page): the schedule's hours, an optional location note,
 * lateness and early leave as the server measured them.
 */
export function AttendanceCard() {
  const { t } = useTranslation('attendance');
  const today = useToday();
  const { checkIn, checkOut } = useCheck();
  const [note, setNote] = useState('');
  const time = useTimeOfDay(today.data?.timeZone);
  const longDay = useLongDay();
  if (today.isPending) return <Skeleton h={110} />;
  if (today.error) return <ProblemAlert error={today.error} onRetry={() => void today.refetch()} />;
  const { day, schedule, record, leave } = today.data;
  const working = schedule.start !== null;
  const busy = checkIn.isPending || checkOut.isPending;
  return (
    <Stack gap="xs" data-testid="attendance-card">
      <Text size="sm" c="dimmed">
        {longDay(day)} ·{' '}
        {working
          ? t('card.hours', { start: clockOf(schedule.start), end: clockOf(schedule.end) })
          : schedule.holiday
            ? t('card.holiday', { name: schedule.holiday })
            : t('card.dayOff')}
      </Text>
      {leave && (
        <Badge color="grape" variant="light" data-testid="attendance-leave">
          {t('card.onLeave', { kind: t(`kind.${leave.kind}`) })}
        </Badge>
      )}
      {record?.checkInAt ? (
        <Group gap="xs">
          <Badge color={record.lateMinutes ? 'orange' : 'teal'} variant="light" data-testid="attendance-in">
            {t('card.in', { time: time(record.checkInAt) })}
          </Badge>
          {record.lateMinutes > 0 && (
            <Text size="sm" c="orange.8">
              {t('card.late', { count: record.lateMinutes })}
            </Text>
          )}
          {record.checkOutAt && (
            <Badge color={record.earlyMinutes ? 'orange' : 'gray'} variant="light" data-testid="attendance-out">
              {t('card.out', { time: time(record.checkOutAt) })}
            </Badge>
          )}
          {record.earlyMinutes > 0 && (
            <Text size="sm" c="orange.8">
              {t('card.early', { count: record.earlyMinutes })}
            </Text>
          )}
        </Group>
      ) : (
        <Text size="sm">{t('card.notYet')}</Text>
      )}
      {!record?.checkOutAt && (
        <Group gap="xs" align="flex-end" wrap="wrap">
          <TextInput
            aria-label={t('card.note')}
            placeholder={t('card.note')}
            leftSection={<IconMapPin size={16} />}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={300}
            style={{ flex: '1 1 160px' }}
            data-testid="attendance-note"
          />
          {record?.checkInAt ? (
            <Button
              variant="light"
              leftSection={<IconLogout2 size={16} />}
              loading={busy}
              onClick={() => checkOut.mutate(note, { onSuccess: () => setNote('') })}
              data-testid="attendance-check-out"
            >
              {t('card.checkOut')}
            </Button>
          ) : (
            <Button
              leftSection={<IconLogin2 size={16} />}
              loading={busy}
              onClick={() => checkIn.mutate(note, { onSuccess: () => setNote('') })}
              data-testid="attendance-check-in"
            >
              {t('card.checkIn')}
            </Button>
          )}
        </Group>
      )}
      <ProblemAlert error={checkIn.error ?? checkOut.error} />
    </Stack>
  );
}
