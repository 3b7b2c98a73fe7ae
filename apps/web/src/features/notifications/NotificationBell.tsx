import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useMarkRead, useNotificationStream, useNotifications } from './notifications.queries.ts';

dayjs.extend(relativeTime);

/** The header bell: unread count, the latest notifications, live without reload. */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const [opened, setOpened] = useState(false);
  const navigate = useNavigate();
  const list = useNotifications();
  const markRead = useMarkRead();
  useNotificationStream();
  const unread = list.data?.unread ?? 0;

  const open = (item: { id: number; link: string | null; read: boolean }) => {
    if (!item.read) markRead.mutate({ ids: [item.id] });
    setOpened(false);
    if (item.link) void navigate({ to: item.link });
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={340} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={16} disabled={unread === 0} offset={4} color="red">
          <ActionIcon
            variant="subtle"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={unread ? t('bellUnread', { count: unread }) : t('bell')}
            data-testid="notification-bell"
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="xs" data-testid="notification-list">
        <Group justify="space-between" mb="xs" px={4}>
          <Text fw={600}>{t('title')}</Text>
          {unread > 0 && (
            <Button variant="subtle" size="compact-xs" onClick={() => markRead.mutate({ all: true })} loading={markRead.isPending}>
              {t('markAllRead')}
            </Button>
          )}
        </Group>
        {list.error && <ProblemAlert error={list.error} />}
        {list.data?.items.length === 0 && (
          <Text c="dimmed" size="sm" ta="center" py="md">
            {t('empty')}
          </Text>
        )}
        <ScrollArea.Autosize mah={360}>
          <Stack gap={2}>
            {list.data?.items.map((item) => (
              <UnstyledButton
                key={item.id}
                onClick={() => open(item)}
                p={6}
                style={{ borderRadius: 6, background: item.read ? undefined : 'var(--mantine-color-blue-light)' }}
                data-unread={!item.read}
              >
                <Text size="sm" fw={item.read ? 400 : 600} lineClamp={2}>
                  {item.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {dayjs(item.createdAt).fromNow()}
                </Text>
              </UnstyledButton>
            ))}
          </Stack>
        </ScrollArea.Autosize>
        {(list.data?.total ?? 0) > (list.data?.items.length ?? 0) && (
          <Text size="xs" c="dimmed" ta="center" mt="xs">
            {t('more', { count: (list.data?.total ?? 0) - (list.data?.items.length ?? 0) })}
          </Text>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
