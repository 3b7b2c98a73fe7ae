import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../session/use-format.ts';
import type { CatalogItem } from './catalog.queries.ts';
import { useCatalogFormat } from './catalog-format.ts';
import { ItemStateBadge } from './ItemBadges.tsx';

/**
 * Every version of an item: number, state, rate, decision date and a rejection's
 * reason. One line per version that wraps, rather than a five-column table that
 * was clipped in the half-width column at 1280 px (issue 16 point 9).
 */
export function VersionHistory({ item }: { item: CatalogItem }) {
  const { t } = useTranslation('catalog');
  const { dateTime } = useFormat();
  const format = useCatalogFormat();
  return (
    <Stack gap="xs">
      <Title order={4} size="h5">
        {t('history.title')}
      </Title>
      <Card withBorder padding={0} data-testid="version-history">
        {item.history.length === 0 && (
          <Text c="dimmed" size="sm" p="sm">
            {t('history.empty')}
          </Text>
        )}
        {item.history.map((v, i) => (
          <Stack
            key={v.id}
            gap={2}
            p="sm"
            style={i > 0 ? { borderTop: '1px solid var(--mantine-color-default-border)' } : undefined}
            data-testid="version-history-row"
          >
            <Group gap="xs" wrap="wrap">
              <Text fw={600} size="sm">
                v{v.number}
              </Text>
              <ItemStateBadge state={v.state} />
              <Text size="sm">{format.money(v.rate)}</Text>
              <Text size="sm" c="dimmed">
                {t('history.decidedAt')}: {v.decidedAt ? dateTime(v.decidedAt) : '—'}
              </Text>
            </Group>
            {v.rejectionReason && (
              <Text size="sm" c="red" style={{ overflowWrap: 'anywhere' }}>
                {t('history.reason')}: {v.rejectionReason}
              </Text>
            )}
          </Stack>
        ))}
      </Card>
    </Stack>
  );
}
