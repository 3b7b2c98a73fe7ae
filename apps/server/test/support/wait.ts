/** Waits until `probe` answers something truthy (a job ran, a message arrived), or fails after `ms`. */
export async function until<T>(probe: () => Promise<T | undefined | false>, ms = 25_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}
