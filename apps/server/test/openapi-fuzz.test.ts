import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../src/seed/demo-accounts.ts';
import { type Client, createTestApp, type TestApp } from './harness.ts';

/**
 * Every operation of the OpenAPI document, called with generated path,
 * query and body values — mostly the shapes the schema names, salted with
 * what breaks naive code (NUL bytes, year 0000, ids beyond bigint, words
 * where numbers go, lone surrogates, huge strings) — must never answer 500.
 * FUZZ_SEED and FUZZ_RUNS explore further than the fixed seed the suite runs.
 */
interface Schema {
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
  minimum?: number;
  maximum?: number;
  const?: unknown;
}
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

const NASTY_STRINGS = [
  '',
  '\u0000',
  'a\u0000b',
  '0000-01-01',
  '0000-00-00T00:00:00Z',
  '9999-99-99',
  '-1',
  '0',
  '1.5',
  '99999999999999999999',
  '9223372036854775808',
  '1e309',
  'NaN',
  'abc',
  'INC-2026-000001',
  '%00',
  '\uD800',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '=HYPERLINK("x")',
  'x'.repeat(5000),
];
const NASTY_NUMBERS = [0, -1, 1, 2, 1.5, 2 ** 31, 2 ** 53, 2 ** 63, 1e20, -1e20, Number.MAX_SAFE_INTEGER];

const nastyString = fc.constantFrom(...NASTY_STRINGS);
const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _-]{0,19}$/);
const anyString = fc.oneof(
  { weight: 3, arbitrary: word },
  { weight: 2, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);
const anyNumber = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 50 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);
const FORMATS: Record<string, fc.Arbitrary<string>> = {
  email: fc.integer({ min: 1, max: 1e6 }).map((n) => `fuzz${n}@nusantara.test`),
  uri: fc.constant('https://example.org/kirim'),
  url: fc.constant('https://example.org/kirim'),
  date: fc.constantFrom('2026-11-25', '2027-01-01', '0000-01-01', '2026-02-30'),
  'date-time': fc.constantFrom('2026-11-25T08:00:00.000Z', '0000-01-01T00:00:00Z', '2026-13-01T00:00:00Z'),
};
const wrongType: fc.Arbitrary<unknown> = fc.oneof(fc.constant(null), fc.boolean(), anyNumber, anyString, fc.constant([]), fc.constant({}));

function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}

/** Values for a JSON schema: mostly of its shape, sometimes of another. */
function valueFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return wrongType;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => valueFor(s, depth + 1)));
  if (schema.allOf?.length) return valueFor(schema.allOf[0], depth + 1);
  const shaped: fc.Arbitrary<unknown>[] = [];
  if (schema.const !== undefined) shaped.push(fc.constant(schema.const));
  if (schema.enum?.length) shaped.push(fc.constantFrom(...schema.enum));
  for (const type of typesOf(schema)) {
    if (type === 'string') {
      const formatted = schema.format ? FORMATS[schema.format] : undefined;
      shaped.push(formatted ? fc.oneof({ weight: 4, arbitrary: formatted }, { weight: 1, arbitrary: anyString }) : anyString);
    } else if (type === 'integer' || type === 'number') {
      const bounded = [schema.minimum, schema.maximum].filter((n): n is number => typeof n === 'number' && Math.abs(n) < 1e15);
      shaped.push(bounded.length ? fc.oneof(fc.constantFrom(...bounded), anyNumber) : anyNumber);
    } else if (type === 'boolean') shaped.push(fc.boolean());
    else if (type === 'null') shaped.push(fc.constant(null));
    else if (type === 'array') shaped.push(fc.array(valueFor(schema.items, depth + 1), { maxLength: 3 }));
    else if (type === 'object') {
      const props = Object.entries(schema.properties ?? {});
      const record = Object.fromEntries(props.map(([k, s]) => [k, valueFor(s, depth + 1)]));
      shaped.push(
        fc
          .record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in record) })
          .chain((value) =>
            fc.oneof(
              { weight: 4, arbitrary: fc.constant(value) },
              { weight: 1, arbitrary: fc.constant({ ...(value as object), unexpected: '\u0000' }) },
            ),
          ),
      );
    }
  }
  if (!shaped.length) return wrongType;
  return fc.oneof({ weight: 6, arbitrary: fc.oneof(...shaped) }, { weight: 1, arbitrary: wrongType });
}

