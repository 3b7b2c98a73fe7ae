import { TIME_ZONES } from '@ish/shared';
import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActiveBadge } from '../../../components/ActiveBadge.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { ActiveToggleAction, EditAction } from '../../../components/RowAction.tsx';
import { ToggleActiveModal } from '../../../components/ToggleActiveModal.tsx';
import { summariseHours } from './business-hours.ts';
import { CalendarFormModal } from './CalendarFormModal.tsx';
import { useKeeps, useOwners } from './owners.ts';
import { type Calendar, useCalendars, useSaveCalendar } from './sla.queries.ts';

const isIndonesianZone = (zone: string): zone is (typeof TIME_ZONES)[number] => (TIME_ZONES as readonly string[]).includes(zone);

export function CalendarsTab() {
  const { t, i18n } = useTranslation(['sla', 'common']);
  const calendars = useCalendars();
  const owners = useOwners();
  const { keeps } = useKeeps();
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const [toggling, setToggling] = useState<Calendar | null>(null);
  const save = useSaveCalendar();
  const zoneLabel = (zone: string) => (isIndonesianZone(zone) ? t(`common:timeZones.${zone}`) : zone);

  return (
    <Stack>
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="calendar-create">
          {t('calendars.create')}
        </Button>
      </Group>
      <DataTable
        testId="calendars-table"
        rows={calendars.data}
        rowKey={(c) => c.id}
        loading={calendars.isPending}
        error={calendars.error}
        onRetry={() => void calendars.refetch()}
        emptyText={t('calendars.empty')}
        columns={[
          { key: 'name', header: t('calendars.fields.name'), render: (c) => c.name },
          {
            key: 'hours',
            header: t('calendars.fields.hours'),
            render: (c) =>
              c.always ? (
                <Badge variant="light">{t('calendars.always')}</Badge>
              ) : (
                <Stack gap={0}>
                  {summariseHours(c.hours, i18n.language).map((line) => (
                    <Text key={line} size="sm">
                      {line}
                    </Text>
                  ))}
                </Stack>
              ),
          },
          { key: 'timeZone', header: t('calendars.fields.timeZone'), render: (c) => zoneLabel(c.timeZone) },
          { key: 'owner', header: t('calendars.fields.owner'), render: (c) => owners.nameOf(c) },
          { key: 'active', header: t('calendars.fields.status'), render: (c) => <ActiveBadge active={c.active} /> },
        ]}
        actions={(c) =>
          keeps(c) && (
            <>
              <EditAction onClick={() => setEditing(c)} testId="calendar-edit" />
              <ActiveToggleAction active={c.active} onClick={() => setToggling(c)} testId="calendar-toggle" />
            </>
          )
        }
      />
      {editing && <CalendarFormModal calendar={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {toggling && (
        <ToggleActiveModal
          item={toggling}
          onClose={() => setToggling(null)}
          onConfirm={() => save.mutateAsync({ id: toggling.id, body: { version: toggling.version, active: !toggling.active } })}
          message={t(toggling.active ? 'calendars.confirmDeactivate' : 'calendars.confirmActivate', { name: toggling.name })}
        />
      )}
    </Stack>
  );
}
