import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { access } from './access.ts';
import { type App, createHttpApp } from './app.ts';

const options = {
  logLevel: 'silent',
  publicUrl: 'http://localhost:3000',
  trustProxy: false,
  production: false,
  authenticate: async () => null,
  authenticateBearer: async () => null,
};

describe('route access declarations', () => {
  it('refuses to start with an API route that declares no access', async () => {
    const app = await createHttpApp(options);
    const start = async () => {
      await app.register(
        async (api) => {
          (api as App).get('/forgotten', async () => ({ open: true }));
        },
        { prefix: '/api/v1' },
      );
      await app.ready();
    };
    await expect(start()).rejects.toThrow(/GET \/api\/v1\/forgotten declares no access/);
  });

  it('starts when every route declares its access, and answers 401 to anonymous writes before reading the body', async () => {
    const app = await createHttpApp(options);
    let handled = 0;
    await app.register(
      async (api) => {
        (api as App).post('/things', {
          config: { access: access.permission('settings:manage') },
          schema: { body: z.strictObject({ name: z.string().min(3) }) },
          handler: async () => {
            handled++;
            return { ok: true };
          },
        });
        (api as App).get('/open', { config: { access: access.public() } }, async () => ({ ok: true }));
      },
      { prefix: '/api/v1' },
    );
    await app.ready();
    const write = await app.inject({ method: 'POST', url: '/api/v1/things', payload: { bogus: 1 } });
    expect(write.statusCode).toBe(401);
    expect(write.json().code).toBe('UNAUTHENTICATED');
    expect((await app.inject({ method: 'GET', url: '/api/v1/open' })).statusCode).toBe(200);
    expect(handled).toBe(0);
    await app.close();
  });
});
