import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { PAGE_SIZE, useCatalogItems } from './catalog.queries.ts';
import { useCatalogFormat } from './catalog-format.ts';
import { ItemStateBadge } from './ItemBadges.tsx';

/**
 * Items seen from inside: a provider's own division's items in every state
 * (`mine`, with "new item"), or the Catalog Manager's review queue (`review`).
 */
export function ItemListPage({ view }: { view: 'mine' | 'review' }) {
  const { t } = useTranslation('catalog');
  const format = useCatalogFormat();
  const [page, setPage] = useState(1);
  const items = useCatalogItems({ view, page });
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t(view === 'mine' ? 'provide.description' : 'review.description')}
        </Text>
        {view === 'mine' && (
          <Button component={Link} to="/catalog/provide/new" leftSection={<IconPlus size={16} />} data-testid="item-new">
            {t('provide.new')}
          </Button>
        )}
      </Group>
      <DataTable
        testId={`items-${view}`}
        rows={items.data?.items}
        rowKey={(i) => i.id}
        loading={items.isLoading}
        error={items.error}
        onRetry={() => void items.refetch()}
        emptyText={t(view === 'mine' ? 'provide.empty' : 'review.empty')}
        pagination={items.data && { page, pageSize: PAGE_SIZE, total: items.data.total, onChange: setPage }}
        columns={[
          {
            key: 'name',
            header: t('item.name'),
            render: (i) => (
              <Anchor
                renderRoot={(props) =>
                  view === 'mine' ? (
                    <Link {...props} to="/catalog/provide/$id" params={{ id: String(i.id) }} />
                  ) : (
                    <Link {...props} to="/catalog/items/$id" params={{ id: String(i.id) }} />
                  )
                }
              >
                {(i.working ?? i.published)?.name}
              </Anchor>
            ),
          },
          { key: 'code', header: t('item.code'), render: (i) => i.code },
          { key: 'provider', header: t('item.provider'), render: (i) => i.provider.name },
          {
            key: 'rate',
            header: t('item.rate'),
            render: (i) => {
              const v = i.working ?? i.published;
              return v ? format.rate(v.rate, v.costModel, v.unitLabel) : '—';
            },
          },
          { key: 'state', header: t('item.state'), render: (i) => <ItemStateBadge state={i.state} /> },
          {
            key: 'version',
            header: t('history.version'),
            render: (i) => `v${(i.working ?? i.published)?.number ?? 1}`,
          },
        ]}
      />
    </Stack>
  );
}
