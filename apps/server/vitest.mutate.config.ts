import { resolve } from 'node:path';
import { defineProject } from 'vitest/config';

const here = import.meta.dirname;

/**
 * The tests `npm run mutate` (StrykerJS) runs against mutants of the policies, lifecycles, SLA clock and wiring,
 * money and numbering: the table-driven policy and lifecycle tests, the clock's properties, the SLA wiring at an
 * injected clock, numbering and money (Rupiah and amounts in words).
 */
export default defineProject({
  test: {
    name: 'mutate',
    // Stryker runs this from its sandbox's root: paths are this file's.
    root: here,
    include: [
      'src/modules/*/*.policy.test.ts',
      'src/modules/billing/billing.rules.test.ts',
      'src/modules/*/*.lifecycle.test.ts',
      'src/platform/authz/actor.test.ts',
      'src/platform/numbering/numbering.test.ts',
      'src/modules/sla/sla.clock.test.ts',
      'src/modules/sla/sla.wiring.test.ts',
      '../../packages/shared/src/*.test.ts',
    ],
    // The policy tests that hold SQL twins to their memory forms run on the database and are not needed here.
    exclude: ['src/modules/billing/billing.policy.test.ts'],
    globalSetup: [resolve(here, 'test/global-setup.ts')],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
