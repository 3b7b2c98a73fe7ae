import { Badge, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Fact } from '../../components/Fact.tsx';
import { useCompanies, useUnits } from '../tickets/tickets.queries.ts';
import type { ItemVersion } from './catalog.queries.ts';
import { formOf } from './form-fields.ts';

/** What a reviewer checks beyond the price: who may order the version and the fields of its request form. */
export function VersionDetails({ version }: { version: ItemVersion }) {
  const { t, i18n } = useTranslation('catalog');
  const en = i18n.language === 'en';
  const units = useUnits().data ?? [];
  const companies = useCompanies().data ?? [];
  const audience = version.audience as { all?: boolean; unitIds?: number[]; companyIds?: number[] };
  const named = [
    ...(audience.companyIds ?? []).map((id) => companies.find((c) => c.id === id)?.name ?? `#${id}`),
    ...(audience.unitIds ?? []).map((id) => units.find((u) => u.id === id)?.name ?? `#${id}`),
  ];
  const fields = formOf(version.form);
  return (
    <Stack gap="sm" data-testid="version-details">
      <Fact label={t('details.audience')}>{audience.all ? t('details.everyone') : named.join(', ') || '—'}</Fact>
      <Fact label={t('builder.title')}>
        {fields.length === 0 ? (
          t('details.noFields')
        ) : (
          <List size="sm" spacing={4} mt={4}>
            {fields.map((f) => (
              <List.Item key={f.key}>
                <Group gap={6}>
                  <Text size="sm">{en ? f.labelEn : f.labelId}</Text>
                  <Text size="xs" c="dimmed">
                    {t(`fieldTypes.${f.type}`)}
                  </Text>
                  {f.required && (
                    <Badge size="xs" variant="light" color="red">
                      {t('builder.required')}
                    </Badge>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Fact>
    </Stack>
  );
}
