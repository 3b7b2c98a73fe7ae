import { SimpleGrid, TextInput } from '@mantine/core';
import { isNotEmpty } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { orNull } from '../../../lib/options.ts';
import { MasterDataTab } from './MasterDataTab.tsx';
import { orgApi } from './org.queries.ts';

const EMPTY = { name: '', contactName: '', contactEmail: '', contactPhone: '', contractRef: '' };

export function VendorsTab() {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <MasterDataTab
      entity="vendors"
      columns={[
        { key: 'name', header: t('org.fields.name'), render: (v) => v.name },
        { key: 'contact', header: t('org.fields.contactName'), render: (v) => v.contactName ?? '—' },
        { key: 'email', header: t('org.fields.contactEmail'), render: (v) => v.contactEmail ?? '—' },
        { key: 'contract', header: t('org.fields.contractRef'), render: (v) => v.contractRef ?? '—' },
      ]}
      initialValues={EMPTY}
      toValues={(v) => ({
        name: v.name,
        contactName: v.contactName ?? '',
        contactEmail: v.contactEmail ?? '',
        contactPhone: v.contactPhone ?? '',
        contractRef: v.contractRef ?? '',
      })}
      validate={{ name: isNotEmpty(t('common:validation.required')) }}
      save={(values, vendor) => {
        const body = {
          name: values.name.trim(),
          contactName: orNull(values.contactName),
          contactEmail: orNull(values.contactEmail),
          contactPhone: orNull(values.contactPhone),
          contractRef: orNull(values.contractRef),
        };
        return vendor ? orgApi.vendors.update(vendor.id, { version: vendor.version, ...body }) : orgApi.vendors.create(body);
      }}
      setActive={(vendor, active) => orgApi.vendors.update(vendor.id, { version: vendor.version, active })}
      fields={(form) => (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('org.fields.name')} required data-autofocus {...form.getInputProps('name')} />
          <TextInput label={t('org.fields.contractRef')} {...form.getInputProps('contractRef')} />
          <TextInput label={t('org.fields.contactName')} {...form.getInputProps('contactName')} />
          <TextInput label={t('org.fields.contactEmail')} type="email" {...form.getInputProps('contactEmail')} />
          <TextInput label={t('org.fields.contactPhone')} type="tel" {...form.getInputProps('contactPhone')} />
        </SimpleGrid>
      )}
    />
  );
}
