import { ActionIcon, Group, Stack, Switch, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useFormat } from '../session/use-format.ts';
import { type Subscription, useSubscriptionChanges, useSubscriptions } from './reports.queries.ts';

/** My report subscriptions: what comes by email, how often and when next; pause or stop them. */
export function SubscriptionsPage() {
  const { t } = useTranslation('reports');
  const { dateTime } = useFormat();
  const list = useSubscriptions();
  const { update, remove } = useSubscriptionChanges();
  const filters = (s: Subscription) =>
    Object.entries(s.query)
      .map(([k, v]) => `${t(`filter.${k}`, { defaultValue: k })}: ${String(v)}`)
      .join(' · ') || t('subscriptions.noFilters');
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('subscriptions.description')}
      </Text>
      <ProblemAlert error={update.error ?? remove.error} />
      <DataTable<Subscription>
        testId="subscriptions-table"
        rows={list.data?.items}
        rowKey={(s) => s.id}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        emptyText={t('subscriptions.empty')}
        columns={[
          { key: 'kind', header: t('subscriptions.report'), render: (s) => t(`pages.${s.kind}`) },
          { key: 'filters', header: t('subscriptions.filters'), render: (s) => <Text size="sm">{filters(s)}</Text> },
          {
            key: 'frequency',
            header: t('subscribe.frequency'),
            render: (s) => `${t(`subscribe.every.${s.frequency}`)} · ${s.format.toUpperCase()}`,
          },
          { key: 'next', header: t('subscriptions.next'), render: (s) => (s.active ? dateTime(s.nextRunAt) : t('subscriptions.paused')) },
        ]}
        actions={(s) => (
          <Group gap="xs" wrap="nowrap">
            <Switch
              checked={s.active}
              onChange={(e) => update.mutate({ id: s.id, body: { active: e.currentTarget.checked, version: s.version } })}
              aria-label={t('subscriptions.active')}
            />
            <ActionIcon variant="subtle" color="red" onClick={() => remove.mutate(s.id)} aria-label={t('subscriptions.delete')}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        )}
      />
    </Stack>
  );
}
