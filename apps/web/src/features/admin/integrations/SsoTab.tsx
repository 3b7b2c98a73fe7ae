import { Badge, Button, Card, Modal, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { useCompanies } from '../../tickets/tickets.queries.ts';
import { useManagedCompanies } from '../managed-companies.ts';
import { type Provider, useProviders, useProviderWrites, useSaveSignInPolicy, useSignInPolicy } from './integrations.queries.ts';
import { ProviderForm } from './ProviderForm.tsx';

/** OpenID Connect providers per company (Keycloak, Entra ID, Google Workspace) and the company's password switch. */
export function SsoTab() {
  const { t } = useTranslation('integrations');
  const providers = useProviders(true);
  const writes = useProviderWrites();
  const companies = useCompanies();
  const managed = useManagedCompanies();
  const [editing, setEditing] = useState<Provider | null>(null);
  return (
    <Stack>
      <Card withBorder>
        <Title order={4}>{t('sso.new')}</Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('sso.help')}
        </Text>
        <ProviderForm />
      </Card>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('sso.editTitle', { name: editing?.name ?? '' })} size="lg">
        {editing && <ProviderForm key={editing.id} provider={editing} onSaved={() => setEditing(null)} />}
      </Modal>
      <ProblemAlert error={writes.update.error} />
      <DataTable<Provider>
        rows={providers.data?.items}
        rowKey={(p) => p.id}
        loading={providers.isPending}
        error={providers.error}
        onRetry={() => void providers.refetch()}
        emptyText={t('sso.empty')}
        columns={[
          {
            key: 'name',
            header: t('sso.name'),
            render: (p) => (
              <Stack gap={0}>
                <Text size="sm" fw={600}>
                  {p.name}
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {p.issuer}
                </Text>
              </Stack>
            ),
          },
          { key: 'company', header: t('scope.company'), render: (p) => companies.data?.find((c) => c.id === p.companyId)?.name ?? '' },
          { key: 'domains', header: t('sso.domains'), render: (p) => p.allowedDomains.join(', ') || t('sso.anyDomain') },
          {
            key: 'callback',
            header: t('sso.callback'),
            render: (p) => (
              <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                {p.callbackUrl}
              </Text>
            ),
          },
          {
            key: 'active',
            header: t('sso.status'),
            render: (p) => (
              <Badge color={p.active ? 'green' : 'gray'} variant="light" style={{ minWidth: 'max-content' }}>
                {p.active ? t('webhooks.active') : t('webhooks.paused')}
              </Badge>
            ),
          },
        ]}
        actions={(p) => (
          <>
            <Button size="xs" variant="subtle" onClick={() => writes.update.mutate({ id: p.id, version: p.version, active: !p.active })}>
              {p.active ? t('webhooks.pause') : t('webhooks.resume')}
            </Button>
            <Button size="xs" variant="light" onClick={() => setEditing(p)} data-testid={`sso-edit-${p.slug}`}>
              {t('sso.edit')}
            </Button>
          </>
        )}
      />
      {managed?.map((c) => (
        <PasswordSwitch key={c.id} companyId={c.id} name={c.name} />
      ))}
    </Stack>
  );
}

function PasswordSwitch({ companyId, name }: { companyId: number; name: string }) {
  const { t } = useTranslation('integrations');
  const policy = useSignInPolicy(companyId);
  const save = useSaveSignInPolicy();
  if (!policy.data) return null;
  return (
    <Card withBorder padding="sm">
      <Switch
        label={t('sso.passwordLogin', { company: name })}
        description={t('sso.passwordLoginHelp')}
        checked={policy.data.passwordLogin}
        onChange={(e) => save.mutate({ id: companyId, passwordLogin: e.currentTarget.checked, version: policy.data?.version ?? 0 })}
      />
      <ProblemAlert error={save.error} />
    </Card>
  );
}
