import { AsyncLocalStorage } from 'node:async_hooks';

/** Receives the transaction (a drizzle Tx; typed loosely so that this file does not import the client). */
type Hook = (tx: unknown) => Promise<void>;
const pending = new AsyncLocalStorage<{ hook: Hook | null }>();

/**
 * Runs `work` so that the first top-level transaction it opens runs `hook`
 * first, inside that transaction: whatever the hook writes commits or rolls
 * back with the work's own writes (idempotency keys use this).
 */
export function withFirstTransactionHook<T>(hook: Hook, work: () => Promise<T>): Promise<T> {
  return pending.run({ hook }, work);
}

/** Called by the database layer as every top-level transaction starts. */
export async function runFirstTransactionHook(tx: unknown): Promise<void> {
  const store = pending.getStore();
  const hook = store?.hook;
  if (!store || !hook) return;
  store.hook = null;
  await hook(tx);
}
