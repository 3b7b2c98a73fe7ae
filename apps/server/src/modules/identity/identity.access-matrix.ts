import { accessMatrix, type Cell, PNG, unique } from '../../../test/access-matrix.ts';
import { integrationFactories } from '../../../test/factories/integrations.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../seed/demo-accounts.ts';

// Who may do what with sessions, profiles, users and grants (users.policy.ts): a user outside where the caller
// reads users is invisible (404); readable but not theirs to manage, 403. A person's photo is seen by
// colleagues of their company and by whoever reads users there.

const email = (c: Cell) => (c.role ? DEMO_ACCOUNTS[c.role].email : DEMO_ACCOUNTS.requester.email);
/** Someone placed in the cell's place, seen by reads of every role of that scope. */
const colleague = (c: Cell) => c.shared('colleague', () => c.f.user(c.place));
const myVersion = async (c: Cell) => {
  const { rows } = await c.ctx.pool.query('SELECT version FROM users WHERE email = $1', [email(c)]);
  return Number(rows[0]?.version);
};
const made = (c: Cell) => integrationFactories(c.ctx);
/** The demo Administrator, who owns the service tokens the rows revoke. */
const administrator = (c: Cell) => c.f.userId(DEMO_ACCOUNTS.administrator.email);
/** A sign-in policy's version for the cell's company (0 while never saved). */
const signInVersion = async (c: Cell) => {
  const { rows } = await c.ctx.pool.query('SELECT version FROM company_sign_in WHERE company_id = $1', [c.place.companyId]);
  return Number(rows[0]?.version ?? 0);
};
/** Administrators only (settings:manage, organisation-wide in the demo): every company's records. */
const administrators = (status: string) => ({ anonymous: 401, administrator: status, others: '403' });
/** The provider a sign-in names: none (own scope), switched off (foreign unit), active but unreachable (foreign company). */
const provider = (c: Cell) =>
  c.shared('provider', async () =>
    c.role === null || c.scope === 'own' ? { slug: unique('tidak-ada') } : made(c).oidcProvider(c.place, { active: c.scope === 'company' }),
  );

