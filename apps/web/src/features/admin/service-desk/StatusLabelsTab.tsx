import { Code, Divider, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useStatusLabels } from '../../tickets/tickets.queries.ts';
import { SettingsCard } from '../settings/SettingsCard.tsx';
import { type StatusLabels, useSaveStatusLabels } from './service-desk.queries.ts';

type Item = StatusLabels['items'][number];
const LOCALES = ['id', 'en'] as const;
const keyOf = (item: Pick<Item, 'status' | 'locale'>) => `${item.status}.${item.locale}`;

export function StatusLabelsTab() {
  const labels = useStatusLabels();
  if (labels.error) return <ProblemAlert error={labels.error} onRetry={() => void labels.refetch()} />;
  if (!labels.data) return <LoadingState />;
  return <LabelsForm key={labels.data.version} labels={labels.data} />;
}

/** Status names per language (001's Baru / Diproses / Selesai); an empty field keeps the built-in name. */
function LabelsForm({ labels }: { labels: StatusLabels }) {
  const { t } = useTranslation('tickets');
  const save = useSaveStatusLabels();
  // Wide screens name the languages once in a header row; phones stack the inputs, each with its label.
  const phone = useMediaQuery('(max-width: 48em)');
  const [values, setValues] = useState(() => new Map(labels.items.map((item) => [keyOf(item), item.custom ? item.label : ''])));
  const statuses = [...new Set(labels.items.map((item) => item.status))];
  const defaultOf = (status: string, locale: string) =>
    labels.items.find((item) => item.status === status && item.locale === locale)?.defaultLabel ?? status;
  const submit = (event?: React.FormEvent) => {
    event?.preventDefault();
    save.mutate(
      {
        version: labels.version,
        labels: labels.items.map(({ status, locale }) => ({ status, locale, label: values.get(keyOf({ status, locale }))?.trim() ?? '' })),
      },
      { onSuccess: () => notifications.show({ color: 'green', message: t('admin.saved') }) },
    );
  };
  return (
    <SettingsCard
      title={t('admin.labels.title')}
      description={t('admin.labels.description')}
      onSubmit={submit}
      saving={save.isPending}
      error={save.error}
      fields={[]}
      testId="status-labels"
    >
      <Stack gap="sm">
        <SimpleGrid cols={3} visibleFrom="sm" spacing="xs">
          <Text size="sm" fw={600}>
            {t('field.status')}
          </Text>
          {LOCALES.map((locale) => (
            <Text key={locale} size="sm" fw={600}>
              {t(`admin.labels.locale.${locale}`)}
            </Text>
          ))}
        </SimpleGrid>
        {statuses.map((status, index) => (
          <Fragment key={status}>
            {index > 0 && <Divider hiddenFrom="sm" />}
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" verticalSpacing={4}>
              <Code style={{ alignSelf: 'center', justifySelf: 'start' }}>{status}</Code>
              {LOCALES.map((locale) => (
                <TextInput
                  key={locale}
                  aria-label={t('admin.labels.input', { status, locale: t(`admin.labels.locale.${locale}`) })}
                  label={phone ? t(`admin.labels.locale.${locale}`) : undefined}
                  placeholder={defaultOf(status, locale)}
                  maxLength={60}
                  value={values.get(`${status}.${locale}`) ?? ''}
                  onChange={(e) => {
                    const next = new Map(values);
                    next.set(`${status}.${locale}`, e.currentTarget.value);
                    setValues(next);
                  }}
                  data-testid={`label-${status}-${locale}`}
                />
              ))}
            </SimpleGrid>
          </Fragment>
        ))}
      </Stack>
    </SettingsCard>
  );
}
