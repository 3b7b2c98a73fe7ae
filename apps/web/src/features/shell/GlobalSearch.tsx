import { ActionIcon, Badge, Button, Group, Kbd, Loader, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../lib/api-client.ts';
import classes from './GlobalSearch.module.css';

type Results = Awaited<ReturnType<typeof search>>;
const search = (q: string) => unwrap(api.GET('/api/v1/search', { params: { query: { q, limit: 5 } } }));

/**
 * One search over everything the user may see — tickets, service requests,
 * catalog items, knowledge articles, and people for the service desk —
 * from the header, or with Ctrl/⌘ K or "/" anywhere.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const [opened, modal] = useDisclosure(false);
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const navigate = useNavigate();
  useHotkeys([
    ['mod+K', () => modal.open()],
    ['/', () => modal.open()],
  ]);
  const results = useQuery({
    queryKey: ['search', q],
    queryFn: () => search(q),
    enabled: opened && q.length >= 2,
    placeholderData: keepPreviousData,
  });
  const go = (to: () => Promise<void>) => {
    modal.close();
    setText('');
    void to();
  };
  const data: Results | undefined = q.length >= 2 ? results.data : undefined;
  const groups: { key: string; title: string; items: { id: string; label: ReactNode; hint?: string; open: () => Promise<void> }[] }[] = data
    ? [
        {
          key: 'tickets',
          title: t('search.tickets'),
          items: data.tickets.map((x) => ({
            id: x.number,
            label: `${x.number} · ${x.title}`,
            hint: x.statusLabel,
            open: () => navigate({ to: '/tickets/$number', params: { number: x.number } }),
          })),
        },
        {
          key: 'requests',
          title: t('search.requests'),
          items: data.requests.map((x) => ({
            id: x.number,
            label: `${x.number} · ${x.name}`,
            open: () => navigate({ to: '/catalog/requests/$number', params: { number: x.number } }),
          })),
        },
        {
          key: 'catalog',
          title: t('search.catalog'),
          items: data.catalogItems.map((x) => ({
            id: String(x.id),
            label: x.name,
            hint: x.provider,
            open: () => navigate({ to: '/catalog/items/$id', params: { id: String(x.id) } }),
          })),
        },
        {
          key: 'articles',
          title: t('search.articles'),
          items: data.articles.map((x) => ({
            id: x.number,
            label: `${x.number} · ${x.title}`,
            open: () => navigate({ to: '/knowledge/$id', params: { id: String(x.id) }, search: { q } }),
          })),
        },
        {
          key: 'people',
          title: t('search.people'),
          items: data.people.map((x) => ({
            id: String(x.id),
            label: x.name,
            hint: `${x.email} · ${x.unit}`,
            open: () => navigate({ to: '/service-desk', search: { queue: 'all', q: x.name } as never }),
          })),
        },
      ].filter((g) => g.items.length)
    : [];
  const first = groups[0]?.items[0];
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconSearch size={16} />}
        rightSection={<Kbd size="xs">Ctrl K</Kbd>}
        onClick={modal.open}
        visibleFrom="sm"
        w={260}
        justify="space-between"
        styles={{ label: { fontWeight: 400, color: 'var(--mantine-color-dimmed)' } }}
        data-testid="global-search-open"
      >
        {t('search.placeholder')}
      </Button>
      <ActionIcon
        variant="default"
        size="lg"
        hiddenFrom="sm"
        onClick={modal.open}
        aria-label={t('search.placeholder')}
        data-testid="global-search-icon"
      >
        <IconSearch size={18} />
      </ActionIcon>
      <Modal opened={opened} onClose={modal.close} withCloseButton={false} size="lg" padding="sm" yOffset="8vh" data-testid="global-search">
        <Stack gap="sm">
          <TextInput
            data-autofocus
            leftSection={<IconSearch size={18} />}
            rightSection={results.isFetching ? <Loader size="xs" /> : null}
            placeholder={t('search.hint')}
            aria-label={t('search.placeholder')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && first) go(first.open);
            }}
            size="md"
            data-testid="global-search-input"
          />
          <ScrollArea.Autosize mah="60vh">
            <Stack gap="md">
              {groups.map((group) => (
                <div key={group.key} data-testid={`global-search-${group.key}`}>
                  <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={4}>
                    {group.title}
                  </Text>
                  {group.items.map((item) => (
                    <UnstyledButton
                      key={item.id}
                      onClick={() => go(item.open)}
                      w="100%"
                      p={6}
                      style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                      className={classes.item}
                      data-testid="global-search-result"
                    >
                      <Group justify="space-between" wrap="nowrap" gap="xs">
                        <Text size="sm" truncate>
                          {item.label}
                        </Text>
                        {item.hint && (
                          <Badge variant="light" color="gray" size="sm" style={{ flexShrink: 0, maxWidth: '40%' }}>
                            {item.hint}
                          </Badge>
                        )}
                      </Group>
                    </UnstyledButton>
                  ))}
                </div>
              ))}
              {q.length >= 2 && data && !groups.length && (
                <Text size="sm" c="dimmed" ta="center" data-testid="global-search-empty">
                  {t('search.none')}
                </Text>
              )}
            </Stack>
          </ScrollArea.Autosize>
        </Stack>
      </Modal>
    </>
  );
}
