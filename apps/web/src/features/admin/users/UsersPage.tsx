import { Badge, Button, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconKey, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActiveBadge } from '../../../components/ActiveBadge.tsx';
import { ConfirmModal } from '../../../components/ConfirmModal.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ActiveToggleAction, EditAction, RowAction } from '../../../components/RowAction.tsx';
import { toId } from '../../../lib/options.ts';
import { useOrgAll } from '../org/org.queries.ts';
import { unitOptions } from '../org/unit-tree.ts';
import { GrantsDrawer } from './GrantsDrawer.tsx';
import { UserFormModal } from './UserFormModal.tsx';
import { type UserRow, useSaveUser, useUsers } from './users.queries.ts';

const PAGE_SIZE = 25;
type ActiveFilter = 'all' | 'active' | 'inactive';

export function UsersPage() {
  const { t } = useTranslation(['admin', 'common']);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [active, setActive] = useState<ActiveFilter>('active');
  const [page, setPage] = useState(1);
  const users = useUsers({ q, unitId: toId(unitId), active: active === 'all' ? null : active === 'active', page, pageSize: PAGE_SIZE });
  const units = useOrgAll('units');

  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [granting, setGranting] = useState<UserRow | null>(null);
  const [toggling, setToggling] = useState<UserRow | null>(null);
  const save = useSaveUser();
  const toggle = useMutation({
    mutationFn: (user: UserRow) => save.mutateAsync({ id: user.id, body: { version: user.version, active: !user.active } }),
  });

  // Any filter change starts again from the first page.
  const filter =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="user-create">
            {t('users.create')}
          </Button>
        }
      />
      <Stack>
        <Group gap="sm" align="flex-end">
          <TextInput
            label={t('users.search')}
            placeholder={t('users.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => filter(setSearch)(e.currentTarget.value)}
            style={{ flex: '1 1 220px' }}
            data-testid="users-search"
          />
          <Select
            label={t('users.fields.unit')}
            placeholder={t('users.allUnits')}
            clearable
            searchable
            data={unitOptions(units.data)}
            value={unitId}
            onChange={filter(setUnitId)}
            style={{ flex: '1 1 220px' }}
            data-testid="users-unit"
          />
          <SegmentedControl
            value={active}
            onChange={(value) => filter(setActive)(value as ActiveFilter)}
            data={[
              { value: 'active', label: t('common:status.active') },
              { value: 'inactive', label: t('common:status.inactive') },
              { value: 'all', label: t('common:status.all') },
            ]}
            aria-label={t('users.fields.status')}
            data-testid="users-active"
          />
        </Group>
        <DataTable
          testId="users-table"
          rows={users.data?.items}
          rowKey={(u) => u.id}
          loading={users.isPending}
          error={users.error}
          onRetry={() => void users.refetch()}
          emptyText={q || unitId ? t('users.noMatch') : t('users.empty')}
          pagination={users.data && { page, pageSize: PAGE_SIZE, total: users.data.total, onChange: setPage }}
          columns={[
            {
              key: 'name',
              header: t('users.fields.name'),
              render: (u) => (
                <div>
                  <Text size="sm" fw={500}>
                    {u.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {u.email}
                  </Text>
                </div>
              ),
            },
            { key: 'unit', header: t('users.fields.unit'), render: (u) => u.unit.name },
            {
              key: 'roles',
              header: t('users.fields.roles'),
              render: (u) => (
                <Group gap={4}>
                  {u.roles.map((role) => (
                    <Badge key={role} variant="light" size="sm" style={{ textTransform: 'none' }}>
                      {t(`common:roles.${role}`)}
                    </Badge>
                  ))}
                </Group>
              ),
            },
            { key: 'status', header: t('users.fields.status'), render: (u) => <ActiveBadge active={u.active} /> },
          ]}
          actions={(u) => (
            <>
              <EditAction onClick={() => setEditing(u)} testId="user-edit" />
              <RowAction label={t('users.grants.title')} icon={<IconKey size={18} />} onClick={() => setGranting(u)} testId="user-grants" />
              <ActiveToggleAction
                active={u.active}
                onClick={() => {
                  toggle.reset();
                  setToggling(u);
                }}
                testId="user-toggle"
              />
            </>
          )}
        />
      </Stack>
      {editing && <UserFormModal user={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      <GrantsDrawer user={granting} onClose={() => setGranting(null)} />
      <ConfirmModal
        opened={toggling !== null}
        onClose={() => setToggling(null)}
        onConfirm={() => toggling && toggle.mutate(toggling, { onSuccess: () => setToggling(null) })}
        title={toggling?.active ? t('users.deactivateTitle') : t('users.activateTitle')}
        message={
          toggling?.active ? t('users.deactivateMessage', { name: toggling.name }) : t('users.activateMessage', { name: toggling?.name })
        }
        confirmLabel={toggling?.active ? t('common:actions.deactivate') : t('common:actions.activate')}
        color={toggling?.active ? 'red' : 'green'}
        pending={toggle.isPending}
        error={toggle.error}
      />
    </>
  );
}
