/**
 * A heavy package loaded when first needed instead of at start, and only once
 * (every caller awaits the same import). Keeps the server's cold start to the
 * code every request needs.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      // A failed import (e.g. a missing optional package) is tried again next time.
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
