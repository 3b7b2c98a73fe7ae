import { Badge, Button, Group, Select, Stack } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ConfirmModal.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { RowAction } from '../../../components/RowAction.tsx';
import { idOptions, toId } from '../../../lib/options.ts';
import { HolidayFormModal } from './HolidayFormModal.tsx';
import { useKeeps } from './owners.ts';
import { type Holiday, useCalendars, useHolidays, useRemoveHoliday } from './sla.queries.ts';

const KIND_COLORS = { national: 'red', cuti_bersama: 'orange', local: 'blue' } as const;

export function HolidaysTab() {
  const { t, i18n } = useTranslation(['sla', 'common']);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [calendarId, setCalendarId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Holiday | null>(null);
  const calendars = useCalendars();
  const { keeps, everything } = useKeeps();
  // A day off is its calendar's owner's; one for every calendar is the organisation's.
  const keepsDay = (id: number | null) => (id === null ? everything : keeps(calendars.data?.find((c) => c.id === id) ?? null));
  const holidays = useHolidays(Number(year), toId(calendarId));
  const removeHoliday = useRemoveHoliday();
  const remove = useMutation({ mutationFn: (h: Holiday) => removeHoliday.mutateAsync(h.id), onSuccess: () => setRemoving(null) });

  const years = Array.from({ length: 4 }, (_, i) => String(thisYear - 1 + i));
  // Holidays are calendar dates, not instants: formatted as such, whatever the viewer's zone.
  const dayFormat = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
    [i18n.language],
  );
  const calendarName = (id: number | null) =>
    id === null ? t('holidays.allCalendars') : (calendars.data?.find((c) => c.id === id)?.name ?? '—');

  return (
    <Stack>
      <Group gap="sm" align="flex-end" justify="space-between">
        <Group gap="sm" align="flex-end" style={{ flex: '1 1 320px' }}>
          <Select
            label={t('holidays.year')}
            data={years}
            value={year}
            onChange={(value) => value && setYear(value)}
            allowDeselect={false}
            w={120}
            data-testid="holidays-year"
          />
          <Select
            label={t('holidays.fields.calendar')}
            placeholder={t('holidays.everyCalendar')}
            data={idOptions(calendars.data, (c) => c.name)}
            value={calendarId}
            onChange={setCalendarId}
            clearable
            style={{ flex: '0 1 320px' }}
            data-testid="holidays-calendar"
          />
        </Group>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)} data-testid="holiday-create">
          {t('holidays.create')}
        </Button>
      </Group>
      <DataTable
        testId="holidays-table"
        rows={holidays.data}
        rowKey={(h) => h.id}
        loading={holidays.isPending}
        error={holidays.error}
        onRetry={() => void holidays.refetch()}
        emptyText={t('holidays.empty', { year })}
        columns={[
          { key: 'day', header: t('holidays.fields.day'), render: (h) => dayFormat.format(new Date(`${h.day}T00:00:00Z`)) },
          { key: 'name', header: t('holidays.fields.name'), render: (h) => h.name },
          {
            key: 'kind',
            header: t('holidays.fields.kind'),
            render: (h) => (
              <Badge variant="light" color={KIND_COLORS[h.kind]}>
                {t(`holidays.kinds.${h.kind}`)}
              </Badge>
            ),
          },
          { key: 'calendar', header: t('holidays.fields.calendar'), render: (h) => calendarName(h.calendarId) },
        ]}
        // National holidays are preloaded from the government decree; admins remove only the days they added.
        actions={(h) =>
          h.kind === 'national' || !keepsDay(h.calendarId) ? null : (
            <RowAction
              label={t('common:actions.remove')}
              icon={<IconTrash size={18} />}
              color="red"
              onClick={() => {
                remove.reset();
                setRemoving(h);
              }}
              testId="holiday-remove"
            />
          )
        }
      />
      {adding && (
        <HolidayFormModal
          calendars={calendars.data?.filter((c) => keeps(c))}
          everyCalendar={everything}
          calendarId={calendarId}
          onClose={() => setAdding(false)}
          // Show the year the new day off falls in.
          onAdded={(holiday) => setYear(holiday.day.slice(0, 4))}
        />
      )}
      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing)}
        title={t('holidays.removeTitle')}
        message={t('holidays.removeMessage', {
          name: removing?.name,
          day: removing ? dayFormat.format(new Date(`${removing.day}T00:00:00Z`)) : '',
        })}
        confirmLabel={t('common:actions.remove')}
        pending={remove.isPending}
        error={remove.error}
      />
    </Stack>
  );
}
