import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { access } from './access.ts';
import { type App, createHttpApp } from './app.ts';

const options = {
  logLevel: 'silent',
  publicUrl: 'http://localhost:3000',
  trustProxy: false,
  authenticate: async () => null,
  authenticateBearer: async () => null,
};

const person = z.object({ id: z.number().int(), name: z.string() });
const answer = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  owner: person.nullable(),
  people: z.array(person),
  note: z.string().nullable(),
  tags: z.record(z.string(), z.number().int()),
  kind: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('a'), a: z.number() }),
    z.object({ kind: z.literal('b'), b: z.string() }),
  ]),
});

/** What a handler returns: every documented field, plus fields the schema does not name at every depth. */
const returned = {
  id: 7,
  at: '2026-11-30T01:02:03.000Z',
  passwordHash: 'secret',
  owner: { id: 1, name: 'Sari', email: 'sari@example.test' },
  people: [{ id: 2, name: 'Budi', internal: true }],
  note: null,
  tags: { x: 1 },
  kind: { kind: 'b', b: 'yes', hidden: 'no' },
};

async function appWith(production: boolean, handler: () => unknown) {
  const app = await createHttpApp({ ...options, production });
  await app.register(
    async (api) => {
      (api as App).get('/thing', {
        config: { access: access.public() },
        schema: { response: { 200: answer } },
        // The handler returns what the schema does not allow on purpose: the serializer is what is tested.
        handler: async () => handler() as z.infer<typeof answer>,
      });
    },
    { prefix: '/api/v1' },
  );
  await app.ready();
  return app;
}

describe('response serialization', () => {
  for (const production of [true, false]) {
    it(`sends exactly the documented fields, at every depth (${production ? 'production' : 'development'})`, async () => {
      const app = await appWith(production, () => returned);
      const res = await app.inject({ method: 'GET', url: '/api/v1/thing' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        id: 7,
        at: '2026-11-30T01:02:03.000Z',
        owner: { id: 1, name: 'Sari' },
        people: [{ id: 2, name: 'Budi' }],
        note: null,
        tags: { x: 1 },
        kind: { kind: 'b', b: 'yes' },
      });
      expect(res.body).not.toMatch(/secret|email|internal|hidden/);
      await app.close();
    });

    it(`answers 500 problem+json, not a partial body, when a required field is missing (${production ? 'production' : 'development'})`, async () => {
      const { owner: _, ...withoutOwner } = returned;
      const app = await appWith(production, () => withoutOwner);
      const res = await app.inject({ method: 'GET', url: '/api/v1/thing' });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('INTERNAL');
      await app.close();
    });
  }

  it('in development, refuses an answer that breaks its schema even where the compiled serializer would coerce it', async () => {
    const app = await appWith(false, () => ({ ...returned, id: '7' }));
    const res = await app.inject({ method: 'GET', url: '/api/v1/thing' });
    expect(res.statusCode).toBe(500);
    expect(res.json().code).toBe('INTERNAL');
    await app.close();
  });
});
