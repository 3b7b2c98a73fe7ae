import { ColorInput, Select, SimpleGrid, TextInput } from '@mantine/core';
import { matches, useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { SWATCHES } from './IdentityCard.tsx';
import { LogoField } from './LogoField.tsx';
import { SettingsCard } from './SettingsCard.tsx';
import {
  type CompanyBranding,
  useCompanyBranding,
  useRemoveCompanyLogo,
  useSaveCompanyBranding,
  useUploadCompanyLogo,
} from './settings.queries.ts';

/** Each company's own name, colour and logo over the organisation's; the picker lists the companies the caller manages. */
export function CompanyIdentityCard() {
  const { t } = useTranslation('admin');
  const companies = useCompanyBranding();
  const [picked, setPicked] = useState<string | null>(null);
  const items = companies.data?.items ?? [];
  const company = items.find((c) => String(c.companyId) === picked) ?? items[0];
  const organisation = companies.data?.organisation;
  if (!company || !organisation) return null;
  return (
    <CompanyIdentityForm
      key={`${company.companyId}-${company.version}-${company.logoUrl}`}
      company={company}
      organisation={organisation}
      picker={
        <Select
          label={t('settings.company.company')}
          data={items.map((c) => ({ value: String(c.companyId), label: c.companyName }))}
          value={String(company.companyId)}
          onChange={setPicked}
          allowDeselect={false}
          searchable={items.length > 6}
          data-testid="company-branding-company"
        />
      }
    />
  );
}

function CompanyIdentityForm({
  company,
  organisation,
  picker,
}: {
  company: CompanyBranding;
  organisation: { name: string; primaryColor: string };
  picker: ReactNode;
}) {
  const { t } = useTranslation(['admin', 'common']);
  const save = useSaveCompanyBranding(company.companyId);
  const uploadLogo = useUploadCompanyLogo(company.companyId);
  const removeLogo = useRemoveCompanyLogo(company.companyId);
  const form = useForm({
    name: 'company-identity',
    initialValues: { name: company.name ?? '', primaryColor: company.primaryColor ?? '' },
    validate: { primaryColor: (v) => (v === '' ? null : matches(/^#[0-9a-fA-F]{6}$/, t('settings.identity.colorFormat'))(v)) },
  });
  const submit = form.onSubmit((values) =>
    save.mutate(
      { version: company.version, name: values.name.trim() || null, primaryColor: values.primaryColor || null },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('settings.saved') }),
        onError: (error) => applyServerErrors(form, error),
      },
    ),
  );
  return (
    <SettingsCard
      title={t('settings.company.title')}
      description={t('settings.company.description')}
      onSubmit={submit}
      saving={save.isPending}
      error={save.error}
      fields={Object.keys(form.values)}
      testId="settings-company-identity"
    >
      {picker}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('settings.company.name')}
          placeholder={organisation.name}
          description={t('settings.company.inherit')}
          data-testid="company-branding-name"
          {...form.getInputProps('name')}
        />
        <ColorInput
          label={t('settings.identity.primaryColor')}
          placeholder={organisation.primaryColor}
          description={t('settings.company.inherit')}
          format="hex"
          swatches={SWATCHES}
          swatchesPerRow={8}
          data-testid="company-branding-color"
          {...form.getInputProps('primaryColor')}
        />
      </SimpleGrid>
      <LogoField logoUrl={company.logoUrl} upload={uploadLogo} remove={removeLogo} hint={t('settings.company.logoHint')} />
    </SettingsCard>
  );
}
