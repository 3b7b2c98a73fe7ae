import { ColorInput, SimpleGrid, TextInput } from '@mantine/core';
import { isNotEmpty, matches, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { LogoField } from './LogoField.tsx';
import { SettingsCard } from './SettingsCard.tsx';
import { type Settings, useRemoveLogo, useSaveIdentity, useUploadLogo } from './settings.queries.ts';

export const SWATCHES = ['#1c7ed6', '#0b7285', '#2b8a3e', '#e8590c', '#c92a2a', '#862e9c', '#5f3dc4', '#212529'];

export function IdentityCard({ identity }: { identity: Settings['identity'] }) {
  const { t } = useTranslation(['admin', 'common']);
  const save = useSaveIdentity();
  const uploadLogo = useUploadLogo();
  const removeLogo = useRemoveLogo();
  const form = useForm({
    name: 'identity',
    initialValues: { organisationName: identity.organisationName, primaryColor: identity.primaryColor },
    validate: {
      organisationName: isNotEmpty(t('common:validation.required')),
      primaryColor: matches(/^#[0-9a-fA-F]{6}$/, t('settings.identity.colorFormat')),
    },
  });
  const submit = form.onSubmit((values) =>
    save.mutate(
      { version: identity.version, organisationName: values.organisationName.trim(), primaryColor: values.primaryColor },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('settings.saved') }),
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <SettingsCard
      title={t('settings.identity.title')}
      description={t('settings.identity.description')}
      onSubmit={submit}
      saving={save.isPending}
      error={save.error}
      fields={Object.keys(form.values)}
      testId="settings-identity"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('settings.identity.organisationName')} required {...form.getInputProps('organisationName')} />
        <ColorInput
          label={t('settings.identity.primaryColor')}
          format="hex"
          swatches={SWATCHES}
          swatchesPerRow={8}
          {...form.getInputProps('primaryColor')}
        />
      </SimpleGrid>
      <LogoField logoUrl={identity.logoUrl} upload={uploadLogo} remove={removeLogo} />
    </SettingsCard>
  );
}
