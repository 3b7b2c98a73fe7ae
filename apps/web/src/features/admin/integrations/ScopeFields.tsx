import { Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { idOptions, toId } from '../../../lib/options.ts';
import { useCompanies, useUnits } from '../../tickets/tickets.queries.ts';
import { useManagedCompanies } from '../managed-companies.ts';

export type ScopeValue = { kind: 'organisation' } | { kind: 'company'; companyId: number } | { kind: 'unit'; unitId: number };

/** Where a webhook or service token applies: the organisation (webhooks only), a company or a unit. */
export function ScopeFields({
  value,
  onChange,
  organisation,
}: {
  value: ScopeValue | null;
  onChange: (v: ScopeValue | null) => void;
  organisation: boolean;
}) {
  const { t } = useTranslation('integrations');
  const companies = useManagedCompanies();
  const units = useUnits();
  const [kind, setKind] = useState<ScopeValue['kind']>(value?.kind ?? (organisation ? 'organisation' : 'company'));
  const kinds: ScopeValue['kind'][] = organisation ? ['organisation', 'company', 'unit'] : ['company', 'unit'];
  return (
    <>
      <Select
        label={t('scope.label')}
        data={kinds.map((k) => ({ value: k, label: t(`scope.${k}`) }))}
        value={kind}
        allowDeselect={false}
        onChange={(k) => {
          setKind(k as ScopeValue['kind']);
          onChange(k === 'organisation' ? { kind: 'organisation' } : null);
        }}
        data-testid="scope-kind"
      />
      {kind === 'company' && (
        <Select
          label={t('scope.company')}
          data={idOptions(companies, (c) => c.name)}
          value={value?.kind === 'company' ? String(value.companyId) : null}
          onChange={(id) => onChange(toId(id) ? { kind: 'company', companyId: Number(id) } : null)}
          searchable
          data-testid="scope-company"
        />
      )}
      {kind === 'unit' && (
        <Select
          label={t('scope.unit')}
          data={idOptions(units.data, (u) => `${u.code} · ${u.name}`)}
          value={value?.kind === 'unit' ? String(value.unitId) : null}
          onChange={(id) => onChange(toId(id) ? { kind: 'unit', unitId: Number(id) } : null)}
          searchable
          data-testid="scope-unit"
        />
      )}
    </>
  );
}

/** A scope in words, for tables. */
export function useScopeLabel() {
  const { t } = useTranslation('integrations');
  const companies = useCompanies();
  const units = useUnits();
  return (s: ScopeValue) =>
    s.kind === 'organisation'
      ? t('scope.organisation')
      : s.kind === 'company'
        ? (companies.data?.find((c) => c.id === s.companyId)?.name ?? `#${s.companyId}`)
        : (units.data?.find((u) => u.id === s.unitId)?.name ?? `#${s.unitId}`);
}
