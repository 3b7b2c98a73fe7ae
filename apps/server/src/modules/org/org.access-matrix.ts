import { accessMatrix, type Cell, unique } from '../../../test/access-matrix.ts';

// Organisation master data: every signed-in user reads it (forms need it); Administrators (org:manage) write it.

const code = (prefix: string) => unique(prefix).toUpperCase();
/** Inserts one row and answers its id, for an edit of a fresh record. */
const row = async (c: Cell, text: string, values: unknown[]) => Number((await c.ctx.pool.query(text, values)).rows[0].id);

export const matrix = accessMatrix({
  'GET /companies': { call: () => '/companies', expect: { anonymous: 401, others: '200' } },
  'POST /companies': {
    call: () => ({ path: '/companies', body: { code: code('PT'), name: 'PT Baru Jaya' } }),
    expect: { anonymous: 401, administrator: '201', others: '403' },
  },
  'PATCH /companies/{id}': {
    call: async (c) => ({
      path: `/companies/${await row(c, "INSERT INTO companies (code, name) VALUES ($1, 'PT Lama') RETURNING id", [code('PT')])}`,
      body: { version: 1, name: 'PT Lama Sekali' },
    }),
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'GET /units': { call: () => '/units', expect: { anonymous: 401, others: '200' } },
  'POST /units': {
    call: (c) => ({ path: '/units', body: { companyId: c.place.companyId, code: code('U'), name: 'Unit Baru' } }),
    expect: { anonymous: 401, administrator: '201', others: '403' },
  },
  'PATCH /units/{id}': {
    call: async (c) => {
      const id = await row(
        c,
        "INSERT INTO units (company_id, code, name, type, path) VALUES ($1, $2, 'Unit Lama', 'division', '') RETURNING id",
        [c.place.companyId, code('U')],
      );
      await c.ctx.pool.query('UPDATE units SET path = $1 WHERE id = $2', [`/${id}/`, id]);
      return { path: `/units/${id}`, body: { version: 1, name: 'Unit Lama Sekali' } };
    },
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'GET /teams': { call: () => '/teams', expect: { anonymous: 401, others: '200' } },
  'POST /teams': {
    call: (c) => ({ path: '/teams', body: { companyId: c.place.companyId, code: code('T'), name: 'Tim Baru' } }),
    expect: { anonymous: 401, administrator: '201', others: '403' },
  },
  'PATCH /teams/{id}': {
    call: async (c) => ({ path: `/teams/${(await c.f.team(c.place)).id}`, body: { version: 1, name: 'Tim Lama' } }),
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  // A team's presence is for its members and the service desk of its company; its automatic assignment for the
  // leads of its company (and Administrators). Another company's team answers 404.
  'GET /teams/{id}/presence': {
    call: async (c) => `/teams/${(await c.shared('team', () => c.f.team(c.place))).id}/presence`,
    expect: { anonymous: 401, agent: '200 200 404', team_lead: '200 200 404', administrator: '200', others: '404' },
  },
  'GET /teams/{id}/assignment': {
    call: async (c) => `/teams/${(await c.shared('team', () => c.f.team(c.place))).id}/assignment`,
    expect: { anonymous: 401, team_lead: '200 200 404', administrator: '200', others: '403' },
  },
  'PUT /teams/{id}/assignment': {
    call: async (c) => ({ path: `/teams/${(await c.f.team(c.place)).id}/assignment`, body: { mode: 'round_robin' } }),
    expect: { anonymous: 401, team_lead: '200 200 404', administrator: '200', others: '403' },
  },
  'GET /vendors': { call: () => '/vendors', expect: { anonymous: 401, others: '200' } },
  'POST /vendors': {
    call: () => ({ path: '/vendors', body: { name: unique('PT Mitra') } }),
    expect: { anonymous: 401, administrator: '201', others: '403' },
  },
  'PATCH /vendors/{id}': {
    call: async (c) => ({
      path: `/vendors/${await row(c, 'INSERT INTO vendors (name) VALUES ($1) RETURNING id', [unique('PT Mitra')])}`,
      body: { version: 1, contactName: 'Irwan' },
    }),
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'GET /locations': { call: () => '/locations', expect: { anonymous: 401, others: '200' } },
  'POST /locations': {
    call: (c) => ({ path: '/locations', body: { companyId: c.place.companyId, name: unique('Gedung') } }),
    expect: { anonymous: 401, administrator: '201', others: '403' },
  },
  'PATCH /locations/{id}': {
    call: async (c) => ({
      path: `/locations/${await row(c, 'INSERT INTO locations (company_id, name) VALUES ($1, $2) RETURNING id', [c.place.companyId, unique('Gedung')])}`,
      body: { version: 1, address: 'Jl. Merdeka 1' },
    }),
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'GET /units/import/template': { call: () => '/units/import/template', expect: { anonymous: 401, administrator: '200', others: '403' } },
  'POST /units/import': {
    call: async (c) => {
      const codes = await c.f.codesOf(c.place);
      const csv = `company_code,code,name,type,parent_code\n${codes.company},${code('IMP')},Unit Impor,department,${codes.unit}\n`;
      return { path: '/units/import', upload: { name: 'unit.csv', type: 'text/csv', data: Buffer.from(csv) } };
    },
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
});
