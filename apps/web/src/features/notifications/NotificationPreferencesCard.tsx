import { Button, Card, Checkbox, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { type Preference, usePreferences, useSavePreferences } from './notifications.queries.ts';

const CHANNELS = ['in_app', 'email', 'sms'] as const;

/** Which events reach me on which channel: one row per event, one checkbox per channel. */
export function NotificationPreferencesCard() {
  const { t } = useTranslation('notifications');
  const saved = usePreferences();
  const save = useSavePreferences();
  const [items, setItems] = useState<Preference[]>([]);
  useEffect(() => {
    if (saved.data) setItems(saved.data.items);
  }, [saved.data]);
  const events = [...new Set(items.map((i) => i.event))];
  const enabled = (event: string, channel: string) => items.find((i) => i.event === event && i.channel === channel)?.enabled ?? false;
  const toggle = (event: string, channel: string) =>
    setItems((all) => all.map((i) => (i.event === event && i.channel === channel ? { ...i, enabled: !i.enabled } : i)));
  const changed = JSON.stringify(items) !== JSON.stringify(saved.data?.items ?? []);

  return (
    <Card withBorder>
      <Stack>
        <div>
          <Title order={3} size="h4">
            {t('preferences.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('preferences.description')}
          </Text>
        </div>
        {saved.isPending && <LoadingState />}
        {(saved.error || save.error) && <ProblemAlert error={saved.error ?? save.error} />}
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={300}>
            {/* Short channel names and narrow gaps: all three columns fit a 390 px phone. */}
            <Table verticalSpacing={6} horizontalSpacing={6} data-testid="notification-preferences">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('preferences.event')}</Table.Th>
                  {CHANNELS.map((c) => (
                    <Table.Th key={c} ta="center" title={t(`channel.${c}`)}>
                      {t(`channelShort.${c}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {events.map((event) => (
                  <Table.Tr key={event}>
                    <Table.Td>{t(`event.${event}` as 'event.ticket_created')}</Table.Td>
                    {CHANNELS.map((c) => (
                      <Table.Td key={c}>
                        <Group justify="center">
                          <Checkbox
                            checked={enabled(event, c)}
                            onChange={() => toggle(event, c)}
                            aria-label={`${t(`event.${event}` as 'event.ticket_created')}: ${t(`channel.${c}`)}`}
                          />
                        </Group>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group justify="flex-end">
          <Button onClick={() => save.mutate(items)} loading={save.isPending} disabled={!changed}>
            {t('preferences.save')}
          </Button>
        </Group>
        {save.isSuccess && !changed && (
          <Text size="sm" c="green" role="status">
            {t('preferences.saved')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
