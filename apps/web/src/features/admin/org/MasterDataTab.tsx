import { Button, Group, Stack } from '@mantine/core';
import { type FormValidateInput, type UseFormReturnType, useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActiveBadge } from '../../../components/ActiveBadge.tsx';
import { ConfirmModal } from '../../../components/ConfirmModal.tsx';
import { type Column, DataTable } from '../../../components/DataTable.tsx';
import { FormModal } from '../../../components/FormModal.tsx';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { ActiveToggleAction, EditAction } from '../../../components/RowAction.tsx';
import { type OrgEntity, type OrgItem, useInvalidateOrg, useOrgAll, useOrgPage } from './org.queries.ts';

const PAGE_SIZE = 25;

export interface MasterDataTabProps<E extends OrgEntity, V extends Record<string, unknown>> {
  entity: E;
  columns: Column<OrgItem<E>>[];
  initialValues: V;
  toValues: (item: OrgItem<E>) => V;
  validate: FormValidateInput<V>;
  save: (values: V, item: OrgItem<E> | undefined) => Promise<unknown>;
  setActive: (item: OrgItem<E>, active: boolean) => Promise<unknown>;
  fields: (form: UseFormReturnType<V>, editing: OrgItem<E> | undefined) => ReactNode;
  /** Show every record in this order instead of pages (the unit tree). */
  arrange?: (items: OrgItem<E>[]) => OrgItem<E>[];
}

/** One kind of organisation master data: a list with create, edit and (de)activate. Records are never deleted. */
export function MasterDataTab<E extends OrgEntity, V extends Record<string, unknown>>(props: MasterDataTabProps<E, V>) {
  const { entity, columns, initialValues, toValues, validate, save, setActive, fields, arrange } = props;
  const { t } = useTranslation(['admin', 'common']);
  const [page, setPage] = useState(1);
  const paged = useOrgPage(entity, page, PAGE_SIZE, !arrange);
  const all = useOrgAll(entity, Boolean(arrange));
  const list = arrange ? all : paged;
  const rows = arrange ? (all.data ? arrange(all.data) : undefined) : paged.data?.items;
  const invalidate = useInvalidateOrg(entity);

  const [editing, setEditing] = useState<OrgItem<E> | undefined>();
  const [formOpened, formModal] = useDisclosure(false);
  const form = useForm<V>({ name: `org-${entity}`, initialValues, validate });
  const saving = useMutation({ mutationFn: (values: V) => save(values, editing), onSuccess: invalidate });

  const [toggling, setToggling] = useState<OrgItem<E> | undefined>();
  const toggle = useMutation({
    mutationFn: (item: OrgItem<E>) => setActive(item, !item.active),
    onSuccess: invalidate,
  });

  const open = (item?: OrgItem<E>) => {
    setEditing(item);
    saving.reset();
    form.setValues(item ? toValues(item) : initialValues);
    form.resetDirty();
    form.clearErrors();
    formModal.open();
  };
  const submit = form.onSubmit((values) =>
    saving.mutate(values, {
      onSuccess: () => {
        formModal.close();
        notifications.show({ color: 'green', message: t('admin:org.saved') });
      },
      onError: (error) => applyServerErrors(form, error),
    }),
  );

  return (
    <Stack>
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} />} onClick={() => open()} data-testid={`${entity}-create`}>
          {t(`admin:org.${entity as OrgEntity}.create`)}
        </Button>
      </Group>
      <DataTable
        testId={`${entity}-table`}
        columns={[
          ...columns,
          { key: 'active', header: t('admin:org.fields.status'), render: (item) => <ActiveBadge active={item.active} /> },
        ]}
        rows={rows}
        rowKey={(item) => item.id}
        loading={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        emptyText={t(`admin:org.${entity as OrgEntity}.empty`)}
        pagination={arrange || !paged.data ? undefined : { page, pageSize: PAGE_SIZE, total: paged.data.total, onChange: setPage }}
        actions={(item) => (
          <>
            <EditAction onClick={() => open(item)} testId={`${entity}-edit`} />
            <ActiveToggleAction
              active={item.active}
              onClick={() => {
                toggle.reset();
                setToggling(item);
              }}
              testId={`${entity}-toggle`}
            />
          </>
        )}
      />
      <FormModal
        opened={formOpened}
        onClose={formModal.close}
        title={editing ? t(`admin:org.${entity as OrgEntity}.edit`) : t(`admin:org.${entity as OrgEntity}.create`)}
        onSubmit={submit}
        submitting={saving.isPending}
        error={saving.error}
        fields={Object.keys(initialValues)}
      >
        {fields(form, editing)}
      </FormModal>
      <ConfirmModal
        opened={toggling !== undefined}
        onClose={() => setToggling(undefined)}
        onConfirm={() => toggling && toggle.mutate(toggling, { onSuccess: () => setToggling(undefined) })}
        title={toggling?.active ? t('common:actions.deactivate') : t('common:actions.activate')}
        message={
          toggling?.active
            ? t('admin:org.confirmDeactivate', { name: toggling.name })
            : t('admin:org.confirmActivate', { name: toggling?.name })
        }
        confirmLabel={toggling?.active ? t('common:actions.deactivate') : t('common:actions.activate')}
        color={toggling?.active ? 'red' : 'green'}
        pending={toggle.isPending}
        error={toggle.error}
      />
    </Stack>
  );
}
