import { Anchor, Badge, Group, Select, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { useFormat } from '../../session/use-format.ts';
import { CHANNELS, type Channel, DELIVERY_STATUSES, type DeliveryStatus, isOneOf, useDeliveries } from './notifications.queries.ts';

const PAGE_SIZE = 25;
const STATUS_COLORS = { queued: 'gray', sent: 'green', failed: 'red', skipped: 'yellow' } as const;

/** Every in-app notice, email and SMS the system queued, newest first, with why it failed or was skipped. */
export function DeliveriesTab() {
  const { t } = useTranslation(['sla', 'common', 'notifications']);
  const format = useFormat();
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const [channel, setChannel] = useState<Channel | null>(null);
  const [page, setPage] = useState(1);
  const deliveries = useDeliveries({ page, pageSize: PAGE_SIZE, status: status ?? undefined, channel: channel ?? undefined });

  return (
    <Stack>
      <Group gap="sm" align="flex-end">
        <Select
          label={t('deliveries.status')}
          placeholder={t('deliveries.allStatuses')}
          data={DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`deliveries.statuses.${s}`) }))}
          value={status}
          onChange={(value) => {
            setStatus(value as DeliveryStatus | null);
            setPage(1);
          }}
          clearable
          w={{ base: '100%', xs: 240 }}
          data-testid="deliveries-status"
        />
        <Select
          label={t('deliveries.channel')}
          placeholder={t('deliveries.allChannels')}
          data={CHANNELS.map((c) => ({ value: c, label: t(`notifications:channel.${c}`) }))}
          value={channel}
          onChange={(value) => {
            setChannel(value as Channel | null);
            setPage(1);
          }}
          clearable
          w={{ base: '100%', xs: 200 }}
          data-testid="deliveries-channel"
        />
      </Group>
      <DataTable
        testId="deliveries-table"
        rows={deliveries.data?.items}
        rowKey={(d) => d.id}
        loading={deliveries.isPending}
        error={deliveries.error}
        onRetry={() => void deliveries.refetch()}
        emptyText={status || channel ? t('deliveries.noMatch') : t('deliveries.empty')}
        pagination={deliveries.data && { page, pageSize: PAGE_SIZE, total: deliveries.data.total, onChange: setPage }}
        columns={[
          {
            key: 'at',
            header: t('deliveries.at'),
            render: (d) => (
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {format.dateTime(d.createdAt)}
              </Text>
            ),
          },
          { key: 'recipient', header: t('deliveries.recipient'), render: (d) => d.recipient || `#${d.userId}` },
          {
            key: 'event',
            header: t('deliveries.event'),
            render: (d) => (
              <Stack gap={0}>
                <Text size="sm">{t(`templates.events.${d.event}` as 'templates.events.ticket_created', { defaultValue: d.event })}</Text>
                {d.reference &&
                  (d.ticketId ? (
                    <Anchor
                      size="xs"
                      renderRoot={(props) => <Link {...props} to="/tickets/$number" params={{ number: d.reference ?? '' }} />}
                    >
                      {d.reference}
                    </Anchor>
                  ) : (
                    <Text size="xs">{d.reference}</Text>
                  ))}
              </Stack>
            ),
          },
          {
            key: 'channel',
            header: t('deliveries.channel'),
            render: (d) => (isOneOf(CHANNELS, d.channel) ? t(`notifications:channel.${d.channel}`) : d.channel),
          },
          {
            key: 'status',
            header: t('deliveries.status'),
            render: (d) => (
              <Badge
                variant="light"
                color={isOneOf(DELIVERY_STATUSES, d.status) ? STATUS_COLORS[d.status] : 'gray'}
                // A short word: shown whole rather than cut to an ellipsis in a narrow column.
                styles={{ label: { overflow: 'visible' } }}
              >
                {isOneOf(DELIVERY_STATUSES, d.status) ? t(`deliveries.statuses.${d.status}`) : d.status}
              </Badge>
            ),
          },
          { key: 'attempts', header: t('deliveries.attempts'), render: (d) => d.attempts },
          {
            key: 'error',
            header: t('deliveries.error'),
            render: (d) =>
              d.lastError ? (
                <Text size="xs" c="dimmed" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
                  {d.lastError}
                </Text>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Stack>
  );
}
