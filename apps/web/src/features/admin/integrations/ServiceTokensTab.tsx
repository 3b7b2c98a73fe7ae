import { TOKEN_SCOPES, type TokenScope } from '@ish/shared';
import { Badge, Button, Card, Group, MultiSelect, NumberInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/DataTable.tsx';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import { scopeKey } from '../../profile/ApiTokensCard.tsx';
import { useFormat } from '../../session/use-format.ts';
import { ShownOnce } from './IntegrationsPage.tsx';
import { type ServiceToken, useServiceTokens, useServiceTokenWrites } from './integrations.queries.ts';
import { ScopeFields, type ScopeValue, useScopeLabel } from './ScopeFields.tsx';

/** Administrators' tokens for integrations: one company or unit, some scopes, shown once, revocable. */
export function ServiceTokensTab() {
  const { t } = useTranslation('integrations');
  const { dateTime } = useFormat();
  const tokens = useServiceTokens(true);
  const writes = useServiceTokenWrites();
  const scopeLabel = useScopeLabel();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>([]);
  const [days, setDays] = useState(90);
  const [scope, setScope] = useState<ScopeValue | null>(null);
  return (
    <Stack>
      <Card withBorder>
        <Title order={4}>{t('tokens.new')}</Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('tokens.help')}
        </Text>
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('tokens.name')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-testid="service-token-name"
            />
            <NumberInput label={t('tokens.days')} min={1} max={365} value={days} onChange={(n) => setDays(Number(n) || 90)} />
          </SimpleGrid>
          <MultiSelect
            label={t('scopes.label')}
            data={TOKEN_SCOPES.map((value) => ({ value, label: t(scopeKey(value)) }))}
            value={scopes}
            onChange={(v) => setScopes(v as TokenScope[])}
            data-testid="service-token-scopes"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <ScopeFields value={scope} onChange={setScope} organisation={false} />
          </SimpleGrid>
          <ProblemAlert error={writes.create.error ?? writes.revoke.error} fields={['name', 'scopes', 'scope', 'expiresInDays']} />
          <Group justify="flex-end">
            <Button
              disabled={!name.trim() || !scopes.length || !scope || scope.kind === 'organisation'}
              loading={writes.create.isPending}
              onClick={() =>
                scope &&
                scope.kind !== 'organisation' &&
                writes.create.mutate({ name: name.trim(), scopes, scope, expiresInDays: days }, { onSuccess: () => setName('') })
              }
              data-testid="service-token-create"
            >
              {t('tokens.create')}
            </Button>
          </Group>
        </Stack>
      </Card>
      {writes.create.data && <ShownOnce title={t('tokens.secret')} secret={writes.create.data.token} testId="service-token-secret" />}
      <DataTable<ServiceToken>
        rows={tokens.data?.items}
        rowKey={(r) => r.id}
        loading={tokens.isPending}
        error={tokens.error}
        onRetry={() => void tokens.refetch()}
        emptyText={t('tokens.empty')}
        columns={[
          {
            key: 'name',
            header: t('tokens.name'),
            render: (r) => (
              <Stack gap={0}>
                <Text size="sm" fw={600}>
                  {r.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {r.prefix}… · {r.owner.name}
                </Text>
              </Stack>
            ),
          },
          { key: 'scopes', header: t('scopes.label'), render: (r) => r.scopes.map((s) => t(scopeKey(s))).join(', ') },
          { key: 'scope', header: t('scope.label'), render: (r) => scopeLabel(r.scope) },
          {
            key: 'used',
            header: t('tokens.lastUsed'),
            render: (r) => (r.lastUsedAt ? `${dateTime(r.lastUsedAt)} · ${r.lastUsedIp ?? ''}` : t('tokens.never')),
          },
          { key: 'expires', header: t('tokens.expires'), render: (r) => dateTime(r.expiresAt) },
          {
            key: 'actions',
            header: '',
            render: (r) =>
              r.revokedAt || Date.parse(r.expiresAt) < Date.now() ? (
                <Badge color="gray" variant="light">
                  {r.revokedAt ? t('tokens.revoked') : t('tokens.expired')}
                </Badge>
              ) : (
                <Button size="xs" variant="subtle" color="red" onClick={() => writes.revoke.mutate(r.id)}>
                  {t('tokens.revoke')}
                </Button>
              ),
          },
        ]}
      />
    </Stack>
  );
}