export const matrix = accessMatrix({
  'POST /auth/login': {
    call: (c) => ({ path: '/auth/login', body: { email: email(c), password: DEMO_PASSWORD } }),
    expect: { anonymous: 200, others: '200' },
  },
  'POST /auth/logout': { call: () => ({ path: '/auth/logout', fresh: true }), expect: { anonymous: 401, others: '204' } },
  'POST /auth/password': {
    call: () => ({ path: '/auth/password', body: { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD } }),
    expect: { anonymous: 401, others: '204' },
  },
  'POST /auth/forgot-password': {
    // Every cell asks from the same address (the matrix trusts no proxy): the per-address limit starts afresh for each.
    call: async (c) => {
      await c.ctx.pool.query(`DELETE FROM rate_limit_hits WHERE key LIKE 'reset:ip:%'`);
      await c.ctx.pool.query(`DELETE FROM rate_limit_locks WHERE key LIKE 'reset:ip:%'`);
      return { path: '/auth/forgot-password', body: { email: (await c.f.user(c.place)).email } };
    },
    expect: { anonymous: 202, others: '202' },
    serial: true,
  },
  'POST /auth/reset-password': {
    call: async (c) => ({
      path: '/auth/reset-password',
      body: { token: await c.f.passwordReset((await c.f.user(c.place)).id), newPassword: 'Rahasia-baru-2026' },
    }),
    expect: { anonymous: 204, others: '204' },
  },
  'GET /me': { call: () => '/me', expect: { anonymous: 401, others: '200' } },
  'PATCH /me': {
    call: async (c) => ({ path: '/me', body: { version: await myVersion(c), phone: '0812-0000-0000' } }),
    expect: { anonymous: 401, others: '200' },
  },
  'POST /me/photo': {
    call: () => ({ path: '/me/photo', upload: { name: 'foto.png', type: 'image/png', data: PNG } }),
    expect: { anonymous: 401, others: '200' },
  },
  'DELETE /me/photo': { call: () => '/me/photo', expect: { anonymous: 401, others: '204' } },
  'GET /users/{id}/photo': {
    call: async (c) => {
      const person = await c.shared('pictured', async () => {
        const user = await c.f.user(c.place);
        await c.f.photo(user.id);
        return user;
      });
      return `/users/${person.id}/photo`;
    },
    expect: {
      anonymous: 401,
      catalog_manager: '200',
      change_manager: '200',
      cab_member: '200',
      implementer: '200',
      executive: '200',
      administrator: '200',
      others: '200 200 404',
    },
  },
  'GET /users': { call: () => '/users', expect: { anonymous: 401, division_admin: '200', administrator: '200', others: '403' } },
  'POST /users': {
    call: (c) => ({
      path: '/users',
      body: { email: `baru-${Math.random().toString(36).slice(2)}@nusantara.test`, name: 'Pegawai Baru', unitId: c.place.unitId },
    }),
    expect: { anonymous: 401, division_admin: '201 403 403', administrator: '201', others: '403' },
  },
  'GET /people': {
    call: async (c) => `/people?q=${encodeURIComponent((await colleague(c)).name)}&purpose=ticket`,
    expect: { anonymous: 401, agent: '200', team_lead: '200', service_provider: '200', administrator: '200', others: '403' },
  },
  'GET /users/{id}': {
    call: async (c) => `/users/${(await colleague(c)).id}`,
    expect: { anonymous: 401, division_admin: '200 404 404', administrator: '200', others: '403' },
  },
  'PATCH /users/{id}': {
    call: async (c) => ({ path: `/users/${(await c.f.user(c.place)).id}`, body: { version: 1, phone: '0812-9999-0000' } }),
    expect: { anonymous: 401, division_admin: '200 404 404', administrator: '200', others: '403' },
  },
  'GET /users/{id}/grants': {
    call: async (c) => `/users/${(await colleague(c)).id}/grants`,
    expect: { anonymous: 401, division_admin: '200 404 404', administrator: '200', others: '403' },
  },
  'POST /users/{id}/grants': {
    call: async (c) => ({
      path: `/users/${(await c.f.user(c.place)).id}/grants`,
      body: { role: 'service_provider', scope: { kind: 'unit', unitId: c.place.unitId } },
    }),
    expect: { anonymous: 401, division_admin: '201 404 404', administrator: '201', others: '403' },
  },
  'DELETE /users/{id}/grants/{grantId}': {
    call: async (c) => {
      const user = await c.f.user(c.place);
      const grant = await c.f.grant(user.id, 'service_provider', { unitId: c.place.unitId });
      return `/users/${user.id}/grants/${grant.id}`;
    },
    expect: { anonymous: 401, division_admin: '204 404 404', administrator: '204', others: '403' },
  },
  'GET /users/import/template': {
    call: () => '/users/import/template',
    expect: { anonymous: 401, division_admin: '200', administrator: '200', others: '403' },
  },
  'POST /users/import': {
    // One row for the cell's place: a unit outside the importer's scope is a row error (422), nothing imported.
    call: async (c) => {
      const codes = await c.f.codesOf(c.place);
      const csv = `email,name,company_code,unit_code,phone,locale,roles\nimpor-${Math.random().toString(36).slice(2)}@nusantara.test,Pegawai Impor,${codes.company},${codes.unit},,id,requester\n`;
      return { path: '/users/import', upload: { name: 'pengguna.csv', type: 'text/csv', data: Buffer.from(csv) } };
    },
    expect: { anonymous: 401, division_admin: '200 422 422', administrator: '200', others: '403' },
  },
  // API tokens. A personal token is its owner's alone: another person's token id answers 404, to Administrators too.
  'GET /me/tokens': { call: () => '/me/tokens', expect: { anonymous: 401, others: '200' } },
  'POST /me/tokens': {
    call: () => ({ path: '/me/tokens', body: { name: unique('Skrip'), expiresInDays: 30 } }),
    expect: { anonymous: 401, others: '201' },
  },
  'DELETE /me/tokens/{id}': {
    call: async (c) => {
      const owner = c.scope === 'own' && c.me ? c.me.userId : (await colleague(c)).id;
      return `/me/tokens/${(await made(c).personalToken(owner)).id}`;
    },
    expect: { anonymous: 401, others: '204 404 404' },
  },
  // Service tokens and identity providers: Administrators (settings:manage) of the place, every company for the demo's.
  'GET /service-tokens': { call: () => '/service-tokens', expect: administrators('200') },
  'POST /service-tokens': {
    call: (c) => ({
      path: '/service-tokens',
      body: { name: unique('Integrasi'), scopes: ['tickets:read'], scope: { kind: 'unit', unitId: c.place.unitId } },
    }),
    expect: administrators('201'),
  },
  'DELETE /service-tokens/{id}': {
    call: async (c) => `/service-tokens/${(await made(c).serviceToken(await administrator(c), c.place)).id}`,
    expect: administrators('204'),
  },
  'GET /oidc-providers': { call: () => '/oidc-providers', expect: administrators('200') },
  'POST /oidc-providers': {
    call: (c) => ({
      path: '/oidc-providers',
      body: {
        companyId: c.place.companyId,
        slug: unique('sso'),
        name: 'Akun Kantor',
        issuer: 'https://login.nusantara.test/realms/kantor',
        clientId: 'ish-hub',
        clientSecret: 'rahasia-klien',
      },
    }),
    expect: administrators('201'),
  },
  'PATCH /oidc-providers/{id}': {
    call: async (c) => ({ path: `/oidc-providers/${(await made(c).oidcProvider(c.place)).id}`, body: { version: 1, name: 'Akun Baru' } }),
    expect: administrators('200'),
  },
  'GET /companies/{id}/sign-in': { call: (c) => `/companies/${c.place.companyId}/sign-in`, expect: administrators('200') },
  'PUT /companies/{id}/sign-in': {
    call: async (c) => ({
      path: `/companies/${c.place.companyId}/sign-in`,
      body: { passwordLogin: true, version: await signInVersion(c) },
    }),
    expect: administrators('200'),
    serial: true,
  },
  // Signing in with a provider is public. Without a real provider each scope stands for one situation: an unknown
  // slug (own), a switched-off provider (foreign unit), an active provider that cannot be reached (foreign company).
  'GET /auth/providers': { call: () => '/auth/providers', expect: { anonymous: 200, others: '200' } },
  'GET /auth/oidc/{provider}/start': {
    call: async (c) => `/auth/oidc/${(await provider(c)).slug}/start?returnTo=/tickets`,
    // A browser navigation: refusals go back to the sign-in page with their reason (asserted in oidc.test.ts).
    expect: { anonymous: 302, others: '302' },
  },
  // The callback never answers with an error page: the browser is mid-redirect, so every refusal (unknown or
  // switched-off provider, no sign-in in progress, i.e. no state) sends it to /login?sso=<CODE>.
  'GET /auth/oidc/{provider}/callback': {
    call: async (c) => `/auth/oidc/${(await provider(c)).slug}/callback?code=abc&state=xyz`,
    expect: { anonymous: 302, others: '302' },
  },
});
