import { Button, Card, MultiSelect, NumberInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { idOptions } from '../../lib/options.ts';
import { type ChangeSettings, useChangePeople, useChangeSettings, useSaveChangeSettings } from './changes.queries.ts';

/** The CAB's rule, the emergency CAB and the number pattern (status webhooks live with every other webhook under Integrations). */
export function ChangeSettingsPage() {
  const { t } = useTranslation('changes');
  const settings = useChangeSettings();
  if (settings.error) return <ProblemAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <LoadingState />;
  return (
    <Stack gap="xl">
      <RuleCard settings={settings.data} />
      <Text size="sm" c="dimmed">
        {t('settings.webhooksMoved')}
      </Text>
    </Stack>
  );
}

function RuleCard({ settings }: { settings: ChangeSettings }) {
  const { t } = useTranslation('changes');
  const save = useSaveChangeSettings();
  const cab = useChangePeople('cab_member');
  const [v, setV] = useState(settings);
  return (
    <Card withBorder>
      <Title order={4}>{t('settings.cab')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('settings.cabHelp')}
      </Text>
      <Stack>
        <ProblemAlert error={save.error} />
        <SegmentedControl
          data={[
            { value: 'majority', label: t('settings.majority') },
            { value: 'any_reject_blocks', label: t('settings.anyReject') },
          ]}
          value={v.cabRule}
          onChange={(rule) => setV({ ...v, cabRule: rule as ChangeSettings['cabRule'] })}
          data-testid="settings-rule"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('settings.quorum')}
            min={1}
            max={50}
            value={v.quorum}
            onChange={(n) => setV({ ...v, quorum: Number(n) || 1 })}
          />
          <NumberInput
            label={t('settings.emergencyQuorum')}
            min={1}
            max={50}
            value={v.emergencyQuorum}
            onChange={(n) => setV({ ...v, emergencyQuorum: Number(n) || 1 })}
          />
        </SimpleGrid>
        <MultiSelect
          label={t('settings.emergencyCab')}
          description={t('settings.emergencyCabHelp')}
          data={idOptions(cab.data?.items, (p) => `${p.name} · ${p.unit.name}`)}
          value={v.emergencyCabUserIds.map(String)}
          onChange={(ids) => setV({ ...v, emergencyCabUserIds: ids.map(Number) })}
        />
        <TextInput
          label={t('settings.numberPattern')}
          value={v.numberPattern}
          onChange={(e) => setV({ ...v, numberPattern: e.currentTarget.value })}
        />
        <Button
          w="fit-content"
          loading={save.isPending}
          onClick={() =>
            save.mutate(v, {
              onSuccess: (saved) => {
                setV(saved);
                notifications.show({ color: 'green', message: t('settings.saved') });
              },
            })
          }
          data-testid="settings-save"
        >
          {t('common:actions.save' as 'settings.saved')}
        </Button>
      </Stack>
    </Card>
  );
}
