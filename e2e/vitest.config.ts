import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'e2e',
    include: ['**/*.spec.ts'],
    globalSetup: ['./support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // A busy CI machine can take seconds to re-render; polls wait as long as a locator would.
    expect: { poll: { timeout: 15_000 } },
  },
});
