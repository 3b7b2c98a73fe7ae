import { Group, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { isNotEmpty } from '@mantine/form';
import { IconCornerDownRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fromId, idOptions, toId } from '../../../lib/options.ts';
import { MasterDataTab } from './MasterDataTab.tsx';
import { orgApi, type Unit, useOrgAll } from './org.queries.ts';
import { arrangeUnits, subtreeIds, unitOptions } from './unit-tree.ts';

export function UnitsTab() {
  const { t } = useTranslation(['admin', 'common']);
  const companies = useOrgAll('companies');
  const units = useOrgAll('units');
  const depthOf = new Map(arrangeUnits(units.data ?? []).map((u) => [u.id, u.depth]));
  const companyName = (id: number) => companies.data?.find((c) => c.id === id)?.name ?? '—';
  const required = isNotEmpty(t('common:validation.required'));
  /** Parents a unit may move under: same company, not itself or below itself. */
  const parentOptions = (companyId: string, editing: Unit | undefined) => {
    const excluded = editing ? subtreeIds(units.data ?? [], editing.id) : new Set<number>();
    return unitOptions(units.data, (u) => String(u.companyId) === companyId && !excluded.has(u.id));
  };
  return (
    <MasterDataTab
      entity="units"
      arrange={arrangeUnits}
      columns={[
        {
          key: 'name',
          header: t('org.fields.name'),
          render: (u) => {
            const depth = depthOf.get(u.id) ?? 0;
            return (
              <Group gap={6} wrap="nowrap" pl={depth * 20}>
                {depth > 0 && <IconCornerDownRight size={14} color="var(--mantine-color-dimmed)" />}
                <Text size="sm" fw={depth === 0 ? 600 : 400}>
                  {u.name}
                </Text>
              </Group>
            );
          },
        },
        { key: 'code', header: t('org.fields.code'), render: (u) => u.code },
        { key: 'company', header: t('org.fields.company'), render: (u) => companyName(u.companyId) },
      ]}
      initialValues={{ companyId: '', parentId: '', code: '', name: '' }}
      toValues={(u) => ({ companyId: String(u.companyId), parentId: fromId(u.parentId), code: u.code, name: u.name })}
      validate={{ companyId: required, code: required, name: required }}
      save={(values, unit) => {
        const body = {
          companyId: Number(values.companyId),
          parentId: toId(values.parentId),
          code: values.code.trim(),
          name: values.name.trim(),
        };
        return unit ? orgApi.units.update(unit.id, { version: unit.version, ...body }) : orgApi.units.create(body);
      }}
      setActive={(unit, active) => orgApi.units.update(unit.id, { version: unit.version, active })}
      fields={(form, editing) => (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('org.fields.company')}
            required
            searchable
            data={idOptions(companies.data, (c) => c.name)}
            {...form.getInputProps('companyId')}
            onChange={(value) => {
              form.setFieldValue('companyId', value ?? '');
              form.setFieldValue('parentId', '');
            }}
          />
          <Select
            label={t('org.fields.parent')}
            placeholder={t('org.noParent')}
            clearable
            searchable
            data={parentOptions(form.values.companyId, editing)}
            {...form.getInputProps('parentId')}
          />
          <TextInput label={t('org.fields.code')} required {...form.getInputProps('code')} />
          <TextInput label={t('org.fields.name')} required {...form.getInputProps('name')} />
        </SimpleGrid>
      )}
    />
  );
}
