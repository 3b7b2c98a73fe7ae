// The org module's public face: companies, the unit tree, teams, vendors and locations.
export {
  companyDaysCondition,
  companyTimeZone,
  type DivisionChoice,
  findTeam,
  findUnitPlacement,
  findVendor,
  isTeamMember,
  memberIdsOf,
  soleRoot,
  teamIdsColumn,
  teamIdsOf,
  unitsWith,
} from './org.lookup.ts';
export { messages } from './org.messages.ts';
export { orgRoutes } from './org.routes.ts';
export { companies, locations, teamMembers, teams, units, vendors } from './org.tables.ts';
