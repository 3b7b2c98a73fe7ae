import { WEBHOOK_EVENTS, type WebhookEvent } from '@ish/shared';
import { Badge, Button, Card, Code, Drawer, Group, MultiSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useMe } from '../../session/session.queries.ts';
import { useFormat } from '../../session/use-format.ts';
import { ShownOnce } from './IntegrationsPage.tsx';
import { type Delivery, type Endpoint, useDeliveries, useEndpoints, useEndpointWrites } from './integrations.queries.ts';
import { ScopeFields, type ScopeValue, useScopeLabel } from './ScopeFields.tsx';

type EventKey<E extends string> = E extends `${infer A}.${infer B}` ? `events.${A}_${B}` : never;
/** i18next reads '.' as a key path: event keys use '_'. */
const eventKey = (e: WebhookEvent) => `events.${e.replace('.', '_')}` as EventKey<WebhookEvent>;
const STATUS_COLOR = { pending: 'gray', succeeded: 'green', failed: 'red', refused: 'orange' } as const;

/** Endpoints subscribed to events in a scope, their secrets (shown once), delivery log and redelivery. */
export function WebhooksTab() {
  const { t } = useTranslation('integrations');
  const me = useMe();
  const endpoints = useEndpoints();
  const writes = useEndpointWrites();
  const scopeLabel = useScopeLabel();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([]);
  const [scope, setScope] = useState<ScopeValue | null>(me.can.manageOrganisationSettings ? { kind: 'organisation' } : null);
  const [log, setLog] = useState<Endpoint | null>(null);
  const secret = writes.rotate.data?.secret ?? writes.create.data?.secret;
  return (
    <Stack>
      <Card withBorder>
        <Title order={4}>{t('webhooks.new')}</Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('webhooks.help')}
        </Text>
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('webhooks.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
            <TextInput
              label={t('webhooks.url')}
              placeholder="https://ci.example.com/hooks/ish"
              value={url}
              onChange={(e) => setUrl(e.currentTarget.value)}
            />
          </SimpleGrid>
          <MultiSelect
            label={t('webhooks.events')}
            data={WEBHOOK_EVENTS.map((value) => ({ value, label: t(eventKey(value)) }))}
            value={events}
            onChange={(v) => setEvents(v as WebhookEvent[])}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <ScopeFields value={scope} onChange={setScope} organisation={me.can.manageOrganisationSettings} />
          </SimpleGrid>
          <ProblemAlert error={writes.create.error} fields={['name', 'url', 'events', 'scope']} />
          <Group justify="flex-end">
            <Button
              disabled={!name.trim() || !url.trim() || !events.length || !scope}
              loading={writes.create.isPending}
              onClick={() =>
                scope &&
                writes.create.mutate(
                  { name: name.trim(), url: url.trim(), events, scope },
                  {
                    onSuccess: () => {
                      setName('');
                      setUrl('');
                    },
                  },
                )
              }
            >
              {t('webhooks.create')}
            </Button>
          </Group>
        </Stack>
      </Card>
      {secret && <ShownOnce title={t('webhooks.secret')} secret={secret} testId="webhook-secret" />}
      <ProblemAlert error={writes.update.error ?? writes.rotate.error} />
      <DataTable<Endpoint>
        rows={endpoints.data?.items}
        rowKey={(e) => e.id}
        loading={endpoints.isPending}
        error={endpoints.error}
        onRetry={() => void endpoints.refetch()}
        emptyText={t('webhooks.empty')}
        columns={[
          {
            key: 'name',
            header: t('webhooks.name'),
            render: (e) => (
              <Stack gap={0}>
                <Text size="sm" fw={600}>
                  {e.name}
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {e.url}
                </Text>
                <Badge color={e.active ? 'green' : 'red'} variant="light" mt={4} style={{ alignSelf: 'flex-start', flexShrink: 0 }}>
                  {e.active
                    ? t('webhooks.active')
                    : e.disabledReason === 'failures'
                      ? t('webhooks.disabledFailures')
                      : t('webhooks.paused')}
                </Badge>
              </Stack>
            ),
          },
          { key: 'events', header: t('webhooks.events'), render: (e) => e.events.map((v) => t(eventKey(v))).join(', ') },
          { key: 'scope', header: t('scope.label'), render: (e) => scopeLabel(e.scope) },
          {
            key: 'actions',
            header: '',
            render: (e) => (
              <Group gap={4}>
                <Button size="xs" variant="subtle" onClick={() => setLog(e)}>
                  {t('webhooks.log')}
                </Button>
                <Button size="xs" variant="subtle" onClick={() => writes.rotate.mutate(e.id)}>
                  {t('webhooks.rotate')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  onClick={() => writes.update.mutate({ id: e.id, version: e.version, active: !e.active })}
                >
                  {e.active ? t('webhooks.pause') : t('webhooks.resume')}
                </Button>
              </Group>
            ),
          },
        ]}
      />
      <Drawer opened={log !== null} onClose={() => setLog(null)} position="right" size="lg" title={log?.name}>
        {log && <DeliveryLog endpoint={log} />}
      </Drawer>
    </Stack>
  );
}

function DeliveryLog({ endpoint }: { endpoint: Endpoint }) {
  const { t } = useTranslation('integrations');
  const { dateTime } = useFormat();
  const deliveries = useDeliveries(endpoint.id);
  const { redeliver } = useEndpointWrites();
  return (
    <Stack>
      <ProblemAlert error={deliveries.error ?? redeliver.error} />
      {deliveries.data?.items.length === 0 && <Text c="dimmed">{t('webhooks.noDeliveries')}</Text>}
      {deliveries.data?.items.map((d: Delivery) => (
        <Card key={d.id} withBorder padding="sm">
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap="xs">
                <Badge color={STATUS_COLOR[d.status]} variant="light">
                  {t(`webhooks.delivery.${d.status}`)}
                </Badge>
                <Text size="sm" fw={600}>
                  {t(eventKey(d.eventType))}
                </Text>
              </Group>
              <Code style={{ overflowWrap: 'anywhere' }}>{d.eventId}</Code>
              <Text size="xs" c="dimmed">
                {dateTime(d.createdAt)} · {t('webhooks.attempts', { count: d.attempts })}
                {d.responseStatus !== null && ` · HTTP ${d.responseStatus}`}
                {d.nextAttemptAt && ` · ${t('webhooks.nextAttempt', { at: dateTime(d.nextAttemptAt) })}`}
              </Text>
              {d.lastError && (
                <Text size="xs" c="red">
                  {d.lastError}
                </Text>
              )}
            </Stack>
            <Button
              size="xs"
              variant="light"
              loading={redeliver.isPending}
              onClick={() => redeliver.mutate({ id: endpoint.id, deliveryId: d.id })}
            >
              {t('webhooks.redeliver')}
            </Button>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
