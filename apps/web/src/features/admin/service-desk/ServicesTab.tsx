import { Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActiveBadge } from '../../../components/ActiveBadge.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { FormModal } from '../../../components/FormModal.tsx';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { ActiveToggleAction, EditAction } from '../../../components/RowAction.tsx';
import { ToggleActiveModal } from '../../../components/ToggleActiveModal.tsx';
import { orNull } from '../../../lib/options.ts';
import { type BusinessService, useServiceChanges, useServicePage } from './service-desk.queries.ts';

const PAGE_SIZE = 25;
const EMPTY = { code: '', name: '', usersDescription: '', description: '' };

/** Business services (004 Table 1: service, who uses it, what it does) that tickets and SLAs refer to. */
export function ServicesTab() {
  const { t } = useTranslation(['tickets', 'common']);
  const [page, setPage] = useState(1);
  const [typed, setTyped] = useState('');
  const [q] = useDebouncedValue(typed.trim(), 300);
  const services = useServicePage(page, PAGE_SIZE, q);
  const { create, update } = useServiceChanges();
  const [editing, setEditing] = useState<BusinessService | undefined>();
  const [opened, modal] = useDisclosure(false);
  const [toggling, setToggling] = useState<BusinessService | undefined>();
  const required = isNotEmpty(t('common:validation.required'));
  const form = useForm({ initialValues: EMPTY, validate: { code: required, name: required } });
  const saving = editing ? update : create;

  const open = (service?: BusinessService) => {
    setEditing(service);
    create.reset();
    update.reset();
    form.setValues(
      service
        ? {
            code: service.code,
            name: service.name,
            usersDescription: service.usersDescription ?? '',
            description: service.description ?? '',
          }
        : EMPTY,
    );
    form.clearErrors();
    modal.open();
  };
  const submit = form.onSubmit((values) => {
    const body = {
      code: values.code.trim(),
      name: values.name.trim(),
      usersDescription: orNull(values.usersDescription),
      description: orNull(values.description),
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

  return (
    <Stack>
      <Group justify="space-between" gap="sm">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t('admin.services.search')}
          aria-label={t('admin.services.search')}
          value={typed}
          onChange={(e) => {
            setTyped(e.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: '1 1 220px' }}
        />
        <Button leftSection={<IconPlus size={16} />} onClick={() => open()} data-testid="service-create">
          {t('admin.services.create')}
        </Button>
      </Group>
      <DataTable
        testId="service-table"
        rows={services.data?.items}
        rowKey={(s) => s.id}
        loading={services.isPending}
        error={services.error}
        onRetry={() => void services.refetch()}
        emptyText={q ? t('admin.services.noMatch') : t('admin.services.empty')}
        pagination={services.data && { page, pageSize: PAGE_SIZE, total: services.data.total, onChange: setPage }}
        columns={[
          { key: 'name', header: t('admin.fields.name'), render: (s) => s.name },
          { key: 'code', header: t('admin.fields.code'), render: (s) => s.code },
          { key: 'users', header: t('admin.services.users'), render: (s) => s.usersDescription ?? '—' },
          { key: 'active', header: t('admin.fields.status'), render: (s) => <ActiveBadge active={s.active} /> },
        ]}
        actions={(s) => (
          <>
            <EditAction onClick={() => open(s)} testId="service-edit" />
            <ActiveToggleAction
              active={s.active}
              onClick={() => {
                update.reset();
                setToggling(s);
              }}
              testId="service-toggle"
            />
          </>
        )}
      />
      <FormModal
        opened={opened}
        onClose={modal.close}
        title={editing ? t('admin.services.edit') : t('admin.services.create')}
        onSubmit={submit}
        submitting={saving.isPending}
        error={saving.error}
        fields={Object.keys(EMPTY)}
      >
        <TextInput label={t('admin.fields.code')} required data-autofocus {...form.getInputProps('code')} />
        <TextInput label={t('admin.fields.name')} required {...form.getInputProps('name')} />
        <TextInput
          label={t('admin.services.users')}
          description={t('admin.services.usersHelp')}
          {...form.getInputProps('usersDescription')}
        />
        <Textarea label={t('admin.fields.description')} autosize minRows={3} {...form.getInputProps('description')} />
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
