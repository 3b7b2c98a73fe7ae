import type { Role } from '@ish/shared';
import type { Actor } from '../src/platform/authz/actor.ts';
import type { AppContext } from '../src/platform/context.ts';
import type { Factories, Place } from './factories.ts';

/**
 * The permission matrix: for every operation of the OpenAPI document, what
 * every demo role gets on a record in its own scope, in another unit of its
 * company and in another company, and what an anonymous caller gets. Each
 * module declares its operations in `<module>.access-matrix.ts` next to its
 * policy; `test/permission-matrix.test.ts` sends every cell as a real request
 * and fails when an operation has no row.
 */

/** Where a cell's records live: the actor's own unit, another unit of their company (Big Data), another company (OU Jakarta). */
export type Scope = 'own' | 'unit' | 'company';
export const SCOPES: readonly Scope[] = ['own', 'unit', 'company'];

export interface Cell {
  /** The demo role acting; null for an anonymous caller. */
  role: Role | null;
  scope: Scope;
  /** The demo account acting (null: anonymous). */
  me: Actor | null;
  /** Where the cell's records go. */
  place: Place;
  f: Factories;
  ctx: AppContext;
  /**
   * A record shared by every cell of the same scope (for reads and refusals):
   * made once. Changes that succeed make their own records.
   */
  shared<T>(key: string, make: () => Promise<T>): Promise<T>;
}

export interface Call {
  /** Path under /api/v1 (or absolute, starting with /api/). */
  path: string;
  body?: unknown;
  /** A multipart upload instead of a JSON body. */
  upload?: { name: string; type: string; data: Buffer; field?: string };
  /** Send it in a session of its own (signing out or changing a password must not end the shared one). */
  fresh?: boolean;
  /** Extra request headers (e.g. a client address of its own, so rate limits per address stay out of the way). */
  headers?: Record<string, string>;
  /** A stream (server-sent events): the status is read when the response starts, then the client hangs up. */
  stream?: boolean;
}

/**
 * Expected status per role: three statuses for own scope, foreign unit and
 * foreign company (`'200 404 404'`), or one for all three (`'403'`).
 * `others` covers every role not named.
 */
export type Expectations = { anonymous: number } & Partial<Record<Role | 'others', string>>;

export interface Operation {
  /** The request of one cell; records it needs are made through the factories in `cell.place`. */
  call(cell: Cell): Promise<Call | string> | Call | string;
  expect: Expectations;
  /** The roles' successful calls change one shared record (a company's settings, a budget): run them one after another. */
  serial?: boolean;
}

/** Operations by `METHOD /path` as the OpenAPI document names them, without the `/api/v1` prefix. */
export type AccessMatrix = Record<string, Operation>;

/** Declares a module's matrix (typed). */
export const accessMatrix = (m: AccessMatrix): AccessMatrix => m;

/** The expected status of one cell. */
export function expected(e: Expectations, role: Role | null, scope: Scope): number {
  if (role === null) return e.anonymous;
  const row = e[role] ?? e.others;
  if (!row) throw new Error(`no expectation for ${role}`);
  const parts = row.trim().split(/\s+/).map(Number);
  return parts.length === 1 ? (parts[0] as number) : (parts[SCOPES.indexOf(scope)] as number);
}

/** A one-pixel PNG, for uploads the attachment and image policies accept. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The version of a settings document (0 while never saved), for updates that carry it. */
export async function settingVersion(ctx: AppContext, key: string): Promise<number> {
  const { rows } = await ctx.pool.query('SELECT version FROM settings WHERE key = $1', [key]);
  return Number(rows[0]?.version ?? 0);
}

/** A name nobody used yet. */
export const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 9)}`;
