import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { TimeZoneSelect } from '../../../components/TimeZoneSelect.tsx';
import { SettingsCard } from './SettingsCard.tsx';
import { type Settings, useSaveRegional } from './settings.queries.ts';

export function RegionalCard({ regional }: { regional: Settings['regional'] }) {
  const { t } = useTranslation('admin');
  const save = useSaveRegional();
  const form = useForm({ name: 'regional', initialValues: { defaultTimeZone: regional.defaultTimeZone } });
  const submit = form.onSubmit((values) =>
    save.mutate(
      { version: regional.version, ...values },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('settings.saved') }),
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <SettingsCard
      title={t('settings.regional.title')}
      description={t('settings.regional.description')}
      onSubmit={submit}
      saving={save.isPending}
      error={save.error}
      fields={Object.keys(form.values)}
      testId="settings-regional"
    >
      <TimeZoneSelect label={t('settings.regional.defaultTimeZone')} maw={360} {...form.getInputProps('defaultTimeZone')} />
    </SettingsCard>
  );
}
