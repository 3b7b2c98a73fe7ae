import { Badge, Button, Chip, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.tsx';
import { api, unwrap } from '../../lib/api-client.ts';
import { idOptions } from '../../lib/options.ts';
import { useMe, useTimeZone } from '../session/session.queries.ts';
import { useUnits } from '../tickets/tickets.queries.ts';
import { type Schedule, useScheduleChanges, useSchedules } from './attendance.queries.ts';
import { clockOf } from './attendance-format.ts';

/** Monday first, as people read a week; the API's days start on Sunday. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;
const indent = (depth: number | undefined) => '— '.repeat(depth ?? 0);
const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const hhmm = (minutes: number) => clockOf(minutes).replace('.', ':');

/** One schedule's form: unit, name, zone, holiday calendar, working days with one pair of hours, grace minutes. */
function ScheduleForm({ schedule, onClose }: { schedule: Schedule | null; onClose: () => void }) {
  const { t } = useTranslation('attendance');
  const units = useUnits();
  const zone = useTimeZone();
  const calendars = useQuery({ queryKey: ['calendars'], queryFn: () => unwrap(api.GET('/api/v1/calendars')) });
  const { create, update } = useScheduleChanges();
  const firstDay = schedule?.days.find((d) => d !== null) ?? [480, 1020];
  const [from = 480, to = 1020] = firstDay;
  const [unitId, setUnitId] = useState<string | null>(schedule ? String(schedule.unit.id) : null);
  const [name, setName] = useState(schedule?.name ?? '');
  const [timeZone, setTimeZone] = useState(schedule?.timeZone ?? zone);
  const [calendarId, setCalendarId] = useState<string | null>(schedule?.calendarId ? String(schedule.calendarId) : null);
  const [days, setDays] = useState<string[]>(
    schedule ? schedule.days.flatMap((d, i) => (d ? [String(i)] : [])) : ['1', '2', '3', '4', '5'],
  );
  const [start, setStart] = useState(hhmm(from));
  const [end, setEnd] = useState(hhmm(to));
  const [grace, setGrace] = useState<number>(schedule?.graceMinutes ?? 10);
  const mutation = schedule ? update : create;
  const week = Array.from({ length: 7 }, (_, i) =>
    days.includes(String(i)) ? ([minutesOf(start), minutesOf(end)] as [number, number]) : null,
  );
  const body = { name, timeZone, calendarId: calendarId ? Number(calendarId) : null, days: week, graceMinutes: grace };
  return (
    <FormModal
      opened
      onClose={onClose}
      title={schedule ? t('schedules.edit') : t('schedules.create')}
      onSubmit={(e) => {
        e?.preventDefault();
        if (schedule) update.mutate({ id: schedule.id, body: { ...body, version: schedule.version } }, { onSuccess: onClose });
        else create.mutate({ ...body, unitId: Number(unitId) }, { onSuccess: onClose });
      }}
      submitting={mutation.isPending}
      error={mutation.error}
      fields={['unitId', 'name', 'timeZone', 'calendarId', 'days', 'graceMinutes']}
    >
      <Select
        label={t('day.unit')}
        data={idOptions(units.data, (u) => `${indent(u.depth)}${u.name}`)}
        value={unitId}
        onChange={setUnitId}
        disabled={schedule !== null}
        searchable
        required
      />
      <TextInput label={t('schedules.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={120} />
      <TimeZoneSelect label={t('schedules.timeZone')} value={timeZone} onChange={(v) => v && setTimeZone(v)} />
      <Select
        label={t('schedules.calendar')}
        description={t('schedules.calendarHint')}
        data={idOptions(calendars.data?.items, (c) => c.name)}
        value={calendarId}
        onChange={setCalendarId}
        clearable
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('schedules.days')}
        </Text>
        <Chip.Group multiple value={days} onChange={setDays}>
          <Group gap={6}>
            {WEEK.map((d) => (
              <Chip key={d} value={String(d)} size="sm">
                {t(`weekday.${d}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Stack>
      <Group grow>
        <TimeInput label={t('schedules.start')} value={start} onChange={(e) => setStart(e.currentTarget.value)} required />
        <TimeInput label={t('schedules.end')} value={end} onChange={(e) => setEnd(e.currentTarget.value)} required />
      </Group>
      <NumberInput label={t('schedules.grace')} value={grace} onChange={(v) => setGrace(Number(v) || 0)} min={0} max={240} />
    </FormModal>
  );
}

/** Work schedules of the units in scope; the Division Admin adds and changes them. */
export function SchedulesTab() {
  const { t } = useTranslation('attendance');
  const me = useMe();
  const list = useSchedules();
  const manages = me.permissions.includes('attendance:manage');
  const [editing, setEditing] = useState<Schedule | 'new' | null>(null);
  const hours = (s: Schedule) =>
    WEEK.filter((d) => s.days[d])
      .map((d) => t(`weekday.${d}`))
      .join(', ');
  return (
    <Stack>
      {manages && (
        <Group justify="flex-end">
          <Button onClick={() => setEditing('new')} data-testid="schedule-create">
            {t('schedules.create')}
          </Button>
        </Group>
      )}
      <DataTable<Schedule>
        rows={list.data?.items}
        rowKey={(s) => s.id}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        emptyText={t('schedules.none')}
        columns={[
          { key: 'unit', header: t('day.unit'), render: (s) => s.unit.name },
          { key: 'name', header: t('schedules.name'), render: (s) => s.name },
          {
            key: 'hours',
            header: t('schedules.hours'),
            render: (s) => {
              const first = s.days.find((d) => d !== null);
              return `${hours(s)} · ${first ? `${clockOf(first[0])}–${clockOf(first[1])}` : '–'}`;
            },
          },
          { key: 'grace', header: t('schedules.grace'), render: (s) => s.graceMinutes },
          { key: 'members', header: t('schedules.members'), render: (s) => s.members.map((m) => m.name).join(', ') || '–' },
          {
            key: 'active',
            header: t('schedules.active'),
            render: (s) => (
              <Badge tt="none" style={{ flexShrink: 0 }} color={s.active ? 'teal' : 'gray'}>
                {s.active ? t('schedules.on') : t('schedules.off')}
              </Badge>
            ),
          },
        ]}
        actions={
          manages
            ? (s) => (
                <Button size="xs" variant="subtle" onClick={() => setEditing(s)}>
                  {t('schedules.edit')}
                </Button>
              )
            : undefined
        }
      />
      {editing && <ScheduleForm schedule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
