import { SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal.tsx';
import { useMe } from '../session/session.queries.ts';
import { PeopleMultiSelect } from '../tickets/PersonSelect.tsx';
import type { Person } from '../tickets/people.queries.ts';
import { useSubscriptionChanges } from './reports.queries.ts';

const FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
const FORMATS = ['pdf', 'xlsx'] as const;
const KINDS = ['tickets', 'sla', 'workload', 'trends', 'completed', 'catalog'] as const;

/**
 * Subscribe to the report on screen with its filters: each run covers the day,
 * week or month just ended. Executives and Administrators may add colleagues
 * (the server checks each can read reports).
 */
export function SubscribeModal({
  opened,
  onClose,
  kind,
  query,
}: {
  opened: boolean;
  onClose: () => void;
  kind: string;
  query: Record<string, string | number>;
}) {
  const { t } = useTranslation('reports');
  const me = useMe();
  const { create } = useSubscriptionChanges();
  const [frequency, setFrequency] = useState<(typeof FREQUENCIES)[number]>('weekly');
  const [format, setFormat] = useState<(typeof FORMATS)[number]>('pdf');
  const [recipients, setRecipients] = useState<Person[]>([]);
  const mayAddColleagues = me.grants.some((g) => g.role === 'executive' || g.role === 'administrator');
  const { from: _from, to: _to, ...filters } = query;
  const submit = () =>
    create.mutate(
      {
        kind: KINDS.find((k) => k === kind) ?? 'tickets',
        query: Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)])),
        frequency,
        format,
        recipientIds: recipients.map((r) => r.id),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('subscribe.done') });
          onClose();
        },
      },
    );
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('subscribe.title')}
      onSubmit={(event) => {
        event?.preventDefault();
        submit();
      }}
      submitting={create.isPending}
      error={create.error}
      fields={['recipientIds']}
      submitLabel={t('subscribe.submit')}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('subscribe.description')}
        </Text>
        <Text size="sm" fw={500}>
          {t('subscribe.frequency')}
        </Text>
        <SegmentedControl
          value={frequency}
          onChange={(v) => setFrequency(v as typeof frequency)}
          data={FREQUENCIES.map((f) => ({ value: f, label: t(`subscribe.every.${f}`) }))}
          data-testid="subscribe-frequency"
        />
        <Text size="sm" fw={500}>
          {t('subscribe.format')}
        </Text>
        <SegmentedControl
          value={format}
          onChange={(v) => setFormat(v as typeof format)}
          data={FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }))}
        />
        {mayAddColleagues && (
          <PeopleMultiSelect
            label={t('subscribe.recipients')}
            description={t('subscribe.recipientsHint')}
            value={recipients}
            onChange={setRecipients}
          />
        )}
      </Stack>
    </FormModal>
  );
}
