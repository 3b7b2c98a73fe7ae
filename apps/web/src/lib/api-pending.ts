// The routes the UI was built against whose server side had not landed yet, written in
// openapi-typescript's shape. `npm run openapi` generates the real ones into api.d.ts:
// delete an entry here as soon as its path appears there (tsc then checks the UI
// against the server's own schema). Shapes follow the table definitions in
// apps/server/src/modules/{org,identity,settings}/ and platform/audit/.
import type { Locale, Role } from '@ish/shared';
import type { paths } from './api.d.ts';

type Json<T> = { content: { 'application/json': T } };
type NoContent = { 204: { content?: never } };
type Params<Q, P> = [P] extends [never]
  ? { query?: Q; header?: never; path?: never; cookie?: never }
  : { query?: Q; header?: never; path: P; cookie?: never };
type Op<R, Q = never, P = never> = { parameters: Params<Q, P>; requestBody?: never; responses: R };
type BodyOp<B, R, P = never> = { parameters: Params<never, P>; requestBody: Json<B>; responses: R };

interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
interface PageQuery {
  page?: number;
  pageSize?: number;
}
interface Versioned {
  id: number;
  active: boolean;
  version: number;
}
type Patch<T> = Partial<T> & { version: number; active?: boolean };
type IdPath = { id: number };

/** A master-data kind: `GET/POST /x` and `PATCH /x/{id}`. */
type MasterData<T, New, Query = PageQuery> = {
  list: { get: Op<{ 200: Json<Page<T & Versioned>> }, Query>; post: BodyOp<New, { 201: Json<T & Versioned> }> };
  one: { patch: BodyOp<Patch<New>, { 200: Json<T & Versioned> }, IdPath> };
};

interface NewCompany {
  code: string;
  name: string;
  timeZone: string;
}
interface NewUnit {
  companyId: number;
  parentId: number | null;
  code: string;
  name: string;
}
interface NewTeam {
  companyId: number;
  unitId: number | null;
  code: string;
  name: string;
  level: number;
  leadUserId: number | null;
  memberIds: number[];
}
interface NewVendor {
  name: string;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  contractRef: string | null;
}
interface NewLocation {
  companyId: number | null;
  name: string;
  address: string | null;
}

type Companies = MasterData<NewCompany, NewCompany>;
type Units = MasterData<NewUnit & { path: string }, NewUnit>;
type Teams = MasterData<NewTeam, NewTeam>;
type Vendors = MasterData<NewVendor, NewVendor>;
type Locations = MasterData<NewLocation, NewLocation>;

interface Grant {
  id: number;
  role: Role;
  scope: { kind: 'organisation' | 'company' | 'unit'; companyId: number | null; unitId: number | null; name: string };
}
interface NewGrant {
  role: Role;
  scope: { kind: 'organisation' | 'company' | 'unit'; companyId: number | null; unitId: number | null };
}
interface User extends Versioned {
  email: string;
  name: string;
  phone: string | null;
  unit: { id: number; name: string };
  locale: Locale;
  timeZone: string | null;
  roles: Role[];
}
interface UserFields {
  email: string;
  name: string;
  phone: string | null;
  unitId: number;
  locale: Locale;
  timeZone: string | null;
}

interface Settings {
  identity: { organisationName: string; primaryColor: string; logoUrl: string | null; version: number };
  regional: { defaultTimeZone: string; version: number };
  smtp: {
    host: string | null;
    port: number | null;
    secure: boolean;
    user: string | null;
    from: string | null;
    passwordSet: boolean;
    version: number;
  };
}
interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorEmail: string | null;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
}
interface AuditQuery extends PageQuery {
  action?: string;
  actorEmail?: string;
  target?: string;
  from?: string;
  to?: string;
}
type Me = paths['/api/v1/me']['get']['responses'][200]['content']['application/json'];

interface PendingPaths {
  '/api/v1/settings/branding': {
    get: Op<{ 200: Json<{ organisationName: string; primaryColor: string; logoUrl: string | null; defaultTimeZone: string }> }>;
  };
  '/api/v1/me/photo': { delete: Op<NoContent> };
  '/api/v1/me': {
    patch: BodyOp<{ version: number; name?: string; phone?: string | null; locale?: Locale; timeZone?: string | null }, { 200: Json<Me> }>;
  };
  '/api/v1/companies': Companies['list'];
  '/api/v1/companies/{id}': Companies['one'];
  '/api/v1/units': Units['list'];
  '/api/v1/units/{id}': Units['one'];
  '/api/v1/teams': Teams['list'];
  '/api/v1/teams/{id}': Teams['one'];
  '/api/v1/vendors': Vendors['list'];
  '/api/v1/vendors/{id}': Vendors['one'];
  '/api/v1/locations': Locations['list'];
  '/api/v1/locations/{id}': Locations['one'];
  '/api/v1/users': {
    get: Op<{ 200: Json<Page<User>> }, PageQuery & { q?: string; unitId?: number; active?: boolean }>;
    post: BodyOp<UserFields & { password: string }, { 201: Json<User> }>;
  };
  '/api/v1/users/{id}': {
    get: Op<{ 200: Json<User> }, never, IdPath>;
    patch: BodyOp<Partial<UserFields> & { version: number; active?: boolean }, { 200: Json<User> }, IdPath>;
  };
  '/api/v1/users/{id}/grants': {
    get: Op<{ 200: Json<Grant[]> }, never, IdPath>;
    post: BodyOp<NewGrant, { 201: Json<Grant> }, IdPath>;
  };
  '/api/v1/users/{id}/grants/{grantId}': { delete: Op<NoContent, never, { id: number; grantId: number }> };
  '/api/v1/settings': { get: Op<{ 200: Json<Settings> }> };
  '/api/v1/settings/identity': {
    put: BodyOp<{ version: number; organisationName: string; primaryColor: string }, { 200: Json<Settings> }>;
  };
  '/api/v1/settings/regional': { put: BodyOp<{ version: number; defaultTimeZone: string }, { 200: Json<Settings> }> };
  '/api/v1/settings/smtp': {
    put: BodyOp<
      { version: number; host: string; port: number; secure: boolean; user: string | null; password?: string; from: string },
      { 200: Json<Settings> }
    >;
  };
  '/api/v1/settings/smtp/test': { post: BodyOp<{ to: string }, NoContent> };
  '/api/v1/settings/logo': { delete: Op<NoContent> };
  '/api/v1/audit': { get: Op<{ 200: Json<Page<AuditEntry>> }, AuditQuery> };
  '/api/v1/audit/actions': { get: Op<{ 200: Json<string[]> }> };
}

/** A generated method wins as soon as it exists; a pending one only fills a gap. */
type MergeItem<A, B> = Omit<A, keyof B> & {
  [M in keyof B]: M extends keyof A ? ([NonNullable<A[M]>] extends [never] ? B[M] : A[M]) : B[M];
};

/** The generated paths plus the pending ones the server has not published yet. */
export type ApiPaths = {
  [K in keyof paths | keyof PendingPaths]: K extends keyof PendingPaths
    ? K extends keyof paths
      ? MergeItem<paths[K], PendingPaths[K]>
      : PendingPaths[K]
    : K extends keyof paths
      ? paths[K]
      : never;
};
