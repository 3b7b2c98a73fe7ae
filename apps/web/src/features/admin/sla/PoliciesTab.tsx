import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActiveBadge } from '../../../components/ActiveBadge.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { ActiveToggleAction, EditAction } from '../../../components/RowAction.tsx';
import { ToggleActiveModal } from '../../../components/ToggleActiveModal.tsx';
import { useFormatDuration } from './DurationInput.tsx';
import { PolicyFormModal } from './PolicyFormModal.tsx';
import { useMatchLabels } from './policy-match.ts';
import { type SlaPolicy, useCalendars, useSaveSlaPolicy, useSlaPolicies } from './sla.queries.ts';

export function PoliciesTab() {
  const { t } = useTranslation('sla');
  const policies = useSlaPolicies();
  const calendars = useCalendars();
  const labels = useMatchLabels();
  const duration = useFormatDuration();
  const save = useSaveSlaPolicy();
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const [toggling, setToggling] = useState<SlaPolicy | null>(null);

  const criteria = (p: SlaPolicy) => [
    ...(p.ticketType ? [labels.type(p.ticketType)] : []),
    ...(p.priority ? [labels.priority(p.priority)] : []),
    ...(p.categoryId ? [labels.category(p.categoryId)] : []),
    ...(p.serviceId ? [labels.service(p.serviceId)] : []),
  ];

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Text size="sm" c="dimmed" style={{ flex: '1 1 300px' }}>
          {t('policies.precedence')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="policy-create">
          {t('policies.create')}
        </Button>
      </Group>
      <DataTable
        testId="policies-table"
        rows={policies.data}
        rowKey={(p) => p.id}
        loading={policies.isPending}
        error={policies.error}
        onRetry={() => void policies.refetch()}
        emptyText={t('policies.empty')}
        columns={[
          { key: 'name', header: t('policies.fields.name'), render: (p) => p.name },
          {
            key: 'match',
            header: t('policies.fields.match'),
            render: (p) => {
              const matched = criteria(p);
              return matched.length ? (
                <Group gap={4}>
                  {matched.map((label) => (
                    <Badge key={label} variant="light" color="gray" tt="none">
                      {label}
                    </Badge>
                  ))}
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('policies.allTickets')}
                </Text>
              );
            },
          },
          {
            key: 'response',
            header: t('policies.fields.response'),
            render: (p) => <span data-testid="policy-response-value">{duration(p.responseMinutes)}</span>,
          },
          {
            key: 'resolution',
            header: t('policies.fields.resolution'),
            render: (p) => <span data-testid="policy-resolution-value">{duration(p.resolutionMinutes)}</span>,
          },
          {
            key: 'calendar',
            header: t('policies.fields.calendar'),
            render: (p) => calendars.data?.find((c) => c.id === p.calendarId)?.name ?? '—',
          },
          { key: 'active', header: t('policies.fields.status'), render: (p) => <ActiveBadge active={p.active} /> },
        ]}
        actions={(p) => (
          <>
            <EditAction onClick={() => setEditing(p)} testId="policy-edit" />
            <ActiveToggleAction active={p.active} onClick={() => setToggling(p)} testId="policy-toggle" />
          </>
        )}
      />
      {editing && <PolicyFormModal policy={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {toggling && (
        <ToggleActiveModal
          item={toggling}
          onClose={() => setToggling(null)}
          onConfirm={() => save.mutateAsync({ id: toggling.id, body: { version: toggling.version, active: !toggling.active } })}
          message={t(toggling.active ? 'policies.confirmDeactivate' : 'policies.confirmActivate', { name: toggling.name })}
        />
      )}
    </Stack>
  );
}
