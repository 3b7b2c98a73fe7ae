import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { loadVisible } from './tickets.access.ts';
import type { BulkInput } from './tickets.schemas.ts';
import { transitionTicket, updateTicket } from './tickets.service.ts';

export interface BulkResult {
  id: number;
  ok: boolean;
  code?: string;
  detail?: string;
}

/**
 * Applies one change to many tickets, each in its own transaction with the
 * same permission checks as a single change; one refusal does not stop the rest.
 */
export async function bulkUpdate(ctx: AppContext, actor: Actor, input: BulkInput): Promise<BulkResult[]> {
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
