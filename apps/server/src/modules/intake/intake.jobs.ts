import type { AppContext } from '../../platform/context.ts';
import { sweepIntake } from './intake.service.ts';

export const INTAKE_SWEEP = 'intake.sweep';

export function registerIntakeSweep(ctx: AppContext): void {
  ctx.jobs.define({ name: INTAKE_SWEEP, retryLimit: 1, schedule: '17 * * * *', handle: () => sweepIntake(ctx) });
}
