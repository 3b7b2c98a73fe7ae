import { accessMatrix, PNG, settingVersion } from '../../../test/access-matrix.ts';
import { startSmtpServer } from '../../../test/support/smtp.ts';
import { postgresFileStore } from '../../platform/files/file-store.ts';

// Organisation settings: Administrators only (settings:manage), except the public branding and logo.

let smtp: ReturnType<typeof startSmtpServer> | null = null;
/** An SMTP server in the test process, so a test email is really sent. */
const mailServer = () => {
  smtp ??= startSmtpServer();
  return smtp;
};

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
});
