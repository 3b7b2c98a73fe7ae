import type { ChangeStatus, Locale } from '@ish/shared';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { usersWithRoleOver } from '../identity/index.ts';
import type { NotificationEvent } from '../notifications/index.ts';
import { notify } from '../notifications/index.ts';
import { memberIdsOf } from '../org/index.ts';
import { readSetting } from '../settings/index.ts';
import { changeSettings } from './changes.config.ts';
import { reviewRequired } from './changes.lifecycle.ts';
import { effectiveRisk } from './changes.risk.ts';
import type { ChangeRow } from './changes.tables.ts';

/** Where people act on changes in the web app. */
export const CHANGE_PATHS = {
  change: (number: string) => `/changes/${number}`,
  meeting: (id: number) => `/changes/meetings/${id}`,
};

/** Template variables of a change's messages in the reader's language ({priority} is the risk level). */
async function changeVariables(ctx: AppContext, tx: Tx, change: ChangeRow, locale: Locale, reason: string) {
  const { rows } = await tx.execute<{ requester: string | null; implementer: string | null; team: string | null }>(sql`
    SELECT (SELECT name FROM users WHERE id = ${change.requesterId}) AS requester,
           (SELECT name FROM users WHERE id = ${change.implementerId}) AS implementer,
           (SELECT name FROM teams WHERE id = ${change.teamId}) AS team`);
  const names = rows[0];
  const identity = await readSetting(tx, 'identity');
  return {
    number: change.number,
    title: change.title,
    status: t(locale, `changes.status.${change.status}`),
    priority: t(locale, `changes.risk.${effectiveRisk(change)}`),
    amount: '-',
    assignee: names?.implementer ?? names?.team ?? '-',
    requester: names?.requester ?? '-',
    link: `${ctx.env.PUBLIC_URL}${CHANGE_PATHS.change(change.number)}`,
    organisation: identity.value.organisationName,
    reason,
  };
}

async function tell(
  ctx: AppContext,
  tx: Tx,
  change: ChangeRow,
  event: NotificationEvent,
  recipients: number[],
  actorId: number | null,
  reason = '',
) {
  await notify(ctx, tx, {
    event,
    about: { key: `chg${change.id}`, variables: (inner, locale) => changeVariables(ctx, inner, change, locale, reason) },
    occurrence: `v${change.version}`,
    recipients,
    actorId,
  });
}

const place = (c: ChangeRow) => ({ companyId: c.companyId, unitPath: c.unitPath });

/** The CAB members who vote on a change: the CAB over its place, or the named emergency CAB. */
export async function votersOf(tx: Tx, change: ChangeRow): Promise<number[]> {
  const cab = await usersWithRoleOver(tx, 'cab_member', place(change));
  const voters =
    change.approvalRoute === 'emergency_cab' ? (await changeSettings(tx)).emergencyCabUserIds.filter((id) => cab.includes(id)) : cab;
  const involved = await involvedIn(tx, change);
  return voters.filter((id) => !involved.includes(id));
}

/** Who raised the change or carries it out: they never decide it, so they are not asked to. */
async function involvedIn(tx: Tx, change: ChangeRow): Promise<number[]> {
  const team = change.teamId ? await memberIdsOf(tx, change.teamId) : [];
  return [change.requesterId, change.implementerId ?? 0, ...team];
}

/**
 * Everyone a change now waits on hears of it, in the app and by email (issue 13
 * §10); the requester hears decisions; integrations (webhooks) hear every status change.
 */
export async function announceStatus(ctx: AppContext, tx: Tx, change: ChangeRow, from: ChangeStatus, actorId: number | null, note = '') {
  await ctx.events.emit(tx, 'change.status_changed', { changeId: change.id, from, to: change.status, version: change.version });
  const managers = async () => (await usersWithRoleOver(tx, 'change_manager', place(change))).filter((id) => id !== change.requesterId);
  switch (change.status) {
    case 'submitted':
      return tell(ctx, tx, change, 'change_review_requested', await managers(), actorId);
    case 'draft':
      return tell(ctx, tx, change, 'change_returned', [change.requesterId], actorId, note);
    case 'pending_approval':
      if (change.approvalRoute === 'manager') {
        const involved = await involvedIn(tx, change);
        const deciders = (await managers()).filter((id) => !involved.includes(id));
        return tell(ctx, tx, change, 'change_approval_requested', deciders, actorId);
      }
      return tell(ctx, tx, change, 'change_vote_requested', await votersOf(tx, change), actorId);
    case 'approved':
      await tell(ctx, tx, change, 'change_decided', [change.requesterId], actorId, note);
      return tell(ctx, tx, change, 'change_schedule_requested', await managers(), actorId);
    case 'rejected':
      return tell(ctx, tx, change, 'change_decided', [change.requesterId], actorId, note);
    case 'scheduled': {
      const team = change.teamId ? await memberIdsOf(tx, change.teamId) : [];
      return tell(ctx, tx, change, 'change_scheduled', [change.implementerId ?? 0, ...team].filter(Boolean), actorId);
    }
    case 'completed':
    case 'failed':
      if (reviewRequired(change, effectiveRisk(change)))
        await tell(ctx, tx, change, 'change_review_due', [change.requesterId, ...(await managers())], actorId);
      return;
    default:
      return;
  }
}
