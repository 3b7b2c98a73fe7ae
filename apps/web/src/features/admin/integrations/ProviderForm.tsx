import { SSO_ROLES } from '@ish/shared';
import { ActionIcon, Button, Group, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/ProblemAlert.tsx';
import type { BodyOf } from '../../../lib/api-client.ts';
import { fromId, idOptions, orNull, toId } from '../../../lib/options.ts';
import { useCompanies, useUnits } from '../../tickets/tickets.queries.ts';
import { useManagedCompanies } from '../managed-companies.ts';
import { type Provider, useProviderWrites } from './integrations.queries.ts';

interface Draft {
  companyId: string;
  slug: string;
  name: string;
  issuer: string;
  clientId: string;
  /** Empty while editing: the stored secret stays. */
  clientSecret: string;
  domains: string;
  unitClaim: string;
  /** Claim value → unit code, as rows the Administrator edits. */
  mapping: { value: string; unitCode: string }[];
  defaultUnitId: string;
  defaultRole: string;
  active: boolean;
}

const draftOf = (p?: Provider): Draft => ({
  companyId: fromId(p?.companyId),
  slug: p?.slug ?? '',
  name: p?.name ?? '',
  issuer: p?.issuer ?? '',
  clientId: p?.clientId ?? '',
  clientSecret: '',
  domains: p?.allowedDomains.join(', ') ?? '',
  unitClaim: p?.unitClaim ?? '',
  mapping: Object.entries(p?.unitMapping ?? {}).map(([value, unitCode]) => ({ value, unitCode })),
  defaultUnitId: fromId(p?.defaultUnitId),
  defaultRole: p?.defaultRole ?? 'requester',
  active: p?.active ?? true,
});

/** The fields both a new and an edited provider send (the secret only when typed). */
function fieldsOf(d: Draft) {
  return {
    name: d.name.trim(),
    issuer: d.issuer.trim(),
    clientId: d.clientId.trim(),
    allowedDomains: d.domains.split(/[\s,]+/).filter(Boolean),
    unitClaim: orNull(d.unitClaim),
    unitMapping: Object.fromEntries(d.mapping.filter((m) => m.value.trim() && m.unitCode).map((m) => [m.value.trim(), m.unitCode])),
    defaultUnitId: toId(d.defaultUnitId),
    defaultRole: d.defaultRole as NonNullable<BodyOf<'/api/v1/oidc-providers', 'post'>['defaultRole']>,
    active: d.active,
    ...(d.clientSecret ? { clientSecret: d.clientSecret } : {}),
  };
}

/**
 * An OpenID Connect provider's settings: issuer and client, allowed domains, and where new people land —
 * the claim naming their unit, a table from the claim's values to units, a default unit and role.
 * Without `provider` it adds one; with it, it edits that one (the stored secret stays unless a new one is typed).
 */
export function ProviderForm({ provider, onSaved }: { provider?: Provider; onSaved?: () => void }) {
  const { t } = useTranslation(['integrations', 'common']);
  const writes = useProviderWrites();
  const companies = useCompanies();
  // A new provider is for a company the caller administers; an existing one keeps its (read-only) company.
  const managed = useManagedCompanies();
  const units = useUnits();
  const [d, setD] = useState(() => draftOf(provider));
  const set = (k: keyof Draft) => (e: { currentTarget: { value: string } }) => setD({ ...d, [k]: e.currentTarget.value });
  const companyId = toId(d.companyId);
  const companyUnits = units.data?.filter((u) => u.companyId === companyId);
  const unitCodes = (companyUnits ?? []).map((u) => ({ value: u.code, label: `${u.code} · ${u.name}` }));
  const setRow = (i: number, row: Partial<Draft['mapping'][number]>) =>
    setD({ ...d, mapping: d.mapping.map((m, j) => (j === i ? { ...m, ...row } : m)) });
  const write = provider ? writes.update : writes.create;
  const ready = companyId && d.slug && d.name && d.issuer && d.clientId && (provider || d.clientSecret);
  const save = () => {
    if (!companyId) return;
    const done = {
      onSuccess: () => {
        if (!provider) setD(draftOf());
        onSaved?.();
      },
    };
    if (provider) writes.update.mutate({ id: provider.id, version: provider.version, ...fieldsOf(d) }, done);
    else writes.create.mutate({ companyId, slug: d.slug.trim(), clientSecret: d.clientSecret, ...fieldsOf(d) }, done);
  };
  return (
    <Stack gap="xs" data-testid={provider ? 'sso-edit-form' : 'sso-new-form'}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('scope.company')}
          data={idOptions(provider ? companies.data : managed, (c) => c.name)}
          value={d.companyId || null}
          onChange={(id) => setD({ ...d, companyId: id ?? '', defaultUnitId: '', mapping: [] })}
          disabled={!!provider}
          required
        />
        <TextInput label={t('sso.name')} placeholder="Keycloak" value={d.name} onChange={set('name')} required />
        <TextInput
          label={t('sso.slug')}
          placeholder="keycloak"
          value={d.slug}
          onChange={set('slug')}
          disabled={!!provider}
          description={provider ? t('sso.slugFixed') : undefined}
          required
        />
        <Select
          label={t('sso.defaultRole')}
          data={SSO_ROLES.map((r) => ({ value: r, label: t(`common:roles.${r}`) }))}
          value={d.defaultRole}
          onChange={(r) => setD({ ...d, defaultRole: r ?? 'requester' })}
          allowDeselect={false}
          data-testid="sso-default-role"
        />
      </SimpleGrid>
      <TextInput
        label={t('sso.issuer')}
        placeholder="https://sso.example.co.id/realms/kantor"
        value={d.issuer}
        onChange={set('issuer')}
        required
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('sso.clientId')} value={d.clientId} onChange={set('clientId')} required />
        <TextInput
          label={t('sso.clientSecret')}
          type="password"
          value={d.clientSecret}
          onChange={set('clientSecret')}
          placeholder={provider ? t('sso.secretKept') : undefined}
          required={!provider}
          autoComplete="new-password"
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('sso.domains')} placeholder="nusantara.co.id" value={d.domains} onChange={set('domains')} />
        <Select
          label={t('sso.defaultUnit')}
          data={idOptions(companyUnits, (u) => `${u.code} · ${u.name}`)}
          value={d.defaultUnitId || null}
          onChange={(id) => setD({ ...d, defaultUnitId: id ?? '' })}
          clearable
          searchable
        />
      </SimpleGrid>
      <TextInput
        label={t('sso.unitClaim')}
        description={t('sso.unitClaimHelp')}
        placeholder="department"
        value={d.unitClaim}
        onChange={set('unitClaim')}
        data-testid="sso-unit-claim"
      />
      {d.unitClaim.trim() && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('sso.mapping')}
          </Text>
          {d.mapping.length === 0 && (
            <Text size="xs" c="dimmed">
              {t('sso.mappingEmpty')}
            </Text>
          )}
          {d.mapping.map((m, i) => (
            // Rows have no id of their own; their order is stable while the form is open.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                style={{ flex: 1 }}
                label={i === 0 ? t('sso.claimValue') : undefined}
                aria-label={t('sso.claimValue')}
                value={m.value}
                onChange={(e) => setRow(i, { value: e.currentTarget.value })}
                data-testid={`sso-map-value-${i}`}
              />
              <Select
                style={{ flex: 1 }}
                label={i === 0 ? t('sso.unit') : undefined}
                aria-label={t('sso.unit')}
                data={unitCodes}
                value={m.unitCode || null}
                onChange={(code) => setRow(i, { unitCode: code ?? '' })}
                searchable
                data-testid={`sso-map-unit-${i}`}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t('sso.removeMapping')}
                onClick={() => setD({ ...d, mapping: d.mapping.filter((_, j) => j !== i) })}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              size="xs"
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              onClick={() => setD({ ...d, mapping: [...d.mapping, { value: '', unitCode: '' }] })}
              disabled={!companyId}
              data-testid="sso-map-add"
            >
              {t('sso.addMapping')}
            </Button>
          </Group>
        </Stack>
      )}
      {provider && (
        <Switch label={t('sso.activeLabel')} checked={d.active} onChange={(e) => setD({ ...d, active: e.currentTarget.checked })} />
      )}
      <ProblemAlert
        error={write.error}
        fields={['companyId', 'slug', 'name', 'issuer', 'clientId', 'clientSecret', 'allowedDomains', 'unitMapping', 'defaultUnitId']}
      />
      <Group justify="flex-end">
        <Button disabled={!ready} loading={write.isPending} onClick={save} data-testid={provider ? 'sso-save' : 'sso-create'}>
          {provider ? t('sso.save') : t('sso.create')}
        </Button>
      </Group>
    </Stack>
  );
}