const pathValue = fc.oneof(
  fc.constantFrom('1', '2', '3', '0', '-1', '99999999999999999999', '9223372036854775808', 'abc', 'INC-2026-000001', '1.5', '%00', 'a%00b'),
  fc.integer({ min: 1, max: 50 }).map(String),
);

const asQueryValue = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);

interface Call {
  url: string;
  body: unknown;
}

function callFor(path: string, operation: Operation): fc.Arbitrary<Call> {
  const params = operation.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
  return fc
    .record({
      path: fc.tuple(...pathParams.map(() => pathValue)),
      query: fc.tuple(...queryParams.map((p) => fc.option(valueFor(p.schema), { nil: undefined }))),
      body: bodySchema ? valueFor(bodySchema) : fc.constant(undefined),
    })
    .map(({ path: values, query, body }) => {
      let url = path;
      pathParams.forEach((p, i) => {
        url = url.replace(`{${p.name}}`, encodeURIComponent(values[i] ?? '1').replaceAll('%2500', '%00'));
      });
      const search = new URLSearchParams();
      queryParams.forEach((p, i) => {
        if (query[i] !== undefined) search.set(p.name, asQueryValue(query[i]));
      });
      const qs = search.toString();
      return { url: qs ? `${url}?${qs}` : url, body };
    });
}

/** Operations the fuzzer must not call: ending its own session, an endless event stream. */
const SKIP = new Set(['POST /api/v1/auth/logout', 'GET /api/v1/notifications/stream']);

let t: TestApp;
let admin: Client;
let document: { paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.actingAs('administrator');
  document = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
});
afterAll(() => t.close());

/** A fuzzed update may deactivate the Administrator or change their password: put them back. */
async function keepAdministrator(): Promise<void> {
  if ((await admin.get('/api/v1/me')).status === 200) return;
  const { passwordHash } = (
    await t.ctx.db.execute<{ passwordHash: string }>(
      sql`SELECT password_hash AS "passwordHash" FROM users WHERE email = ${DEMO_ACCOUNTS.requester.email}`,
    )
  ).rows[0] as { passwordHash: string };
  await t.ctx.db.execute(
    sql`UPDATE users SET active = true, password_hash = ${passwordHash} WHERE email = ${DEMO_ACCOUNTS.administrator.email}`,
  );
  await t.ctx.db.execute(sql`DELETE FROM login_throttles`);
  admin = await t.actingAs('administrator');
}

describe('OpenAPI fuzz', () => {
  it('answers no operation with a 500, whatever the parameters and body', async () => {
    const failures: string[] = [];
    let calls = 0;
    const reached = new Set<string>();
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (SKIP.has(name)) continue;
        await fc
          .assert(
            fc.asyncProperty(callFor(path, operation), async (call) => {
              await keepAdministrator();
              calls++;
              const verb = method.toUpperCase();
              const res =
                verb === 'GET'
                  ? await admin.get(call.url)
                  : verb === 'DELETE'
                    ? await admin.delete(call.url)
                    : await (admin[verb.toLowerCase() as 'post' | 'put' | 'patch'] as Client['post'])(call.url, call.body ?? {});
              if (res.status < 300) reached.add(name);
              // 502 is an honest answer of the SMTP test when the configured mail server fails.
              if (res.status >= 500 && res.status !== 502) {
                failures.push(
                  `${name} → ${res.status} ${call.url} ${JSON.stringify(call.body)?.slice(0, 300)} :: ${res.text.slice(0, 200)}`,
                );
                return false;
              }
              return true;
            }),
            { numRuns: Number(process.env.FUZZ_RUNS ?? 30), seed: Number(process.env.FUZZ_SEED ?? 20261125), endOnFailure: true },
          )
          .catch(() => {});
      }
    }
    expect(calls).toBeGreaterThan(2000);
    // The values are not all refused at the door: most operations ran their handler to a success at least once.
    console.log(`fuzz: ${calls} calls, ${reached.size} operations reached a 2xx`);
    expect(reached.size).toBeGreaterThanOrEqual(50);
    expect(failures).toEqual([]);
  }, 600_000);
});
