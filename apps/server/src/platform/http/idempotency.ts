import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest, RouteHandlerMethod, RouteOptions } from 'fastify';
import type { Db, Tx } from '../db/client.ts';
import { withFirstTransactionHook } from '../db/first-transaction.ts';
import type { JobDefinition } from '../jobs/jobs.ts';
import { AppError } from './errors.ts';

/**
 * Idempotent creates. A route that declares `config: { idempotent: true }`
 * accepts an `Idempotency-Key` header (1–200 visible characters, e.g. a UUID):
 *
 * - The key (per signed-in user and URL) is written inside the first database
 *   transaction of the handler, so it commits exactly with the record it
 *   creates, or not at all.
 * - A retry with the same key and body gets the stored answer (same status
 *   and body, header `Idempotency-Replayed: true`) instead of a second record;
 *   a concurrent retry waits for the first to finish.
 * - The same key with another body answers 422 IDEMPOTENCY_KEY_REUSED; a key
 *   whose first request committed but whose answer was lost (the process was
 *   killed in between) answers 409 IDEMPOTENCY_RESULT_UNKNOWN — never a
 *   second record. Keys are kept for 24 hours.
 */
const KEY = /^[\x21-\x7e]{1,200}$/;
const HEADER = 'idempotency-key';
const KEEP_HOURS = 24;

interface Claim {
  actorId: number;
  route: string;
  key: string;
  requestHash: string;
}

interface Stored {
  request_hash: string;
  status: number | null;
  body: string | null;
  [column: string]: unknown;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: Claim;
  }
}

const hashOf = (req: FastifyRequest) =>
  createHash('sha256')
    .update(JSON.stringify(req.body ?? null))
    .digest('hex');

async function findStored(db: Db, claim: Claim): Promise<Stored | null> {
  const { rows } = await db.execute<Stored>(sql`
    SELECT request_hash, status, body FROM idempotency_keys
    WHERE actor_id = ${claim.actorId} AND route = ${claim.route} AND key = ${claim.key}
      AND created_at > now() - make_interval(hours => ${KEEP_HOURS})`);
  return rows[0] ?? null;
}

function replay(reply: FastifyReply, stored: Stored) {
  return reply
    .status(stored.status ?? 200)
    .header('content-type', 'application/json; charset=utf-8')
    .header('idempotency-replayed', 'true')
    .send(stored.body ?? '');
}

/** Waits briefly for a first request that committed to store its answer. */
async function waitForAnswer(db: Db, claim: Claim): Promise<Stored | null> {
  for (let i = 0; i < 50; i++) {
    const stored = await findStored(db, claim);
    if (stored?.status) return stored;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

const isKeyConflict = (error: unknown): boolean => {
  const e = error as { code?: string; constraint?: string; cause?: unknown };
  if (e?.code === '23505' && e.constraint === 'idempotency_keys_pkey') return true;
  return !!e?.cause && isKeyConflict(e.cause);
};

function answerFor(reply: FastifyReply, claim: Claim, stored: Stored | null) {
  if (stored && stored.request_hash !== claim.requestHash) throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED');
  if (stored?.status) return replay(reply, stored);
  throw new AppError(409, 'IDEMPOTENCY_RESULT_UNKNOWN');
}

/**
 * Wraps the handler of every route declaring `idempotent` (an onRoute hook):
 * without the header the route works as before.
 */
export function idempotentRoutes(getDb: () => Db) {
  return (route: RouteOptions) => {
    if (!(route.config as { idempotent?: boolean } | undefined)?.idempotent) return;
    const handler = route.handler as RouteHandlerMethod;
    route.handler = async function (this: unknown, req: FastifyRequest, reply: FastifyReply) {
      const key = req.headers[HEADER];
      if (key === undefined || !req.actor) return handler.call(this as never, req, reply);
      if (typeof key !== 'string' || !KEY.test(key)) throw new AppError(400, 'IDEMPOTENCY_KEY_INVALID');
      const db = getDb();
      const claim: Claim = { actorId: req.actor.userId, route: `${req.method} ${req.url.split('?')[0]}`, key, requestHash: hashOf(req) };
      const earlier = await findStored(db, claim);
      if (earlier) return answerFor(reply, claim, earlier.status ? earlier : await waitForAnswer(db, claim));
      req.idempotency = claim;
      try {
        return await withFirstTransactionHook(
          async (tx) => {
            await (tx as Tx).execute(sql`
              INSERT INTO idempotency_keys (actor_id, route, key, request_hash)
              VALUES (${claim.actorId}, ${claim.route}, ${claim.key}, ${claim.requestHash})`);
          },
          async () => handler.call(this as never, req, reply),
        );
      } catch (error) {
        // A concurrent request with the same key committed first: answer as it did.
        if (!isKeyConflict(error)) throw error;
        req.idempotency = undefined;
        return answerFor(reply, claim, await waitForAnswer(db, claim));
      }
    } as typeof route.handler;
  };
}

/** Stores a successful answer under its key (an onSend hook). */
export async function storeIdempotentAnswer(db: Db, req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> {
  const claim = req.idempotency;
  if (!claim || reply.statusCode >= 300 || typeof payload !== 'string') return;
  // The key row exists when the handler's transaction committed; a handler without one stores it now.
  await db.execute(sql`
    INSERT INTO idempotency_keys (actor_id, route, key, request_hash, status, body)
    VALUES (${claim.actorId}, ${claim.route}, ${claim.key}, ${claim.requestHash}, ${reply.statusCode}, ${payload})
    ON CONFLICT (actor_id, route, key) DO UPDATE SET status = EXCLUDED.status, body = EXCLUDED.body`);
}

/** Forgets keys older than a day (hourly). */
export function idempotencySweepJob(db: () => Db): JobDefinition<object> {
  return {
    name: 'http.idempotency-sweep',
    retryLimit: 1,
    schedule: '41 * * * *',
    async handle() {
      await db().execute(sql`DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => ${KEEP_HOURS})`);
    },
  };
}
