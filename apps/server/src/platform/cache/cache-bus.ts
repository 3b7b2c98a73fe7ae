import type pg from 'pg';
import { ResilientListener } from '../db/listener.ts';

/** The channel the database's cache triggers announce changes on (migration 0113). */
export const CACHE_CHANNEL = 'ish_cache';

/** A change announced on the channel: a topic (`users`) and the keys it touched, or null for all of them. */
export interface Invalidation {
  topic: string;
  keys: Set<string> | null;
}

export function parseInvalidation(payload: string): Invalidation {
  const colon = payload.indexOf(':');
  if (colon < 0) return { topic: payload, keys: null };
  return { topic: payload.slice(0, colon), keys: new Set(payload.slice(colon + 1).split(',')) };
}

type Handler = (change: Invalidation | 'all') => void;

/**
 * Keeps this process's caches true to the database. Triggers announce every change to cached
 * data on `ish_cache` from the changing transaction; PostgreSQL delivers it on commit.
 *
 * Two ears: every pooled connection LISTENs too, and PostgreSQL hands a session its own
 * transaction's notifications before the COMMIT returns, so a change made by this process
 * is forgotten before the request that made it answers. A dedicated LISTEN connection hears the
 * other processes. While that connection is down nothing is cached (caches answer from the
 * database), and losing it drops everything cached, since changes may have been missed.
 */
export class CacheBus {
  /** Bumped by every invalidation: a load that started before one must not store its result. */
  generation = 0;
  /** How long a cached value may be served, in milliseconds; 0 turns caching off. */
  ttlMs: number;
  /** Where a lost LISTEN connection is reported. */
  log: (message: string) => void = () => {};
  private stopped = false;
  private readonly connection: ResilientListener;
  private readonly handlers = new Set<Handler>();
  private readonly caches = new Map<string, LocalCache<unknown>>();

  constructor(config: pg.ClientConfig, ttlMs: number) {
    this.ttlMs = ttlMs;
    this.connection = new ResilientListener({ ...config, application_name: 'ish-cache' }, CACHE_CHANNEL, {
      notify: (payload) => this.receive(payload),
      // Whatever was cached before this connection listened may have missed a change.
      listening: () => this.clear(),
      lost: (error) => {
        this.clear();
        this.log(`cache: LISTEN connection lost (${error?.message ?? 'ended'}); caching paused, reconnecting`);
      },
    });
  }

  /** Whether cached values may be served now (connecting on first ask). */
  get live(): boolean {
    if (this.ttlMs <= 0 || this.stopped) return false;
    if (!this.connection.listening) void this.connection.ensure();
    return this.connection.listening;
  }

  /** This bus's cache called `name` (created on first use, with the rule of which changes touch an entry). */
  cache<V>(name: string, touches: (change: Invalidation, key: string, value: V) => boolean): LocalCache<V> {
    let cache = this.caches.get(name) as LocalCache<V> | undefined;
    if (!cache) {
      cache = new LocalCache<V>(this, touches);
      this.caches.set(name, cache as LocalCache<unknown>);
    }
    return cache;
  }

  subscribe(handler: Handler): void {
    this.handlers.add(handler);
  }

  /** A payload heard on any connection. */
  receive(payload: string): void {
    this.broadcast(parseInvalidation(payload));
  }

  /** Forgets everything cached. */
  clear(): void {
    this.broadcast('all');
  }

  private broadcast(change: Invalidation | 'all'): void {
    this.generation++;
    for (const handler of this.handlers) handler(change);
  }

  /** Closes the LISTEN connection; nothing is cached afterwards. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.clear();
    await this.connection.stop();
  }
}

/**
 * A map of values loaded from the database, each served for the bus's time to live and
 * dropped when the bus announces a change that `touches` it.
 */
export class LocalCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  private readonly loading = new Map<string, Promise<V>>();

  private readonly bus: CacheBus;
  private readonly maxEntries: number;

  /** `touches` says whether a change makes `value` (cached under `key`) stale. */
  constructor(bus: CacheBus, touches: (change: Invalidation, key: string, value: V) => boolean, maxEntries = 10_000) {
    this.bus = bus;
    this.maxEntries = maxEntries;
    bus.subscribe((change) => {
      this.loading.clear();
      if (change === 'all') return this.entries.clear();
      for (const [key, entry] of this.entries) if (touches(change, key, entry.value)) this.entries.delete(key);
    });
  }

  /** The fresh cached value, or undefined. */
  peek(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.at < this.bus.ttlMs) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /**
   * The cached value of `key`, else `load()`'s, stored unless a change was announced meanwhile.
   * Concurrent misses of one key share one load. Without a live bus every call loads.
   */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    if (!this.bus.live) return load();
    const hit = this.peek(key);
    if (hit !== undefined) return hit;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.bus.generation;
    const promise = load().then((value) => {
      if (this.loading.get(key) === promise) this.loading.delete(key);
      this.set(key, value, generation);
      return value;
    });
    this.loading.set(key, promise);
    promise.catch(() => {
      if (this.loading.get(key) === promise) this.loading.delete(key);
    });
    return promise;
  }

  /** Stores a value loaded when the bus was at `generation` (ignored if a change came since). */
  set(key: string, value: V, generation: number): void {
    if (generation !== this.bus.generation || !this.bus.live) return;
    if (this.entries.size >= this.maxEntries) this.prune();
    this.entries.set(key, { value, at: Date.now() });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private prune(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (now - entry.at >= this.bus.ttlMs) this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
  }
}
