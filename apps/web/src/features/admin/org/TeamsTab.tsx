import { MultiSelect, Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { isNotEmpty } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { fromId, idOptions, toId } from '../../../lib/options.ts';
import { useAllUsers } from '../users/users.queries.ts';
import { MasterDataTab } from './MasterDataTab.tsx';
import { orgApi, useOrgAll } from './org.queries.ts';

const LEVELS = ['1', '2', '3'];

export function TeamsTab() {
  const { t } = useTranslation(['admin', 'common']);
  const companies = useOrgAll('companies');
  const units = useOrgAll('units');
  const users = useAllUsers();
  const userOptions = idOptions(users.data, (u) => `${u.name} (${u.email})`);
  const userName = (id: number | null) => users.data?.find((u) => u.id === id)?.name ?? '—';
  const required = isNotEmpty(t('common:validation.required'));
  return (
    <MasterDataTab
      entity="teams"
      columns={[
        { key: 'name', header: t('org.fields.name'), render: (team) => team.name },
        { key: 'level', header: t('org.fields.level'), render: (team) => t('org.level', { level: team.level }) },
        { key: 'lead', header: t('org.fields.lead'), render: (team) => userName(team.leadUserId) },
        { key: 'members', header: t('org.fields.members'), render: (team) => t('org.memberCount', { count: team.memberIds.length }) },
      ]}
      initialValues={{
        companyId: '',
        unitId: '',
        code: '',
        name: '',
        level: '1',
        leadUserId: '',
        memberIds: [] as string[],
        validatesSolutions: false,
      }}
      toValues={(team) => ({
        companyId: String(team.companyId),
        unitId: fromId(team.unitId),
        code: team.code,
        name: team.name,
        level: String(team.level),
        leadUserId: fromId(team.leadUserId),
        memberIds: team.memberIds.map(String),
        validatesSolutions: team.validatesSolutions,
      })}
      validate={{
        companyId: required,
        code: required,
        name: required,
        // The lead is one of the team.
        leadUserId: (value, values) => (value && !values.memberIds.includes(value) ? t('org.leadMustBeMember') : null),
      }}
      save={(values, team) => {
        const body = {
          companyId: Number(values.companyId),
          unitId: toId(values.unitId),
          code: values.code.trim(),
          name: values.name.trim(),
          level: Number(values.level),
          leadUserId: toId(values.leadUserId),
          memberIds: values.memberIds.map(Number),
          validatesSolutions: values.validatesSolutions,
        };
        return team ? orgApi.teams.update(team.id, { version: team.version, ...body }) : orgApi.teams.create(body);
      }}
      setActive={(team, active) => orgApi.teams.update(team.id, { version: team.version, active })}
      fields={(form) => (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('org.fields.code')} required data-autofocus {...form.getInputProps('code')} />
          <TextInput label={t('org.fields.name')} required {...form.getInputProps('name')} />
          <Select
            label={t('org.fields.company')}
            required
            searchable
            data={idOptions(companies.data, (c) => c.name)}
            {...form.getInputProps('companyId')}
          />
          <Select
            label={t('org.fields.unit')}
            clearable
            searchable
            data={idOptions(
              units.data?.filter((u) => String(u.companyId) === form.values.companyId),
              (u) => u.name,
            )}
            {...form.getInputProps('unitId')}
          />
          <Select
            label={t('org.fields.level')}
            allowDeselect={false}
            data={LEVELS.map((level) => ({ value: level, label: t('org.level', { level }) }))}
            {...form.getInputProps('level')}
          />
          <Select label={t('org.fields.lead')} clearable searchable data={userOptions} {...form.getInputProps('leadUserId')} />
          <MultiSelect
            label={t('org.fields.members')}
            searchable
            data={userOptions}
            style={{ gridColumn: '1 / -1' }}
            {...form.getInputProps('memberIds')}
          />
          <Switch
            label={t('org.fields.validatesSolutions')}
            description={t('org.validatesSolutionsHelp')}
            style={{ gridColumn: '1 / -1' }}
            {...form.getInputProps('validatesSolutions', { type: 'checkbox' })}
            data-testid="team-validates-solutions"
          />
        </SimpleGrid>
      )}
    />
  );
}
