import type { ChangeVote } from '@ish/shared';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { loadChangeForUpdate, saveChange } from './changes.access.ts';
import { changeSettings, ruleFor } from './changes.config.ts';
import { canVote, isInvolved } from './changes.policy.ts';
import { cabDecision } from './changes.risk.ts';
import { decideByRule } from './changes.service.ts';
import { changeVotes } from './changes.tables.ts';
import { recordChangeEvent } from './changes.timeline.ts';

/**
 * A CAB member's vote (approve, reject with a comment, or abstain) on a change
 * waiting for the CAB; voting again replaces their vote. After each vote the
 * configured rule decides (majority with a quorum, or any reject blocks): the
 * change is then approved or rejected, otherwise it keeps waiting.
 */
export async function castVote(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { vote: ChangeVote; comment?: string | undefined },
  now = ctx.clock.now(),
) {
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadChangeForUpdate(tx, actor, id);
    const { change } = loaded;
    const route = change.approvalRoute;
    if (change.status !== 'pending_approval' || (route !== 'cab' && route !== 'emergency_cab'))
      throw new AppError(409, 'CHANGE_NOT_VOTING');
    if (isInvolved(actor, loaded.facts, loaded.me)) throw new AppError(403, 'OWN_CHANGE');
    if (!canVote(actor, loaded.facts, loaded.me)) throw new AppError(403, 'NOT_A_VOTER');
    if (input.vote === 'reject' && !input.comment)
      throw new AppError(400, 'COMMENT_REQUIRED', {}, [{ path: 'comment', message: 'COMMENT_REQUIRED' }]);
    await tx
      .insert(changeVotes)
      .values({
        changeId: id,
        round: change.approvalRound,
        voterId: actor.userId,
        vote: input.vote,
        comment: input.comment ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [changeVotes.changeId, changeVotes.round, changeVotes.voterId],
        set: { vote: input.vote, comment: input.comment ?? null, updatedAt: now },
      });
    await recordChangeEvent(
      tx,
      id,
      actor.userId,
      'vote',
      {
        vote: input.vote,
        comment: input.comment ?? null,
        round: change.approvalRound,
      },
      now,
    );
    const votes = (
      await tx
        .select({ vote: changeVotes.vote })
        .from(changeVotes)
        .where(and(eq(changeVotes.changeId, id), eq(changeVotes.round, change.approvalRound)))
    ).map((v) => v.vote);
    const saved = await saveChange(tx, id, { updatedAt: now });
    const decision = cabDecision(ruleFor(await changeSettings(tx), route), votes);
    if (!decision) return saved;
    const tally = { approve: 0, reject: 0, abstain: 0 };
    for (const v of votes) tally[v]++;
    return decideByRule(ctx, tx, saved, decision, tally, now);
  });
}
