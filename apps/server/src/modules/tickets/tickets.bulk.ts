import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { loadVisible } from './tickets.access.ts';
import { inputRequiredFor } from './tickets.lifecycle.ts';
import type { BulkInput } from './tickets.schemas.ts';
import { transitionTicket, updateTicket } from './tickets.service.ts';

export interface BulkResult {
  id: number;
  ok: boolean;
  code?: string;
  detail?: string;
}

/** The input a status needs on every ticket, the field that carries it and the code of its absence. */
const REQUIRED_INPUT = {
  pendingReason: { code: 'PENDING_REASON_REQUIRED', given: (b: BulkInput) => !!b.pendingReason },
  solutionSummary: { code: 'SOLUTION_REQUIRED', given: (b: BulkInput) => !!b.solutionSummary?.trim() },
  reason: { code: 'REASON_REQUIRED', given: (b: BulkInput) => !!b.reason?.trim() },
} as const;

/** Refuses the whole change, before any ticket, when input the status always needs is missing (a pending reason, a solution). */
function checkRequiredInput(input: BulkInput): void {
  if (!input.status) return;
  for (const need of inputRequiredFor(input.status)) {
    const required = REQUIRED_INPUT[need as keyof typeof REQUIRED_INPUT];
    if (required && !required.given(input)) throw new AppError(400, required.code, {}, [{ path: need, message: required.code }]);
  }
}

/**
 * Applies one change to many tickets, each in its own transaction with the
 * same permission checks as a single change; one refusal does not stop the rest.
 * A status change carries what that transition needs (pending reason; solution
 * summary and fulfilment), the same for every ticket.
 */
export async function bulkUpdate(ctx: AppContext, actor: Actor, input: BulkInput): Promise<BulkResult[]> {
  checkRequiredInput(input);
  const results: BulkResult[] = [];
  for (const id of input.ids) {
    try {
      const { ticket } = await loadVisible(ctx.db, actor, String(id));
      if (input.status) {
        await transitionTicket(ctx, actor, id, {
          to: input.status,
          version: ticket.version,
          reason: input.reason,
          assigneeId: input.assigneeId,
          ...(input.status === 'pending' ? { pendingReason: input.pendingReason } : {}),
          ...(input.status === 'resolved' ? { solutionSummary: input.solutionSummary, fulfilment: input.fulfilment } : {}),
        });
      } else {
        await updateTicket(ctx, actor, id, {
          version: ticket.version,
          ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
          ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
          ...(input.priority ? { priority: input.priority, priorityReason: input.reason } : {}),
        });
      }
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      results.push({ id, ok: false, code: error.code, detail: t(actor.locale, `errors.${error.code}`, error.params) });
    }
  }
  return results;
}
