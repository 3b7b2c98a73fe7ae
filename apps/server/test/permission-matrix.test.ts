import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROLES, type Role } from '@ish/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '../src/modules/identity/index.ts';
import type { Actor } from '../src/platform/authz/actor.ts';
import { DEMO_ACCOUNTS } from '../src/seed/demo-accounts.ts';
import { type AccessMatrix, type Call, type Cell, expected, type Operation, SCOPES, type Scope } from './access-matrix.ts';
import { type Factories, factories, type Place } from './factories.ts';
import { type Client, createTestApp, type TestApp } from './harness.ts';

// Every operation of the OpenAPI document × every demo role × {own scope, foreign unit, foreign company}, and
// anonymous: each cell is a real request whose records the factories make in the cell's place. The expected
// statuses are declared per module in `src/modules/<module>/<module>.access-matrix.ts`.
// MATRIX_RECORD=path writes what every cell answered instead of asserting (to draft a new module's rows);
// MATRIX_ONLY=regexp sends only the operations whose name matches it (while drafting; the full run checks all).

const srcDir = resolve(import.meta.dirname, '../src');
const modulesDir = join(srcDir, 'modules');
const RECORD = process.env.MATRIX_RECORD;
const ONLY = process.env.MATRIX_ONLY;

async function loadMatrices(): Promise<Map<string, { operation: Operation; module: string }>> {
  const rows = new Map<string, { operation: Operation; module: string }>();
  const dirs = [srcDir, ...readdirSync(modulesDir).map((m) => join(modulesDir, m))];
  for (const dir of dirs) {
    const module = dir === srcDir ? 'server' : (dir.split('/').pop() as string);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.access-matrix.ts'))) {
      const { matrix } = (await import(join(dir, file))) as { matrix: AccessMatrix };
      for (const [op, operation] of Object.entries(matrix)) {
        if (rows.has(op)) throw new Error(`${op} has rows in both ${rows.get(op)?.module} and ${module}`);
        rows.set(op, { operation, module });
      }
    }
  }
  return rows;
}

let t: TestApp;
let f: Factories;
let rows: Map<string, { operation: Operation; module: string }>;
let operations: string[];
const clients = new Map<Role, Client>();
const actors = new Map<Role, Actor>();
const places: Record<Exclude<Scope, 'own'>, Place> & { anonymous: Place } = {} as never;
const observed: Record<string, Record<string, number[] | number>> = {};

beforeAll(async () => {
  t = await createTestApp();
  f = factories(t.ctx);
  rows = await loadMatrices();
  const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path.replace(/^\/api\/v1/, '')}`),
  );
  for (const role of ROLES) {
    clients.set(role, await t.actingAs(role));
    const actor = await loadActor(t.ctx.db, await f.userId(DEMO_ACCOUNTS[role].email));
    if (!actor) throw new Error(`no demo account for ${role}`);
    actors.set(role, actor);
  }
  places.unit = await f.place('BIGDATA');
  places.company = await f.place('OU-JKT');
  places.anonymous = await f.place('PRODUK');
}, 120_000);

afterAll(async () => {
  if (RECORD) writeFileSync(RECORD, JSON.stringify(observed, null, 1));
  await t.close();
});

async function send(client: Client, method: string, call: Call) {
  const url = call.path.startsWith('/api/') ? call.path : `/api/v1${call.path}`;
  if (call.upload) return client.upload(url, call.upload);
  switch (method) {
    case 'GET':
      return client.get(url, call.headers);
    case 'DELETE':
      return client.delete(url, call.headers);
    case 'POST':
      return client.post(url, call.body ?? {}, call.headers);
    case 'PUT':
      return client.put(url, call.body ?? {}, call.headers);
    default:
      return client.patch(url, call.body ?? {}, call.headers);
  }
}

/** Opens a server-sent event stream, reads its status and hangs up (a stream never ends by itself). */
async function openStream(client: Client, path: string): Promise<number> {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1${path}`,
    headers: client.cookie ? { cookie: client.cookie } : {},
    payloadAsStream: true,
  });
  res.stream().destroy();
  // Hang up as a browser would: the route unsubscribes and stops its keep-alive pings.
  (res.raw.res as unknown as { req: NodeJS.EventEmitter }).req.emit('close');
  return res.statusCode;
}

describe('permission matrix', () => {
  it('has exactly one row for every operation of the OpenAPI document', () => {
    const missing = operations.filter((op) => !rows.has(op));
    const unknown = [...rows.keys()].filter((op) => !operations.includes(op));
    expect({ missing, unknown }).toEqual({ missing: [], unknown: [] });
  });

  it('answers every cell as declared', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      if (ONLY && !new RegExp(ONLY).test(op)) continue;
      const row = rows.get(op);
      if (!row) continue;
      const [method = 'GET'] = op.split(' ');
      const cache = new Map<string, Promise<unknown>>();
      const cell = (role: Role | null, scope: Scope): Cell => {
        const me = role ? (actors.get(role) ?? null) : null;
        const place =
          role === null
            ? places.anonymous
            : scope === 'own'
              ? { unitId: me!.unitId, companyId: me!.companyId, unitPath: me!.unitPath }
              : places[scope];
        return {
          role,
          scope,
          me,
          place,
          f,
          ctx: t.ctx,
          shared: <T>(key: string, make: () => Promise<T>) => {
            const id = `${key}:${scope}:${scope === 'own' ? place.unitId : ''}`;
            if (!cache.has(id)) cache.set(id, make());
            return cache.get(id) as Promise<T>;
          },
        };
      };
      const run = async (role: Role | null, scope: Scope) => {
        const built = await row.operation.call(cell(role, scope));
        const call = typeof built === 'string' ? { path: built } : built;
        const client = !role ? t.anonymous() : call.fresh ? await t.actingAs(role) : (clients.get(role) as Client);
        if (call.stream) return openStream(client, call.path);
        const res = await send(client, method, call);
        return res.status;
      };
      const anonymous = await run(null, 'own');
      observed[op] = { anonymous };
      if (!RECORD && anonymous !== row.operation.expect.anonymous)
        wrong.push(`${op} anonymous: ${anonymous}, declared ${row.operation.expect.anonymous}`);
      // Roles run side by side (each on its own records), or one after another for a `serial` row; the three
      // scopes of one role one after another.
      const check = async (role: Role) => {
        const got: number[] = [];
        for (const scope of SCOPES) got.push(await run(role, scope));
        (observed[op] as Record<string, number[] | number>)[role] = got;
        if (RECORD) return;
        const want = SCOPES.map((s) => expected(row.operation.expect, role, s));
        if (got.join(' ') !== want.join(' ')) wrong.push(`${op} ${role}: ${got.join(' ')}, declared ${want.join(' ')}`);
      };
      if (row.operation.serial) for (const role of ROLES) await check(role);
      else await Promise.all(ROLES.map(check));
    }
    expect(wrong).toEqual([]);
  }, 900_000);
});
