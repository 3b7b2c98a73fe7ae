import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { Jobs } from './jobs.ts';

// A worker takes a batched queue's jobs several at a time; each job must still succeed or fail alone.

let t: TestApp;
let jobs: Jobs;
const runs = new Map<number, number>();

beforeAll(async () => {
  t = await createTestApp();
  jobs = new Jobs(t.ctx.env.DATABASE_URL as string);
  jobs.define<{ n: number }>({
    name: 'test.batched',
    batchSize: 5,
    retryLimit: 2,
    retryDelaySeconds: 1,
    async handle({ n }) {
      const attempt = (runs.get(n) ?? 0) + 1;
      runs.set(n, attempt);
      // Job 3 fails its first attempt; the others of its batch must not be run again because of it.
      if (n === 3 && attempt === 1) throw new Error('first attempt of 3 fails');
    },
  });
  await jobs.start();
});
afterAll(async () => {
  await jobs.stop();
  await t.close();
});

describe('batched jobs', () => {
  it('settles each job of a batch on its own: a failing one is retried alone, the others run once', async () => {
    for (const n of [1, 2, 3, 4, 5]) await jobs.send('test.batched', { n });
    await expect.poll(() => runs.get(3), { timeout: 30_000, interval: 200 }).toBe(2);
    expect(Object.fromEntries(runs)).toEqual({ 1: 1, 2: 1, 3: 2, 4: 1, 5: 1 });
    expect(jobs.failures.get('test.batched')).toBe(1);
  });
});
