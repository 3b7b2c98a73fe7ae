import { bigint, boolean, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const users = pgTable('users', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  phone: text('phone'),
  /** Jabatan, e.g. Kepala Bidang: some positions make a report urgent (004 Table 3). */
  position: text('position'),
  unitId: ref('unit_id').notNull(),
  passwordHash: text('password_hash'),
  locale: text('locale').$type<'id' | 'en'>().notNull().default('id'),
  timeZone: text('time_zone'),
  photoFileId: ref('photo_file_id'),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const roleGrants = pgTable('role_grants', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  userId: ref('user_id').notNull(),
  role: text('role').notNull(),
  scopeKind: text('scope_kind').$type<'organisation' | 'company' | 'unit'>().notNull(),
  companyId: ref('company_id'),
  unitId: ref('unit_id'),
  createdBy: ref('created_by'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: ref('user_id').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  lastSeenAt: at('last_seen_at').notNull().defaultNow(),
  expiresAt: at('expires_at').notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
});

export const passwordResets = pgTable('password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: ref('user_id').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
  expiresAt: at('expires_at').notNull(),
  usedAt: at('used_at'),
});

export const loginAttempts = pgTable('login_attempts', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  email: text('email').notNull(),
  ip: text('ip').notNull(),
  success: boolean('success').notNull(),
  at: at('at').notNull().defaultNow(),
});

export const apiTokens = pgTable('api_tokens', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  userId: ref('user_id').notNull(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull(),
  prefix: text('prefix').notNull(),
  scopes: text('scopes').array().notNull(),
  kind: text('kind').$type<'personal' | 'service'>().notNull().default('personal'),
  scopeKind: text('scope_kind').$type<'company' | 'unit'>(),
  companyId: ref('company_id'),
  unitId: ref('unit_id'),
  expiresAt: at('expires_at').notNull(),
  revokedAt: at('revoked_at'),
  revokedBy: ref('revoked_by'),
  lastUsedAt: at('last_used_at'),
  lastUsedIp: text('last_used_ip'),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const oidcProviders = pgTable('oidc_providers', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  companyId: ref('company_id').notNull(),
  slug: text('slug').notNull(),
  name: text('name').notNull(),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecretEncrypted: text('client_secret_encrypted').notNull(),
  allowedDomains: text('allowed_domains').array().notNull(),
  unitClaim: text('unit_claim'),
  unitMapping: jsonb('unit_mapping').$type<Record<string, string>>().notNull(),
  defaultUnitId: ref('default_unit_id'),
  defaultRole: text('default_role').notNull(),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
export type OidcProviderRow = typeof oidcProviders.$inferSelect;

export const userIdentities = pgTable(
  'user_identities',
  {
    providerId: ref('provider_id').notNull(),
    subject: text('subject').notNull(),
    userId: ref('user_id').notNull(),
    email: text('email').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    lastSignInAt: at('last_sign_in_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.subject] })],
);

export const oidcLogins = pgTable('oidc_logins', {
  idHash: text('id_hash').primaryKey(),
  providerId: ref('provider_id').notNull(),
  state: text('state').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  returnTo: text('return_to').notNull(),
  expiresAt: at('expires_at').notNull(),
});

export const oidcSessions = pgTable('oidc_sessions', {
  sessionId: text('session_id').primaryKey(),
  providerId: ref('provider_id').notNull(),
  idToken: text('id_token').notNull(),
});

export const companySignIn = pgTable('company_sign_in', {
  companyId: ref('company_id').primaryKey(),
  passwordLogin: boolean('password_login').notNull().default(true),
  version: integer('version').notNull().default(1),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
