import { ROLES } from '@ish/shared';
import { Badge, Button, Divider, Drawer, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../../components/form-errors.ts';
import { LoadingState } from '../../../components/LoadingState.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { RowAction } from '../../../components/RowAction.tsx';
import { idOptions, toId } from '../../../lib/options.ts';
import { useOrgAll } from '../org/org.queries.ts';
import { unitOptions } from '../org/unit-tree.ts';
import { type UserRow, useAddGrant, useRevokeGrant, useUserGrants } from './users.queries.ts';

const SCOPES = ['organisation', 'company', 'unit'] as const;
type ScopeKind = (typeof SCOPES)[number];

/** A user's role grants: each role holds for the whole organisation, one company or one unit subtree. */
export function GrantsDrawer({ user, onClose }: { user: UserRow | null; onClose: () => void }) {
  const { t } = useTranslation(['admin', 'common']);
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Drawer
      opened={user !== null}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'md'}
      title={user ? t('users.grants.titleFor', { name: user.name }) : ''}
    >
      {user && <GrantsPanel user={user} />}
    </Drawer>
  );
}

function GrantsPanel({ user }: { user: UserRow }) {
  const { t } = useTranslation(['admin', 'common']);
  const grants = useUserGrants(user.id);
  const revoke = useRevokeGrant(user.id);
  return (
    <Stack>
      <ProblemAlert error={revoke.error} />
      {grants.isPending ? (
        <LoadingState />
      ) : grants.error ? (
        <ProblemAlert error={grants.error} onRetry={() => void grants.refetch()} />
      ) : grants.data.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('users.grants.empty')}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="grants-list">
          {grants.data.map((grant) => (
            <Group key={grant.id} justify="space-between" wrap="nowrap">
              <div>
                <Badge variant="light" style={{ textTransform: 'none' }}>
                  {t(`common:roles.${grant.role}`)}
                </Badge>
                <Text size="xs" c="dimmed" mt={2}>
                  {grant.scope.kind === 'organisation'
                    ? t('common:scopes.organisation')
                    : `${t(`common:scopes.${grant.scope.kind}`)}: ${grant.scope.name}`}
                </Text>
              </div>
              <RowAction
                label={t('users.grants.revoke')}
                icon={<IconTrash size={18} />}
                color="red"
                onClick={() => revoke.mutate(grant.id)}
                testId="grant-revoke"
              />
            </Group>
          ))}
        </Stack>
      )}
      <Divider />
      <AddGrantForm userId={user.id} />
    </Stack>
  );
}

function AddGrantForm({ userId }: { userId: number }) {
  const { t } = useTranslation(['admin', 'common']);
  const companies = useOrgAll('companies');
  const units = useOrgAll('units');
  const add = useAddGrant(userId);
  const form = useForm({
    name: 'grant',
    initialValues: { role: '', scopeKind: 'unit' as ScopeKind, companyId: '', unitId: '' },
    validate: {
      role: (v: string) => (v ? null : t('common:validation.required')),
      companyId: (v: string, values) => (values.scopeKind === 'company' && !v ? t('common:validation.required') : null),
      unitId: (v: string, values) => (values.scopeKind === 'unit' && !v ? t('common:validation.required') : null),
    },
  });
  const submit = form.onSubmit((values) =>
    add.mutate(
      {
        role: values.role as (typeof ROLES)[number],
        scope: {
          kind: values.scopeKind,
          companyId: values.scopeKind === 'company' ? toId(values.companyId) : null,
          unitId: values.scopeKind === 'unit' ? toId(values.unitId) : null,
        },
      },
      { onSuccess: () => form.reset(), onError: (error) => applyServerErrors(form, error) },
    ),
  );
  return (
    <form onSubmit={submit} noValidate data-testid="grant-form">
      <Stack gap="sm">
        <Title order={4} size="h5">
          {t('users.grants.add')}
        </Title>
        <ProblemAlert error={add.error} fields={Object.keys(form.values)} />
        <Select
          label={t('users.grants.role')}
          required
          searchable
          data={ROLES.map((role) => ({ value: role, label: t(`common:roles.${role}`) }))}
          data-testid="grant-role"
          {...form.getInputProps('role')}
        />
        <SegmentedControl
          fullWidth
          data={SCOPES.map((kind) => ({ value: kind, label: t(`common:scopes.${kind}`) }))}
          aria-label={t('users.grants.scope')}
          data-testid="grant-scope"
          {...form.getInputProps('scopeKind')}
        />
        {form.values.scopeKind === 'company' && (
          <Select
            label={t('users.grants.company')}
            required
            searchable
            data={idOptions(companies.data, (c) => c.name)}
            {...form.getInputProps('companyId')}
          />
        )}
        {form.values.scopeKind === 'unit' && (
          <Select label={t('users.grants.unit')} required searchable data={unitOptions(units.data)} {...form.getInputProps('unitId')} />
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={add.isPending} data-testid="grant-submit">
            {t('users.grants.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
