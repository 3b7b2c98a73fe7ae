import { Badge, Button, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCornerDownRight, IconPlus, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActiveBadge } from '../../../components/ActiveBadge.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { FormModal } from '../../../components/FormModal.tsx';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { ActiveToggleAction, EditAction } from '../../../components/RowAction.tsx';
import { ToggleActiveModal } from '../../../components/ToggleActiveModal.tsx';
import { fromId, toId } from '../../../lib/options.ts';
import { type Category, useAllCategories, useCategoryChanges } from './service-desk.queries.ts';

const EMPTY = { parentId: '', code: '', nameId: '', nameEn: '', isSecurity: false, sort: 0 as number | string };

/** The category and everything below it: a category cannot move under itself. */
function subtree(categories: readonly Category[], rootId: number): Set<number> {
  const ids = new Set([rootId]);
  // The list is depth-first, so one pass sees every parent before its children.
  for (const c of categories) if (c.parentId !== null && ids.has(c.parentId)) ids.add(c.id);
  return ids;
}

/** The category tree (e.g. 004's Hardware › Computer › Fails to boot): create, edit, move, deactivate leaves first. */
export function CategoriesTab() {
  const { t } = useTranslation(['tickets', 'common']);
  const categories = useAllCategories();
  const { create, update } = useCategoryChanges();
  const [editing, setEditing] = useState<Category | undefined>();
  const [opened, modal] = useDisclosure(false);
  const [toggling, setToggling] = useState<Category | undefined>();
  const required = isNotEmpty(t('common:validation.required'));
  const form = useForm({ initialValues: EMPTY, validate: { code: required, nameId: required, nameEn: required } });
  const saving = editing ? update : create;
  const all = categories.data ?? [];

  const open = (category?: Category) => {
    setEditing(category);
    create.reset();
    update.reset();
    form.setValues(
      category
        ? {
            parentId: fromId(category.parentId),
            code: category.code,
            nameId: category.nameId,
            nameEn: category.nameEn,
            isSecurity: category.isSecurity,
            sort: category.sort,
          }
        : EMPTY,
    );
    form.clearErrors();
    modal.open();
  };
  const submit = form.onSubmit((values) => {
    const body = {
      parentId: toId(values.parentId),
      code: values.code.trim(),
      nameId: values.nameId.trim(),
      nameEn: values.nameEn.trim(),
      isSecurity: values.isSecurity,
      sort: Number(values.sort) || 0,
    };
    const done = {
      onSuccess: () => {
        modal.close();
        notifications.show({ color: 'green', message: t('admin.saved') });
      },
      onError: (error: unknown) => applyServerErrors(form, error),
    };
    if (editing) update.mutate({ id: editing.id, body: { version: editing.version, ...body } }, done);
    else create.mutate(body, done);
  });
  const excluded = editing ? subtree(all, editing.id) : new Set<number>();
  const parents = all
    .filter((c) => c.active && !excluded.has(c.id))
    .map((c) => ({ value: String(c.id), label: `${'— '.repeat(c.depth)}${c.name}` }));

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('admin.categories.help')}
        </Text>
        <Button leftSection={<IconPlus size={16} />} onClick={() => open()} data-testid="category-create">
          {t('admin.categories.create')}
        </Button>
      </Group>
      <DataTable
        testId="category-table"
        rows={categories.data}
        rowKey={(c) => c.id}
        loading={categories.isPending}
        error={categories.error}
        onRetry={() => void categories.refetch()}
        emptyText={t('admin.categories.empty')}
        columns={[
          {
            key: 'name',
            header: t('admin.fields.name'),
            render: (c) => (
              <Group gap={6} wrap="nowrap" pl={c.depth * 20}>
                {c.depth > 0 && <IconCornerDownRight size={14} color="var(--mantine-color-dimmed)" />}
                <Text size="sm" fw={c.depth === 0 ? 600 : 400} c={c.active ? undefined : 'dimmed'}>
                  {c.name}
                </Text>
                {c.isSecurity && (
                  <Badge size="xs" color="red" variant="light" leftSection={<IconShieldLock size={10} />}>
                    {t('admin.categories.security')}
                  </Badge>
                )}
              </Group>
            ),
          },
          { key: 'code', header: t('admin.fields.code'), render: (c) => c.code },
          { key: 'sort', header: t('admin.fields.sort'), render: (c) => c.sort },
          { key: 'active', header: t('admin.fields.status'), render: (c) => <ActiveBadge active={c.active} /> },
        ]}
        actions={(c) => (
          <>
            <EditAction onClick={() => open(c)} testId="category-edit" />
            <ActiveToggleAction
              active={c.active}
              onClick={() => {
                update.reset();
                setToggling(c);
              }}
              testId="category-toggle"
            />
          </>
        )}
      />
      <FormModal
        opened={opened}
        onClose={modal.close}
        title={editing ? t('admin.categories.edit') : t('admin.categories.create')}
        onSubmit={submit}
        submitting={saving.isPending}
        error={saving.error}
        fields={Object.keys(EMPTY)}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('admin.categories.parent')}
            placeholder={t('admin.categories.noParent')}
            data={parents}
            searchable
            clearable
            {...form.getInputProps('parentId')}
            onChange={(value) => form.setFieldValue('parentId', value ?? '')}
          />
          <TextInput label={t('admin.fields.code')} required data-autofocus {...form.getInputProps('code')} data-testid="category-code" />
          <TextInput label={t('admin.fields.nameId')} required {...form.getInputProps('nameId')} data-testid="category-name-id" />
          <TextInput label={t('admin.fields.nameEn')} required {...form.getInputProps('nameEn')} data-testid="category-name-en" />
          <NumberInput label={t('admin.fields.sort')} min={0} max={9999} allowDecimal={false} {...form.getInputProps('sort')} />
          <Switch
            label={t('admin.categories.isSecurity')}
            description={t('admin.categories.isSecurityHelp')}
            mt="lg"
            {...form.getInputProps('isSecurity', { type: 'checkbox' })}
          />
        </SimpleGrid>
      </FormModal>
      {toggling && (
        <ToggleActiveModal
          item={toggling}
          onClose={() => setToggling(undefined)}
          onConfirm={() => update.mutateAsync({ id: toggling.id, body: { version: toggling.version, active: !toggling.active } })}
          message={t(toggling.active ? 'admin.confirmDeactivate' : 'admin.confirmActivate', { name: toggling.name })}
        />
      )}
    </Stack>
  );
}
