import { useTranslation } from 'react-i18next';
import { useMe } from '../../session/session.queries.ts';
import { useManagedCompanies } from '../managed-companies.ts';
import { useOrgAll } from '../org/org.queries.ts';

type Owner = { companyId: number | null; teamId: number | null };

/**
 * Which calendars (and their days off) the signed-in Administrator may change: the organisation's
 * Administrators any; a company's those of their companies and their teams (the server checks again).
 */
export function useKeeps() {
  const everything = useMe().can.manageOrganisationSettings;
  const companies = new Set((useManagedCompanies() ?? []).map((c) => c.id));
  const teams = useOrgAll('teams');
  const companyOf = (owner: Owner) => (owner.teamId ? teams.data?.find((team) => team.id === owner.teamId)?.companyId : owner.companyId);
  return {
    /** May choose "the whole organisation" (no owner, every calendar). */
    everything,
    keeps: (owner: Owner | null) => everything || (owner !== null && companies.has(companyOf(owner) ?? -1)),
  };
}

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
  const { keeps } = useKeeps();
  // Offered: the owners the caller may give a calendar to.
  const options = [
    {
      group: t('calendars.companies'),
      items: (companies.data ?? [])
        .filter((c) => keeps({ companyId: c.id, teamId: null }))
        .map((c) => ({ value: `company:${c.id}`, label: c.name })),
    },
    {
      group: t('calendars.teams'),
      items: (teams.data ?? [])
        .filter((team) => keeps({ companyId: team.companyId, teamId: null }))
        .map((team) => ({ value: `team:${team.id}`, label: team.name })),
    },
  ];
  const nameOf = (owner: { companyId: number | null; teamId: number | null }) => {
    if (owner.teamId) return teams.data?.find((team) => team.id === owner.teamId)?.name ?? '—';
    if (owner.companyId) return companies.data?.find((c) => c.id === owner.companyId)?.name ?? '—';
    return t('calendars.organisation');
  };
  return { options, nameOf };
}
