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
