import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../components/Fact.tsx';
import { useFormatDuration } from '../admin/sla/DurationInput.tsx';
import type { ItemVersion } from './catalog.queries.ts';
import { useCatalogFormat } from './catalog-format.ts';

/** What a version offers: description, price model and rate, targets and the flags that matter to a requester. */
export function VersionFacts({ version, provider }: { version: ItemVersion; provider: string }) {
  const { t } = useTranslation('catalog');
  const format = useCatalogFormat();
  const duration = useFormatDuration();
  return (
    <Stack gap="md">
      <Text style={{ whiteSpace: 'pre-wrap' }}>{version.description || t('item.noDescription')}</Text>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md">
        <Fact label={t('item.provider')}>{provider}</Fact>
        <Fact label={t('item.category')}>{version.categoryName}</Fact>
        <Fact label={t('item.costModel')}>{t(`costModels.${version.costModel}`)}</Fact>
        <Fact label={t('item.rate')}>
          <span data-testid="item-rate">{format.rate(version.rate, version.costModel, version.unitLabel)}</span>
        </Fact>
        <Fact label={t('item.response')}>{duration(version.responseMinutes)}</Fact>
        <Fact label={t('item.resolution')}>{duration(version.resolutionMinutes)}</Fact>
      </SimpleGrid>
      {(version.alwaysApproval || !version.predefined) && (
        <Group gap="xs">
          {version.alwaysApproval && (
            <Badge color="orange" variant="light">
              {t('item.alwaysApproval')}
            </Badge>
          )}
          {!version.predefined && <Badge variant="light">{t('item.custom')}</Badge>}
        </Group>
      )}
    </Stack>
  );
}
