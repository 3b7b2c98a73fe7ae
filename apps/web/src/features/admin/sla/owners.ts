import { useTranslation } from 'react-i18next';
import { useOrgAll } from '../org/org.queries.ts';

/** A calendar belongs to the whole organisation, one company or one team; the select holds "company:3" or "team:5". */
export function ownerValue(owner: { companyId: number | null; teamId: number | null }): string | null {
  if (owner.teamId) return `team:${owner.teamId}`;
  return owner.companyId ? `company:${owner.companyId}` : null;
}

export function ownerIds(value: string | null): { companyId: number | null; teamId: number | null } {
  const [kind, id] = (value ?? '').split(':');
  return { companyId: kind === 'company' ? Number(id) : null, teamId: kind === 'team' ? Number(id) : null };
}

/** Grouped select options and the display name of an owner. */
export function useOwners() {
  const { t } = useTranslation('sla');
  const companies = useOrgAll('companies');
  const teams = useOrgAll('teams');
  const options = [
    { group: t('calendars.companies'), items: (companies.data ?? []).map((c) => ({ value: `company:${c.id}`, label: c.name })) },
    { group: t('calendars.teams'), items: (teams.data ?? []).map((team) => ({ value: `team:${team.id}`, label: team.name })) },
  ];
  const nameOf = (owner: { companyId: number | null; teamId: number | null }) => {
    if (owner.teamId) return teams.data?.find((team) => team.id === owner.teamId)?.name ?? '—';
    if (owner.companyId) return companies.data?.find((c) => c.id === owner.companyId)?.name ?? '—';
    return t('calendars.organisation');
  };
  return { options, nameOf };
}
