import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable.tsx';
import { useFormat } from '../session/use-format.ts';
import type { CatalogItem } from './catalog.queries.ts';
import { useCatalogFormat } from './catalog-format.ts';
import { ItemStateBadge } from './ItemBadges.tsx';

/** Every version of an item: number, state, rate, decision date and a rejection's reason. */
export function VersionHistory({ item }: { item: CatalogItem }) {
  const { t } = useTranslation('catalog');
  const { dateTime } = useFormat();
  const format = useCatalogFormat();
  return (
    <Stack gap="xs">
      <Title order={4} size="h5">
        {t('history.title')}
      </Title>
      <DataTable
        testId="version-history"
        rows={item.history}
        rowKey={(v) => v.id}
        loading={false}
        error={null}
        onRetry={() => {}}
        emptyText={t('history.empty')}
        columns={[
          { key: 'number', header: t('history.version'), render: (v) => `v${v.number}` },
          { key: 'state', header: t('history.state'), render: (v) => <ItemStateBadge state={v.state} /> },
          { key: 'rate', header: t('item.rate'), render: (v) => format.money(v.rate) },
          { key: 'decided', header: t('history.decidedAt'), render: (v) => (v.decidedAt ? dateTime(v.decidedAt) : '—') },
          { key: 'reason', header: t('history.reason'), render: (v) => v.rejectionReason ?? '—' },
        ]}
      />
    </Stack>
  );
}
