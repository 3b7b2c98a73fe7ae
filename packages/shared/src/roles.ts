/** Role codes from DESIGN §3. Labels live in the locales (`roles.<code>`). */
export const ROLES = [
  'requester',
  'agent',
  'team_lead',
  'service_provider',
  'catalog_manager',
  'approver',
  'billing_coordinator',
  'billing_admin',
  'change_requester',
  'change_manager',
  'cab_member',
  'implementer',
  'executive',
  'division_admin',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles only an organisation-wide user manager may hand out. */
export const PRIVILEGED_ROLES: readonly Role[] = ['administrator'];

/** Roles a sign-in provider may give the people it creates: never a privileged one, nor a division's administration. */
export const SSO_ROLES = ROLES.filter((r) => !PRIVILEGED_ROLES.includes(r) && r !== 'division_admin');
