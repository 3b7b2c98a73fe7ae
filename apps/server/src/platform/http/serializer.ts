import { isDeepStrictEqual } from 'node:util';
import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';

/**
 * Response bodies are written by a serializer compiled (fast-json-stringify) from
 * the route's zod response schema, converted to JSON Schema the way the OpenAPI
 * document shows it. It writes exactly the documented fields: a field the schema
 * does not name is left out at every depth (as zod's strip did), a missing
 * required field fails the response (500). It does not re-validate values in
 * production; in development and tests every answer is also encoded by zod and
 * must come out the same, so a handler that breaks its schema, or a schema the
 * compiled serializer reads differently, fails loudly there.
 *
 * Compiling happens on a route's first answer, not at start (300 routes).
 */

type JsonSchema = { [key: string]: unknown };
type Stringify = (data: unknown) => string;

/** Serializers not built yet, so a test can build every route's and see none fall back. */
const pending = new Set<() => boolean>();

function resolveZod(schema: unknown): z.ZodType {
  if (schema instanceof z.ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (properties instanceof z.ZodType) return properties;
  throw new Error(`A response schema must be a zod schema: ${JSON.stringify(schema)}`);
}

/**
 * The JSON Schema for serializing: `anyOf: [X, {type: 'null'}]` as `X` with `type: [X.type, 'null']` (a null
 * check instead of a validator per value), formats dropped (strings stay as given), `additionalProperties: false` and
 * `default` dropped.
 */
function forSerializing(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(forSerializing);
  if (!value || typeof value !== 'object') return value;
  const schema = value as JsonSchema;
  const out: JsonSchema = {};
  for (const [key, inner] of Object.entries(schema)) {
    // Unnamed fields are left out without it; with it, a union's branch (chosen by validating) would refuse them.
    if ((key === 'format' && typeof inner === 'string') || (key === 'additionalProperties' && inner === false)) continue;
    // A missing field fails as it did with zod (500), rather than being filled in from a request-side default.
    if (key === 'default') continue;
    if (key === 'properties' || key === '$defs' || key === 'definitions') {
      out[key] = Object.fromEntries(Object.entries(inner as JsonSchema).map(([name, s]) => [name, forSerializing(s)]));
    } else if (key === 'enum' || key === 'const' || key === 'required' || key === 'examples') out[key] = inner;
    else out[key] = forSerializing(inner);
  }
  const anyOf = out.anyOf as JsonSchema[] | undefined;
  const isNull = (s: JsonSchema) => s.type === 'null' && Object.keys(s).length === 1;
  if (anyOf?.length === 2 && out.type === undefined && anyOf.some(isNull)) {
    const other = anyOf.find((s) => !isNull(s));
    if (other && typeof other.type === 'string' && other.type !== 'null' && other.const === undefined) {
      const { anyOf: _, ...besides } = out;
      return { ...besides, ...other, type: [other.type, 'null'] };
    }
  }
  return out;
}

/** The compiled serializer of a zod response schema, or null when it cannot be compiled (then zod encodes, as before). */
export function compileResponse(schema: z.ZodType): Stringify | null {
  try {
    const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any', cycles: 'ref', reused: 'inline' });
    const { $schema: _, ...rest } = json as JsonSchema;
    return fastJson(forSerializing(rest) as Parameters<typeof fastJson>[0]) as Stringify;
  } catch {
    return null;
  }
}

const zodStringify = (schema: z.ZodType, method: string, url: string) => (data: unknown) => {
  const result = z.safeEncode(schema, data);
  if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
  return JSON.stringify(result.data);
};

/** Fastify's serializer compiler; `check` also encodes with zod and insists on the same JSON (development and tests). */
export function responseSerializerCompiler(check: boolean): FastifySerializerCompiler<unknown> {
  return ({ schema: given, method, url }) => {
    const schema = resolveZod(given);
    const viaZod = zodStringify(schema, method, url);
    let stringify: Stringify | undefined;
    const build = (): Stringify => {
      pending.delete(compiles);
      stringify = compileResponse(schema) ?? viaZod;
      return stringify;
    };
    const compiles = () => build() !== viaZod;
    pending.add(compiles);
    const serialize = (data: unknown) => (stringify ?? build())(data);
    if (!check) return serialize;
    return (data: unknown) => {
      const expected = viaZod(data);
      const fast = serialize(data);
      if (fast !== expected && !isDeepStrictEqual(JSON.parse(fast), JSON.parse(expected))) {
        throw new Error(
          `${method} ${url}: the compiled response serializer wrote ${fast.slice(0, 300)} where zod wrote ${expected.slice(0, 300)}`,
        );
      }
      return fast;
    };
  };
}

/** Builds every serializer not built yet; answers how many could not be compiled (they fall back to zod). */
export function buildPendingSerializers(): { built: number; fellBack: number } {
  let built = 0;
  let fellBack = 0;
  for (const compiles of [...pending]) {
    built++;
    if (!compiles()) fellBack++;
  }
  return { built, fellBack };
}
