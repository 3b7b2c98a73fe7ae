// The identity module's public face: people, sessions, role grants and the signed-in actor.
export { loadActor } from './actor.loader.ts';
export { apiTokenRoutes } from './api-tokens.routes.ts';
export { resolveApiToken } from './api-tokens.ts';
export { authRoutes } from './auth.routes.ts';
export { assertStrongPassword, authSweepJob, passwordResetJob } from './auth.service.ts';
export {
  findActiveUser,
  findActiveUserByEmail,
  organisationAdministrators,
  peopleByIds,
  registerIdentity,
  usersWithRoleOver,
} from './identity.lookup.ts';
export { messages } from './identity.messages.ts';
export { standInRequester } from './identity.stand-in.ts';
export { apiTokens, oidcProviders, passwordResets, roleGrants, users } from './identity.tables.ts';
export { oidcRoutes } from './oidc.routes.ts';
export { profileRoutes } from './profile.routes.ts';
export { resolveSession } from './sessions.ts';
export { userRoutes } from './users.routes.ts';
export { findPeople } from './users.service.ts';
