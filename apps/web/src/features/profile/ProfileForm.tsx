import { LOCALES, type Locale } from '@ish/shared';
import { Button, Card, Group, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../components/form-errors.ts';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { TimeZoneSelect } from '../../components/TimeZoneSelect.tsx';
import { useBranding, useMe } from '../session/session.queries.ts';
import { useUpdateProfile } from './profile.queries.ts';

export function ProfileForm() {
  const { t } = useTranslation(['profile', 'common']);
  const me = useMe();
  const branding = useBranding();
  const update = useUpdateProfile();
  const form = useForm({
    name: 'profile',
    initialValues: { name: me.user.name, phone: me.user.phone ?? '', locale: me.user.locale as Locale, timeZone: me.user.timeZone ?? '' },
    validate: { name: isNotEmpty(t('common:validation.required')) },
  });
  const submit = form.onSubmit((values) =>
    update.mutate(
      {
        version: me.user.version,
        name: values.name.trim(),
        phone: values.phone.trim() || null,
        locale: values.locale,
        timeZone: values.timeZone || null,
      },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('saved') }),
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <Card withBorder padding="lg">
      <form onSubmit={submit} noValidate data-testid="profile-form">
        <Stack>
          <Title order={3} size="h4">
            {t('details')}
          </Title>
          <ProblemAlert error={update.error} fields={Object.keys(form.values)} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('fields.name')} required autoComplete="name" data-testid="profile-name" {...form.getInputProps('name')} />
            <TextInput label={t('fields.email')} value={me.user.email} readOnly variant="filled" />
            <TextInput
              label={t('fields.phone')}
              type="tel"
              autoComplete="tel"
              data-testid="profile-phone"
              {...form.getInputProps('phone')}
            />
            <Select
              label={t('fields.locale')}
              data={LOCALES.map((l) => ({ value: l, label: t(`common:language.${l}`) }))}
              allowDeselect={false}
              data-testid="profile-locale"
              {...form.getInputProps('locale')}
            />
            <TimeZoneSelect
              label={t('fields.timeZone')}
              emptyLabel={t('followOrganisation', { zone: branding.defaultTimeZone })}
              data-testid="profile-timezone"
              {...form.getInputProps('timeZone')}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={!form.isDirty()} data-testid="profile-save">
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
