import { Anchor, Badge, Card, Chip, EmptyState, Group, Pagination, SimpleGrid, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconInbox, IconSearch } from '@tabler/icons-react';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { PAGE_SIZE, useCatalogCategories, useCatalogItems } from './catalog.queries.ts';
import { useCatalogFormat } from './catalog-format.ts';

export interface BrowseSearch {
  q?: string;
  category?: string;
  page?: number;
}

/** What the user may order, by category, with a search box; search, category and page live in the URL. */
export function BrowsePage() {
  const { t } = useTranslation(['catalog', 'common']);
  const search: BrowseSearch = useSearch({ strict: false });
  const navigate = useNavigate();
  const format = useCatalogFormat();
  const categories = useCatalogCategories('categoryName');
  const items = useCatalogItems({ view: 'browse', q: search.q, category: search.category, page: search.page ?? 1 });
  const go = (next: BrowseSearch) => void navigate({ to: '/catalog', search: { ...search, page: undefined, ...next }, replace: true });
  const [typed, setTyped] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(typed.trim(), 300);
  // An effect (not a timer) applies the search, so nothing navigates after the user has left the page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new search term should navigate
  useEffect(() => {
    if (debounced !== (search.q ?? '')) go({ q: debounced || undefined });
  }, [debounced]);

  return (
    <Stack>
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={t('browse.search')}
        aria-label={t('browse.search')}
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        data-testid="catalog-search"
        maw={480}
      />
      {categories.data && categories.data.length > 1 && (
        <Chip.Group value={search.category ?? ''} onChange={(value) => go({ category: (value as string) || undefined })}>
          <Group gap="xs" aria-label={t('browse.categories')}>
            <Chip value="" size="sm">
              {t('browse.allCategories')}
            </Chip>
            {categories.data.map((c) => (
              <Chip key={c} value={c} size="sm">
                {c}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      )}
      {items.error && <ProblemAlert error={items.error} onRetry={() => void items.refetch()} />}
      {!items.data && !items.error && <Skeleton height={200} aria-label={t('common:states.loading')} />}
      {items.data && items.data.items.length === 0 && (
        <EmptyState icon={<IconInbox size={28} />} title={t('browse.empty')} withIndicatorBackground py="xl" />
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="catalog-items">
        {items.data?.items.map((item) => {
          const v = item.published;
          if (!v) return null;
          return (
            <Card key={item.id} withBorder padding="md" data-testid="catalog-item-card">
              <Stack gap="xs" h="100%">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Anchor renderRoot={(props) => <Link {...props} to="/catalog/items/$id" params={{ id: String(item.id) }} />} fw={600}>
                    {v.name}
                  </Anchor>
                  <Badge variant="light" style={{ flexShrink: 0 }}>
                    {v.categoryName}
                  </Badge>
                </Group>
                <Text size="sm" c="dimmed" lineClamp={3} style={{ flexGrow: 1 }}>
                  {v.description || t('item.noDescription')}
                </Text>
                <Group justify="space-between" gap="xs">
                  <Text size="sm" fw={600}>
                    {format.rate(v.rate, v.costModel, v.unitLabel)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {item.provider.name}
                  </Text>
                </Group>
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
      {items.data && items.data.total > PAGE_SIZE && (
        <Pagination
          value={items.data.page}
          total={Math.ceil(items.data.total / PAGE_SIZE)}
          onChange={(page) => void navigate({ to: '/catalog', search: { ...search, page }, replace: true })}
          size="sm"
        />
      )}
    </Stack>
  );
}
