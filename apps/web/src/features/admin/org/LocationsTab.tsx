import { Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { isNotEmpty } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { fromId, idOptions, orNull, toId } from '../../../lib/options.ts';
import { MasterDataTab } from './MasterDataTab.tsx';
import { orgApi, useOrgAll } from './org.queries.ts';

export function LocationsTab() {
  const { t } = useTranslation(['admin', 'common']);
  const companies = useOrgAll('companies');
  const companyName = (id: number | null) => companies.data?.find((c) => c.id === id)?.name ?? '—';
  return (
    <MasterDataTab
      entity="locations"
      columns={[
        { key: 'name', header: t('org.fields.name'), render: (l) => l.name },
        { key: 'company', header: t('org.fields.company'), render: (l) => companyName(l.companyId) },
        { key: 'address', header: t('org.fields.address'), render: (l) => l.address ?? '—' },
      ]}
      initialValues={{ name: '', companyId: '', address: '' }}
      toValues={(l) => ({ name: l.name, companyId: fromId(l.companyId), address: l.address ?? '' })}
      validate={{ name: isNotEmpty(t('common:validation.required')) }}
      save={(values, location) => {
        const body = { name: values.name.trim(), companyId: toId(values.companyId), address: orNull(values.address) };
        return location ? orgApi.locations.update(location.id, { version: location.version, ...body }) : orgApi.locations.create(body);
      }}
      setActive={(location, active) => orgApi.locations.update(location.id, { version: location.version, active })}
      fields={(form) => (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('org.fields.name')} required data-autofocus {...form.getInputProps('name')} />
          <Select
            label={t('org.fields.company')}
            placeholder={t('org.allCompanies')}
            data={idOptions(companies.data, (c) => c.name)}
            clearable
            searchable
            {...form.getInputProps('companyId')}
          />
          <Textarea label={t('org.fields.address')} autosize minRows={2} {...form.getInputProps('address')} />
        </SimpleGrid>
      )}
    />
  );
}
