import { Badge, Button, Card, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.tsx';
import { idOptions } from '../../lib/options.ts';
import { useTimeZone } from '../session/session.queries.ts';
import { useChangeFormat, zonedIso } from './change-format.ts';
import { useFreezes, useFreezeWrites, useMaintenanceWindows, useServices, useWindowWrites } from './changes.queries.ts';

/** Freeze windows (blackouts) and the weekly maintenance windows of business services. */
export function WindowsPage() {
  const { t } = useTranslation('changes');
  const { dateTime } = useChangeFormat();
  const freezes = useFreezes();
  const windows = useMaintenanceWindows();
  const services = useServices();
  const freezeWrites = useFreezeWrites();
  const windowWrites = useWindowWrites();
  const [open, setOpen] = useState<'freeze' | 'window' | null>(null);
  const serviceName = (id: number) => services.data?.items.find((s) => s.id === id)?.name ?? `#${id}`;
  const hours = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
  return (
    <Stack gap="xl">
      <Card withBorder>
        <Title order={4}>{t('windows.freezes')}</Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('windows.freezesHelp')}
        </Text>
        <Button w="fit-content" mb="sm" leftSection={<IconPlus size={16} />} onClick={() => setOpen('freeze')} data-testid="freeze-new">
          {t('windows.newFreeze')}
        </Button>
        <DataTable
          testId="freezes"
          rows={freezes.data?.items}
          rowKey={(f) => f.id}
          loading={freezes.isLoading}
          error={freezes.error}
          onRetry={() => void freezes.refetch()}
          emptyText={t('windows.noFreezes')}
          columns={[
            { key: 'name', header: t('windows.name'), render: (f) => f.name },
            { key: 'period', header: t('detail.window'), render: (f) => `${dateTime(f.startsAt)} – ${dateTime(f.endsAt)}` },
            { key: 'reason', header: t('windows.reason'), render: (f) => f.reason || '—' },
            { key: 'company', header: t('windows.company'), render: (f) => (f.companyId ? `#${f.companyId}` : t('windows.allCompanies')) },
          ]}
          actions={(f) => (
            <Button size="xs" variant="subtle" color="red" onClick={() => freezeWrites.end.mutate(f)}>
              {t('windows.end')}
            </Button>
          )}
        />
      </Card>
      <Card withBorder>
        <Title order={4}>{t('windows.maintenance')}</Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('windows.maintenanceHelp')}
        </Text>
        <Button w="fit-content" mb="sm" leftSection={<IconPlus size={16} />} onClick={() => setOpen('window')} data-testid="window-new">
          {t('windows.newWindow')}
        </Button>
        <DataTable
          testId="maintenance-windows"
          rows={windows.data?.items}
          rowKey={(w) => w.id}
          loading={windows.isLoading}
          error={windows.error}
          onRetry={() => void windows.refetch()}
          emptyText={t('windows.noWindows')}
          columns={[
            { key: 'service', header: t('windows.service'), render: (w) => serviceName(w.serviceId) },
            { key: 'day', header: t('windows.weekday'), render: (w) => t(`windows.weekdays.${w.weekday}` as 'windows.weekdays.1') },
            { key: 'start', header: t('windows.startTime'), render: (w) => w.startTime },
            { key: 'duration', header: t('windows.length'), render: (w) => hours(w.durationMinutes) },
            { key: 'zone', header: t('windows.timeZone'), render: (w) => <Badge variant="light">{w.timeZone}</Badge> },
          ]}
          actions={(w) => (
            <Button size="xs" variant="subtle" color="red" onClick={() => windowWrites.remove.mutate(w)}>
              {t('windows.remove')}
            </Button>
          )}
        />
      </Card>
      {open === 'freeze' && <FreezeModal onClose={() => setOpen(null)} />}
      {open === 'window' && <WindowModal onClose={() => setOpen(null)} options={idOptions(services.data?.items, (s) => s.name)} />}
    </Stack>
  );
}

function FreezeModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('changes');
  const zone = useTimeZone();
  const { create } = useFreezeWrites();
  const [v, setV] = useState({ name: '', reason: '', start: '', end: '' });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('windows.newFreeze')}
      submitting={create.isPending}
      error={create.error}
      fields={['name']}
      onSubmit={(e) => {
        e?.preventDefault();
        create.mutate(
          { name: v.name, reason: v.reason, startsAt: v.start ? zonedIso(v.start, zone) : '', endsAt: v.end ? zonedIso(v.end, zone) : '' },
          { onSuccess: onClose },
        );
      }}
    >
      <TextInput
        label={t('windows.name')}
        required
        value={v.name}
        onChange={(e) => setV({ ...v, name: e.currentTarget.value })}
        data-testid="freeze-name"
      />
      <TextInput label={t('windows.reason')} value={v.reason} onChange={(e) => setV({ ...v, reason: e.currentTarget.value })} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          type="datetime-local"
          label={t('windows.startsAt')}
          required
          value={v.start}
          onChange={(e) => setV({ ...v, start: e.currentTarget.value })}
          data-testid="freeze-start"
        />
        <TextInput
          type="datetime-local"
          label={t('windows.endsAt')}
          required
          value={v.end}
          onChange={(e) => setV({ ...v, end: e.currentTarget.value })}
          data-testid="freeze-end"
        />
      </SimpleGrid>
    </FormModal>
  );
}

function WindowModal({ onClose, options }: { onClose: () => void; options: { value: string; label: string }[] }) {
  const { t } = useTranslation('changes');
  const zone = useTimeZone();
  const { create } = useWindowWrites();
  const [v, setV] = useState({ serviceId: '', weekday: '7', startTime: '22:00', durationMinutes: 180, timeZone: zone });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('windows.newWindow')}
      submitting={create.isPending}
      error={create.error}
      fields={['serviceId', 'startTime']}
      onSubmit={(e) => {
        e?.preventDefault();
        create.mutate({ ...v, serviceId: Number(v.serviceId), weekday: Number(v.weekday) }, { onSuccess: onClose });
      }}
    >
      <Select
        label={t('windows.service')}
        required
        searchable
        data={options}
        value={v.serviceId || null}
        onChange={(s) => setV({ ...v, serviceId: s ?? '' })}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('windows.weekday')}
          allowDeselect={false}
          data={['1', '2', '3', '4', '5', '6', '7'].map((d) => ({ value: d, label: t(`windows.weekdays.${d}` as 'windows.weekdays.1') }))}
          value={v.weekday}
          onChange={(d) => d && setV({ ...v, weekday: d })}
        />
        <TextInput
          type="time"
          label={t('windows.startTime')}
          value={v.startTime}
          onChange={(e) => setV({ ...v, startTime: e.currentTarget.value })}
        />
        <NumberInput
          label={t('windows.duration')}
          min={15}
          max={10_080}
          step={15}
          value={v.durationMinutes}
          onChange={(n) => setV({ ...v, durationMinutes: Number(n) || 60 })}
        />
      </SimpleGrid>
      <TimeZoneSelect label={t('windows.timeZone')} value={v.timeZone} onChange={(z) => z && setV({ ...v, timeZone: z })} />
    </FormModal>
  );
}
