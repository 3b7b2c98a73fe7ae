import { DEFAULT_TIME_ZONE } from '@ish/shared';
import { SimpleGrid, TextInput } from '@mantine/core';
import { isNotEmpty } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { TimeZoneSelect } from '../../../components/TimeZoneSelect.tsx';
import { MasterDataTab } from './MasterDataTab.tsx';
import { orgApi } from './org.queries.ts';

export function CompaniesTab() {
  const { t } = useTranslation(['admin', 'common']);
  const required = isNotEmpty(t('common:validation.required'));
  return (
    <MasterDataTab
      entity="companies"
      columns={[
        { key: 'code', header: t('org.fields.code'), render: (c) => c.code },
        { key: 'name', header: t('org.fields.name'), render: (c) => c.name },
        { key: 'timeZone', header: t('org.fields.timeZone'), render: (c) => c.timeZone },
      ]}
      initialValues={{ code: '', name: '', timeZone: DEFAULT_TIME_ZONE }}
      toValues={(c) => ({ code: c.code, name: c.name, timeZone: c.timeZone })}
      validate={{ code: required, name: required, timeZone: required }}
      save={(values, company) =>
        company ? orgApi.companies.update(company.id, { version: company.version, ...values }) : orgApi.companies.create(values)
      }
      setActive={(company, active) => orgApi.companies.update(company.id, { version: company.version, active })}
      fields={(form) => (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('org.fields.code')} required data-autofocus {...form.getInputProps('code')} />
          <TextInput label={t('org.fields.name')} required {...form.getInputProps('name')} />
          <TimeZoneSelect label={t('org.fields.timeZone')} required {...form.getInputProps('timeZone')} />
        </SimpleGrid>
      )}
    />
  );
}
