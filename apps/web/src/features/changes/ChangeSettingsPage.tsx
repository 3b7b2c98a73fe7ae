import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { idOptions } from '../../lib/options.ts';
import { useChangeFormat } from './change-format.ts';
import {
  type ChangeSettings,
  useChangePeople,
  useChangeSettings,
  useSaveChangeSettings,
  useWebhooks,
  useWebhookWrites,
} from './changes.queries.ts';

/** The CAB's rule, the emergency CAB, the number pattern, and the webhooks told of every status change. */
export function ChangeSettingsPage() {
  const settings = useChangeSettings();
  if (settings.error) return <ProblemAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <LoadingState />;
  return (
    <Stack gap="xl">
      <RuleCard settings={settings.data} />
      <WebhooksCard />
    </Stack>
  );
}

function RuleCard({ settings }: { settings: ChangeSettings }) {
  const { t } = useTranslation('changes');
  const save = useSaveChangeSettings();
  const cab = useChangePeople('cab_member');
  const [v, setV] = useState(settings);
  return (
    <Card withBorder>
      <Title order={4}>{t('settings.cab')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('settings.cabHelp')}
      </Text>
      <Stack>
        <ProblemAlert error={save.error} />
        <SegmentedControl
          data={[
            { value: 'majority', label: t('settings.majority') },
            { value: 'any_reject_blocks', label: t('settings.anyReject') },
          ]}
          value={v.cabRule}
          onChange={(rule) => setV({ ...v, cabRule: rule as ChangeSettings['cabRule'] })}
          data-testid="settings-rule"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('settings.quorum')}
            min={1}
            max={50}
            value={v.quorum}
            onChange={(n) => setV({ ...v, quorum: Number(n) || 1 })}
          />
          <NumberInput
            label={t('settings.emergencyQuorum')}
            min={1}
            max={50}
            value={v.emergencyQuorum}
            onChange={(n) => setV({ ...v, emergencyQuorum: Number(n) || 1 })}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('settings.emergencyCab')}
          description={t('settings.emergencyCabHelp')}
          data={idOptions(cab.data?.items, (p) => `${p.name} · ${p.unit.name}`)}
          value={v.emergencyCabUserIds.map(String)}
          onChange={(ids) => setV({ ...v, emergencyCabUserIds: ids.map(Number) })}
        />
        <TextInput
          label={t('settings.numberPattern')}
          value={v.numberPattern}
          onChange={(e) => setV({ ...v, numberPattern: e.currentTarget.value })}
        />
        <Button
          w="fit-content"
          loading={save.isPending}
          onClick={() =>
            save.mutate(v, {
              onSuccess: (saved) => {
                setV(saved);
                notifications.show({ color: 'green', message: t('settings.saved') });
              },
            })
          }
          data-testid="settings-save"
        >
          {t('common:actions.save' as 'settings.saved')}
        </Button>
      </Stack>
    </Card>
  );
}

function WebhooksCard() {
  const { t } = useTranslation('changes');
  const { dateTime } = useChangeFormat();
  const hooks = useWebhooks(true);
  const writes = useWebhookWrites();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const secret = writes.create.data?.secret;
  return (
    <Card withBorder>
      <Title order={4}>{t('settings.webhooks')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('settings.webhooksHelp')}
      </Text>
      <Stack>
        <Group gap="xs" align="flex-end">
          <TextInput
            label={t('settings.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            style={{ flex: '1 1 140px' }}
          />
          <TextInput
            label={t('settings.url')}
            placeholder="https://ci.example.com/hooks/perubahan"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            style={{ flex: '3 1 260px' }}
          />
          <Button
            loading={writes.create.isPending}
            disabled={!name.trim() || !url.trim()}
            onClick={() => writes.create.mutate({ name: name.trim(), url: url.trim() }, { onSuccess: () => setUrl('') })}
          >
            {t('settings.newWebhook')}
          </Button>
        </Group>
        <ProblemAlert error={writes.create.error} />
        {secret && (
          <Alert color="green" title={t('settings.secret')}>
            <Code>{secret}</Code>
          </Alert>
        )}
        <DataTable
          rows={hooks.data?.items}
          rowKey={(h) => h.id}
          loading={hooks.isLoading}
          error={hooks.error}
          onRetry={() => void hooks.refetch()}
          emptyText={t('settings.noWebhooks')}
          columns={[
            { key: 'name', header: t('settings.name'), render: (h) => h.name },
            {
              key: 'url',
              header: t('settings.url'),
              render: (h) => (
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {h.url}
                </Text>
              ),
            },
            {
              key: 'last',
              header: t('settings.lastDelivery'),
              render: (h) =>
                h.lastDelivery ? (
                  <Badge
                    color={h.lastDelivery.status === 'sent' ? 'green' : h.lastDelivery.status === 'queued' ? 'gray' : 'red'}
                    variant="light"
                  >
                    {t(`settings.delivery.${h.lastDelivery.status}`)} · {dateTime(h.lastDelivery.at)}
                  </Badge>
                ) : (
                  t('settings.never')
                ),
            },
          ]}
          actions={(h) => (
            <Button size="xs" variant="subtle" color="red" onClick={() => writes.remove.mutate(h.id)}>
              {t('settings.remove')}
            </Button>
          )}
        />
      </Stack>
    </Card>
  );
}
