import { cacheBusOf, type Tx } from '../db/client.ts';
import type { Invalidation } from './cache-bus.ts';

/**
 * A reader of reference data that rarely changes (status labels, a company's time zone, a
 * user's teams), cached per process for a few seconds under `topic` — the topic its table's
 * trigger announces changes on (migration 0113) — and a key. A change drops the touched keys
 * in every process at once. Inside a transaction the database is always asked. Callers must
 * not mutate the value they get.
 */
export function referenceCache<V>(topic: string) {
  const touches = (change: Invalidation, key: string) => change.topic === topic && (change.keys === null || change.keys.has(key));
  return (tx: Tx, key: string | number, load: () => Promise<V>): Promise<V> => {
    const bus = cacheBusOf(tx);
    return bus ? bus.cache<V>(`reference:${topic}`, touches).get(String(key), load) : load();
  };
}

/**
 * `referenceCache` for a transaction that reads reference data it does not change (a ticket
 * change reading business calendars): served from the process cache of `db` (the database, not
 * a transaction); on a miss loaded through the caller's transaction — never a second connection
 * while it holds one, which under load could exhaust the pool — and kept. A change announced
 * meanwhile (or on this transaction's own commit) drops every entry of the topic. Without `db` it always loads.
 */
export function referenceCacheThrough<V>(topic: string) {
  // Any change of the topic drops all it holds (the keys here are the reader's, not the table's).
  const touches = (change: Invalidation) => change.topic === topic;
  return async (db: Tx | undefined, key: string | number, load: () => Promise<V>): Promise<V> => {
    const bus = db ? cacheBusOf(db) : null;
    if (!bus?.live) return load();
    const cache = bus.cache<V>(`through:${topic}`, touches);
    const hit = cache.peek(String(key));
    if (hit !== undefined) return hit;
    const generation = bus.generation;
    const value = await load();
    cache.set(String(key), value, generation);
    return value;
  };
}
