import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { idOptions, orNull, toId } from '../../../lib/options.ts';
import { useCompanies, useUnits } from '../../tickets/tickets.queries.ts';
import { type Provider, useProviders, useProviderWrites, useSaveSignInPolicy, useSignInPolicy } from './integrations.queries.ts';

const EMPTY = {
  companyId: '',
  slug: '',
  name: '',
  issuer: '',
  clientId: '',
  clientSecret: '',
  domains: '',
  unitClaim: '',
  defaultUnitId: '',
};

/** OpenID Connect providers per company (Keycloak, Entra ID, Google Workspace) and the company's password switch. */
export function SsoTab() {
  const { t } = useTranslation('integrations');
  const providers = useProviders(true);
  const writes = useProviderWrites();
  const companies = useCompanies();
  const units = useUnits();
  const [v, setV] = useState(EMPTY);
  const set = (k: keyof typeof EMPTY) => (e: { currentTarget: { value: string } }) => setV({ ...v, [k]: e.currentTarget.value });
  const companyId = toId(v.companyId);
  return (
    <Stack>
      <Card withBorder>
        <Title order={4}>{t('sso.new')}</Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('sso.help')}
        </Text>
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('scope.company')}
              data={idOptions(companies.data, (c) => c.name)}
              value={v.companyId || null}
              onChange={(id) => setV({ ...v, companyId: id ?? '' })}
            />
            <TextInput label={t('sso.name')} placeholder="Keycloak" value={v.name} onChange={set('name')} />
            <TextInput label={t('sso.slug')} placeholder="keycloak" value={v.slug} onChange={set('slug')} />
          </SimpleGrid>
          <TextInput
            label={t('sso.issuer')}
            placeholder="https://sso.example.co.id/realms/kantor"
            value={v.issuer}
            onChange={set('issuer')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('sso.clientId')} value={v.clientId} onChange={set('clientId')} />
            <TextInput label={t('sso.clientSecret')} type="password" value={v.clientSecret} onChange={set('clientSecret')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('sso.domains')} placeholder="nusantara.co.id" value={v.domains} onChange={set('domains')} />
            <TextInput label={t('sso.unitClaim')} placeholder="department" value={v.unitClaim} onChange={set('unitClaim')} />
            <Select
              label={t('sso.defaultUnit')}
              data={idOptions(
                units.data?.filter((u) => u.companyId === companyId),
                (u) => `${u.code} · ${u.name}`,
              )}
              value={v.defaultUnitId || null}
              onChange={(id) => setV({ ...v, defaultUnitId: id ?? '' })}
              clearable
              searchable
            />
          </SimpleGrid>
          <ProblemAlert
            error={writes.create.error}
            fields={['companyId', 'slug', 'name', 'issuer', 'clientId', 'clientSecret', 'allowedDomains']}
          />
          <Group justify="flex-end">
            <Button
              disabled={!companyId || !v.slug || !v.name || !v.issuer || !v.clientId || !v.clientSecret}
              loading={writes.create.isPending}
              onClick={() =>
                companyId &&
                writes.create.mutate(
                  {
                    companyId,
                    slug: v.slug.trim(),
                    name: v.name.trim(),
                    issuer: v.issuer.trim(),
                    clientId: v.clientId.trim(),
                    clientSecret: v.clientSecret,
                    allowedDomains: v.domains.split(/[\s,]+/).filter(Boolean),
                    unitClaim: orNull(v.unitClaim),
                    defaultUnitId: toId(v.defaultUnitId),
                  },
                  { onSuccess: () => setV(EMPTY) },
                )
              }
            >
              {t('sso.create')}
            </Button>
          </Group>
        </Stack>
      </Card>
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
            header: '',
            render: (p) => (
              <Group gap={4} wrap="nowrap">
                <Badge color={p.active ? 'green' : 'gray'} variant="light">
                  {p.active ? t('webhooks.active') : t('webhooks.paused')}
                </Badge>
                <Button
                  size="xs"
                  variant="subtle"
                  onClick={() => writes.update.mutate({ id: p.id, version: p.version, active: !p.active })}
                >
                  {p.active ? t('webhooks.pause') : t('webhooks.resume')}
                </Button>
              </Group>
            ),
          },
        ]}
      />
      {companies.data?.map((c) => (
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
