import { accessMatrix, type Cell, PNG, settingVersion } from '../../../test/access-matrix.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { postgresFileStore } from '../../platform/files/file-store.ts';

// Organisation settings: Administrators only (settings:manage), except the public branding and logo.

let smtp: ReturnType<typeof startSmtpServer> | null = null;
/** An SMTP server in the test process, so a test email is really sent. */
const mailServer = () => {
  smtp ??= startSmtpServer();
  return smtp;
};

/** The version of the cell's company's own identity (0 while it has none). */
const brandingVersion = async (c: Cell) =>
  Number((await c.ctx.pool.query('SELECT version FROM company_branding WHERE company_id = $1', [c.place.companyId])).rows[0]?.version ?? 0);

export const matrix = accessMatrix({
  'GET /settings/branding': { call: () => '/settings/branding', expect: { anonymous: 200, others: '200' } },
  'GET /settings': { call: () => '/settings', expect: { anonymous: 401, administrator: '200', others: '403' } },
  'PUT /settings/identity': {
    call: async (c) => ({
      path: '/settings/identity',
      body: { version: await settingVersion(c.ctx, 'identity'), organisationName: 'Grup Nusantara', primaryColor: '#1c7ed6' },
    }),
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'PUT /settings/regional': {
    call: async (c) => ({
      path: '/settings/regional',
      body: { version: await settingVersion(c.ctx, 'regional'), defaultTimeZone: 'Asia/Jakarta' },
    }),
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'PUT /settings/smtp': {
    call: async (c) => ({
      path: '/settings/smtp',
      body: {
        version: await settingVersion(c.ctx, 'smtp'),
        host: '127.0.0.1',
        port: (await mailServer()).port,
        secure: false,
        user: null,
        from: 'layanan@nusantara.test',
      },
    }),
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'POST /settings/smtp/test': {
    call: () => ({ path: '/settings/smtp/test', body: { to: 'uji@nusantara.test' } }),
    expect: { anonymous: 401, administrator: '204', others: '403' },
  },
  'POST /settings/logo': {
    call: () => ({ path: '/settings/logo', upload: { name: 'logo.png', type: 'image/png', data: PNG } }),
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'DELETE /settings/logo': { call: () => '/settings/logo', expect: { anonymous: 401, administrator: '204', others: '403' } },
  'GET /settings/logo': {
    call: async (c) => {
      await c.shared('logo', async () => {
        const fileId = await postgresFileStore.put(c.ctx.db, { purpose: 'logo', contentType: 'image/png', data: PNG, createdBy: null });
        await c.ctx.pool.query(
          "UPDATE settings SET value = jsonb_set(value, '{logoFileId}', to_jsonb($1::bigint)) WHERE key = 'identity'",
          [fileId],
        );
      });
      return '/settings/logo';
    },
    expect: { anonymous: 200, others: '200' },
  },
  // A company's own identity: Administrators (the demo's manages the whole organisation), any company.
  'GET /settings/company-branding': {
    call: () => '/settings/company-branding',
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'PUT /settings/company-branding/{companyId}': {
    serial: true,
    call: async (c) => ({
      path: `/settings/company-branding/${c.place.companyId}`,
      body: { version: await brandingVersion(c), name: 'Unit Uji', primaryColor: null },
    }),
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'POST /settings/company-branding/{companyId}/logo': {
    serial: true,
    call: (c) => ({
      path: `/settings/company-branding/${c.place.companyId}/logo`,
      upload: { name: 'logo.png', type: 'image/png', data: PNG },
    }),
    expect: { anonymous: 401, administrator: '200', others: '403' },
  },
  'DELETE /settings/company-branding/{companyId}/logo': {
    serial: true,
    call: (c) => `/settings/company-branding/${c.place.companyId}/logo`,
    expect: { anonymous: 401, administrator: '204', others: '403' },
  },
  'GET /settings/company-branding/{companyId}/logo': {
    call: async (c) => {
      const fileId = await postgresFileStore.put(c.ctx.db, { purpose: 'logo', contentType: 'image/png', data: PNG, createdBy: null });
      await c.ctx.pool.query(
        `INSERT INTO company_branding (company_id, logo_file_id) VALUES ($1, $2)
         ON CONFLICT (company_id) DO UPDATE SET logo_file_id = $2`,
        [c.place.companyId, fileId],
      );
      return `/settings/company-branding/${c.place.companyId}/logo`;
    },
    expect: { anonymous: 200, others: '200' },
  },
});
