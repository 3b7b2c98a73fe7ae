import { TOKEN_SCOPES, type TokenScope } from '@ish/shared';
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  MultiSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert.tsx';
import { api, unwrap } from '../../lib/api-client.ts';
import { useFormat } from '../session/use-format.ts';

/** i18next reads ':' as its namespace separator: scope keys use '_'. */
type ScopeKey<S extends string> = S extends `${infer A}:${infer B}` ? `scopes.${A}_${B}` : never;
export const scopeKey = <S extends TokenScope>(scope: S) => `scopes.${scope.replace(':', '_')}` as ScopeKey<S>;

/**
 * Personal API tokens for scripts and machines (a CI/CD pipeline raising
 * standard changes, a report pulled nightly): all of my abilities or only some
 * scopes, an expiry of at most a year, shown once, revocable.
 */
export function ApiTokensCard() {
  const { t } = useTranslation('profile');
  const { t: ti } = useTranslation('integrations');
  const { dateTime } = useFormat();
  const client = useQueryClient();
  const tokens = useQuery({ queryKey: ['api-tokens'], queryFn: () => unwrap(api.GET('/api/v1/me/tokens')) });
  const settle = () => void client.invalidateQueries({ queryKey: ['api-tokens'] });
  const create = useMutation({
    mutationFn: (body: { name: string; expiresInDays: number; scopes: TokenScope[] }) => unwrap(api.POST('/api/v1/me/tokens', { body })),
    onSuccess: settle,
  });
  const revoke = useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/me/tokens/{id}', { params: { path: { id } } })),
    onSuccess: settle,
  });
  const [name, setName] = useState('');
  const [days, setDays] = useState(90);
  const [scopes, setScopes] = useState<TokenScope[]>([]);
  return (
    <Card withBorder padding="lg" data-testid="api-tokens">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('tokens.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('tokens.description')}
        </Text>
        <Group gap="xs" align="flex-end">
          <TextInput
            label={t('tokens.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            style={{ flex: '2 1 180px' }}
            data-testid="token-name"
          />
          <NumberInput
            label={t('tokens.days')}
            min={1}
            max={365}
            value={days}
            onChange={(n) => setDays(Number(n) || 90)}
            style={{ flex: '1 1 100px' }}
          />
          <MultiSelect
            label={ti('scopes.label')}
            placeholder={scopes.length ? undefined : ti('scopes.all')}
            data={TOKEN_SCOPES.map((value) => ({ value, label: ti(scopeKey(value)) }))}
            value={scopes}
            onChange={(v) => setScopes(v as TokenScope[])}
            clearable
            style={{ flex: '3 1 240px' }}
            data-testid="token-scopes"
          />
          <Button
            disabled={!name.trim()}
            loading={create.isPending}
            onClick={() => create.mutate({ name: name.trim(), expiresInDays: days, scopes }, { onSuccess: () => setName('') })}
            data-testid="token-create"
          >
            {t('tokens.create')}
          </Button>
        </Group>
        <ProblemAlert error={create.error ?? revoke.error} />
        {create.data && (
          <Alert color="green" title={t('tokens.shownOnce')}>
            <Group gap="xs" wrap="nowrap">
              <Code style={{ overflowWrap: 'anywhere' }} data-testid="token-secret">
                {create.data.token}
              </Code>
              <CopyButton value={create.data.token}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? t('tokens.copied') : t('tokens.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        )}
        {tokens.data?.items.map((token) => (
          <Group key={token.id} justify="space-between" gap="xs" wrap="nowrap" data-testid="token-row">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text size="sm" fw={600}>
                {token.name} <Code>{token.prefix}…</Code>
              </Text>
              <Text size="xs" c="dimmed">
                {token.scopes.length ? token.scopes.map((s) => ti(scopeKey(s) as ScopeKey<TokenScope>)).join(', ') : ti('scopes.all')} ·{' '}
                {t('tokens.expires', { at: dateTime(token.expiresAt) })} ·{' '}
                {token.lastUsedAt
                  ? t('tokens.lastUsed', { at: dateTime(token.lastUsedAt), ip: token.lastUsedIp ?? '—' })
                  : t('tokens.neverUsed')}
              </Text>
            </Stack>
            {token.revokedAt || Date.parse(token.expiresAt) < Date.now() ? (
              <Badge color="gray" variant="light">
                {token.revokedAt ? t('tokens.revoked') : t('tokens.expired')}
              </Badge>
            ) : (
              <Button size="xs" variant="subtle" color="red" onClick={() => revoke.mutate(token.id)}>
                {t('tokens.revoke')}
              </Button>
            )}
          </Group>
        ))}
        {tokens.data?.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('tokens.empty')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
