import { Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../components/form-errors.ts';
import { LoadingState } from '../../components/LoadingState.tsx';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { useMe, useTimeZone } from '../session/session.queries.ts';
import { type BillingSettings, useBillingSettings, useRunPeriod, useSaveBillingSettings } from './billing.queries.ts';
import { periodNow, shiftMonth, useBillingFormat } from './billing-format.ts';

/** A company's billing rules (billing administration) and running a finished month by hand. */
export function SettingsPage() {
  const settings = useBillingSettings();
  if (settings.error) return <ProblemAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return <LoadingState />;
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <SettingsForm settings={settings.data} />
      <RunCard />
    </SimpleGrid>
  );
}

function SettingsForm({ settings }: { settings: BillingSettings }) {
  const { t } = useTranslation(['billing', 'common']);
  const me = useMe();
  const save = useSaveBillingSettings();
  const { companyId: _c, ...initial } = settings;
  const form = useForm({ mode: 'controlled', initialValues: initial });
  // biome-ignore lint/correctness/useExhaustiveDependencies: a saved version is the new starting point
  useEffect(() => {
    form.setValues(initial);
    form.resetDirty(initial);
  }, [settings.version]);
  return (
    <Card
      withBorder
      padding="lg"
      component="form"
      noValidate
      onSubmit={form.onSubmit((values) =>
        save.mutate(values, {
          onSuccess: () => notifications.show({ color: 'green', message: t('settings.saved') }),
          onError: (error) => applyServerErrors(form, error),
        }),
      )}
    >
      <Stack>
        <div>
          <Title order={4} size="h5">
            {t('settings.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('settings.description', { company: me.company.name })}
          </Text>
        </div>
        <ProblemAlert error={save.error} fields={Object.keys(initial)} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('settings.invoiceDay')}
            min={1}
            max={28}
            allowDecimal={false}
            {...form.getInputProps('invoiceDay')}
            data-testid="settings-day"
          />
          <NumberInput
            label={t('settings.paymentTerm')}
            min={1}
            max={180}
            allowDecimal={false}
            {...form.getInputProps('paymentTermDays')}
            data-testid="settings-term"
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt={-8}>
          {t('settings.invoiceDayHelp')}
        </Text>
        <TextInput
          label={t('settings.numberPattern')}
          description={t('settings.numberPatternHelp')}
          {...form.getInputProps('numberPattern')}
          data-testid="settings-pattern"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('settings.signatoryName')} {...form.getInputProps('signatoryName')} data-testid="settings-signatory" />
          <TextInput label={t('settings.signatoryTitle')} {...form.getInputProps('signatoryTitle')} />
        </SimpleGrid>
        <NumberInput
          label={t('settings.reminderDays')}
          min={0}
          max={60}
          allowDecimal={false}
          {...form.getInputProps('reminderDays')}
          maw={260}
        />
        <Switch
          label={t('settings.autoIssue')}
          description={t('settings.autoIssueHelp')}
          {...form.getInputProps('autoIssue', { type: 'checkbox' })}
          data-testid="settings-auto"
        />
        <Switch label={t('settings.notifyApprovers')} {...form.getInputProps('notifyApprovers', { type: 'checkbox' })} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} data-testid="settings-save">
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function RunCard() {
  const { t } = useTranslation('billing');
  const format = useBillingFormat();
  const run = useRunPeriod();
  const last = shiftMonth(periodNow(useTimeZone()), -1);
  const [period, setPeriod] = useState(last);
  return (
    <Card withBorder padding="lg">
      <Stack>
        <div>
          <Title order={4} size="h5">
            {t('settings.runTitle')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('settings.runHelp')}
          </Text>
        </div>
        <ProblemAlert error={run.error} fields={['period']} />
        <Group align="flex-end">
          <Select
            label={t('settings.runPeriod')}
            data={Array.from({ length: 12 }, (_, i) => shiftMonth(last, -i)).map((p) => ({ value: p, label: format.period(p) }))}
            value={period}
            onChange={(v) => v && setPeriod(v)}
            allowDeselect={false}
            w={220}
            data-testid="run-period"
          />
          <Button
            loading={run.isPending}
            onClick={() =>
              run.mutate(
                { period },
                {
                  onSuccess: (result) =>
                    notifications.show({
                      color: 'green',
                      message: result.created ? t('settings.runDone', { count: result.created }) : t('settings.runNothing'),
                    }),
                },
              )
            }
            data-testid="run-submit"
          >
            {t('settings.run')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
