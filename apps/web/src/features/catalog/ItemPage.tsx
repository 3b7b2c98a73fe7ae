import { Alert, Anchor, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useCatalogItem } from './catalog.queries.ts';
import { ItemActions } from './ItemActions.tsx';
import { ItemStateBadge } from './ItemBadges.tsx';
import { OrderForm } from './OrderForm.tsx';
import { VersionDetails } from './VersionDetails.tsx';
import { VersionFacts } from './VersionFacts.tsx';
import { VersionHistory } from './VersionHistory.tsx';

/**
 * One catalog item. Requesters see the published version and order it;
 * providers and Catalog Managers also see the version being edited or
 * reviewed, its history, and the lifecycle actions the server allows.
 */
export function ItemPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const { t } = useTranslation('catalog');
  const query = useCatalogItem(Number(id));
  if (query.error) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const item = query.data;
  if (!item) return <LoadingState />;
  const shown = item.published ?? item.working;
  // Providers and Catalog Managers (anyone with more to do than ordering) also see audience and form.
  const insider = item.allowedActions.some((a) => a !== 'order');
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/catalog" size="sm">
        ← {t('item.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={3} data-testid="item-name">
            {shown?.name}
          </Title>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {item.code}
            </Text>
            {insider && <ItemStateBadge state={item.state} testId="item-state" />}
          </Group>
        </Stack>
        <ItemActions item={item} />
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: item.allowedActions.includes('order') ? 6 : 12 }}>
          <Stack gap="lg">
            {shown && <VersionFacts version={shown} provider={item.provider.name} />}
            {shown && insider && !item.published && <VersionDetails version={shown} />}
            {item.working && item.published && (
              <Card withBorder padding="md" data-testid="working-version">
                <Stack gap="sm">
                  <Group gap="xs">
                    <Title order={4} size="h5">
                      {t('item.workingVersion', { number: item.working.number })}
                    </Title>
                    <ItemStateBadge state={item.working.state} />
                  </Group>
                  <VersionFacts version={item.working} provider={item.provider.name} />
                  <VersionDetails version={item.working} />
                </Stack>
              </Card>
            )}
            {item.working?.rejectionReason && (
              <Alert color="red" title={t('item.rejected')}>
                {item.working.rejectionReason}
              </Alert>
            )}
            {item.history.length > 0 && <VersionHistory item={item} />}
          </Stack>
        </Grid.Col>
        {item.allowedActions.includes('order') && item.published && (
          <Grid.Col span={{ base: 12, md: 6 }}>
            <OrderForm item={item} version={item.published} />
          </Grid.Col>
        )}
      </Grid>
    </Stack>
  );
}
