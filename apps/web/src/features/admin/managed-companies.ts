import { useMe } from '../session/session.queries.ts';
import { useCompanies } from '../tickets/tickets.queries.ts';

/**
 * The companies the signed-in person may set things up for: every one for the organisation's Administrators,
 * else those their company-wide grants name (the server refuses the others).
 */
export function useManagedCompanies() {
  const me = useMe();
  const companies = useCompanies();
  if (me.can.manageOrganisationSettings) return companies.data;
  const own = new Set(me.grants.flatMap((g) => (g.scope.kind === 'company' && g.scope.companyId !== null ? [g.scope.companyId] : [])));
  return companies.data?.filter((c) => own.has(c.id));
}
