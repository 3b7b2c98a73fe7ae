import type { Locale } from '@ish/shared';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Actor, can, scopesFor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/http/errors.ts';
import { notify } from '../notifications/index.ts';
import { readSetting } from '../settings/index.ts';
import { loadChangeForUpdate } from './changes.access.ts';
import { CHANGE_PATHS, votersOf } from './changes.notify.ts';
import { visibleChanges } from './changes.policy.ts';
import { presentSummary, type SummaryRow, summaryColumns } from './changes.queries.ts';
import type { DecisionInput } from './changes.schemas.ts';
import { applyTransition } from './changes.service.ts';
import { cabMeetingItems, cabMeetings, changes } from './changes.tables.ts';
import { recordChangeEvent } from './changes.timeline.ts';

// CAB meetings (issue 13 §5): the Change Manager schedules them, the agenda is
// built from the changes waiting for the CAB, members are told with the agenda,
// and the meeting's decision and minutes are recorded per change.

type MeetingRow = typeof cabMeetings.$inferSelect;

/** Who sees a meeting: Change Managers and CAB members over its company (or anywhere, for the organisation's CAB). */
function canSeeMeeting(actor: Actor, m: MeetingRow): boolean {
  const over = (p: 'change:manage' | 'change:vote') =>
    m.companyId === null ? can(actor, p) : scopesFor(actor, p).some((s) => s.kind === 'organisation' || s.companyId === m.companyId);
  return over('change:manage') || over('change:vote');
}
const canRunMeeting = (actor: Actor, m: MeetingRow) =>
  m.companyId === null ? can(actor, 'change:manage') : can(actor, 'change:manage', { companyId: m.companyId, unitPath: '/' });

async function loadMeeting(tx: Tx, actor: Actor, id: number, lock = false): Promise<MeetingRow> {
  const query = tx.select().from(cabMeetings).where(eq(cabMeetings.id, id));
  const [meeting] = lock ? await query.for('update') : await query;
  if (!meeting || !canSeeMeeting(actor, meeting)) throw notFound();
  return meeting;
}

/** Changes waiting for the CAB that the caller may see, oldest first: the default agenda. */
async function waitingForCab(tx: Tx, actor: Actor, companyId: number | null): Promise<number[]> {
  const rows = await tx
    .select({ id: changes.id })
    .from(changes)
    .where(
      and(
        visibleChanges(actor),
        eq(changes.status, 'pending_approval'),
        inArray(changes.approvalRoute, ['cab', 'emergency_cab']),
        companyId === null ? undefined : eq(changes.companyId, companyId),
      ),
    )
    .orderBy(asc(changes.submittedAt), asc(changes.id));
  return rows.map((r) => r.id);
}

function formatWhen(at: Date, locale: Locale, timeZone: string) {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(at);
}

/** Schedules a meeting; its agenda is the given changes or, by default, every change waiting for the CAB. Members are told. */
export async function createMeeting(
  ctx: AppContext,
  actor: Actor,
  input: { title: string; startsAt: string; endsAt: string; location: string; companyId: number | null; changeIds?: number[] | undefined },
  now = ctx.clock.now(),
) {
  return ctx.db.transaction(async (tx) => {
    const draft = { companyId: input.companyId } as MeetingRow;
    if (!canRunMeeting(actor, draft)) throw forbidden();
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    if (endsAt <= startsAt) throw new AppError(400, 'WINDOW_REVERSED', {}, [{ path: 'endsAt', message: 'WINDOW_REVERSED' }]);
    const agenda = input.changeIds ?? (await waitingForCab(tx, actor, input.companyId));
    const visible = agenda.length
      ? await tx
          .select({ id: changes.id, status: changes.status })
          .from(changes)
          .where(and(inArray(changes.id, agenda), visibleChanges(actor)))
      : [];
    if (visible.length !== new Set(agenda).size)
      throw new AppError(400, 'UNKNOWN_REFERENCE', { field: 'changeIds' }, [{ path: 'changeIds', message: 'UNKNOWN_REFERENCE' }]);
    const [meeting] = await tx
      .insert(cabMeetings)
      .values({ title: input.title, startsAt, endsAt, location: input.location, companyId: input.companyId, createdBy: actor.userId })
      .returning();
    if (!meeting) throw new Error('meeting insert failed');
    const ordered = [...new Set(agenda)];
    if (ordered.length)
      await tx.insert(cabMeetingItems).values(ordered.map((changeId, position) => ({ meetingId: meeting.id, changeId, position })));
    for (const changeId of ordered)
      await recordChangeEvent(
        tx,
        changeId,
        actor.userId,
        'meeting',
        {
          meetingId: meeting.id,
          title: meeting.title,
          scheduled: startsAt.toISOString(),
        },
        now,
      );
    await announceMeeting(ctx, tx, meeting, ordered, actor.userId);
    return meeting;
  });
}

/** Every CAB member who votes on an agenda item (or the organisation's CAB, for an empty agenda) hears of the meeting. */
async function announceMeeting(ctx: AppContext, tx: Tx, meeting: MeetingRow, agenda: number[], actorId: number) {
  const rows = agenda.length ? await tx.select().from(changes).where(inArray(changes.id, agenda)).orderBy(asc(changes.submittedAt)) : [];
  const recipients = new Set<number>();
  for (const change of rows) for (const id of await votersOf(tx, change)) recipients.add(id);
  const zone = (await readSetting(tx, 'regional')).value.defaultTimeZone;
  const identity = await readSetting(tx, 'identity');
  await notify(ctx, tx, {
    event: 'cab_meeting_scheduled',
    about: {
      key: `cab${meeting.id}`,
      variables: async (_tx, locale) => ({
        number: '',
        title: meeting.title,
        status: formatWhen(meeting.startsAt, locale, zone),
        priority: '-',
        amount: '-',
        assignee: meeting.location || '-',
        requester: '-',
        link: `${ctx.env.PUBLIC_URL}${CHANGE_PATHS.meeting(meeting.id)}`,
        organisation: identity.value.organisationName,
        reason: rows.map((c) => `${c.number} ${c.title}`).join('\n') || '-',
      }),
    },
    occurrence: `v${meeting.version}`,
    recipients: [...recipients],
    actorId,
  });
}

export async function listMeetings(tx: Tx, actor: Actor, query: { page: number; pageSize: number }) {
  const rows = await tx.select().from(cabMeetings).orderBy(desc(cabMeetings.startsAt), desc(cabMeetings.id));
  const seen = rows.filter((m) => canSeeMeeting(actor, m));
  const page = seen.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const counts = page.length
    ? await tx.execute<{ meeting_id: number; n: number; decided: number }>(sql`
        SELECT meeting_id, count(*)::int AS n, count(decision)::int AS decided FROM cab_meeting_items
        WHERE meeting_id IN (${sql.join(
          page.map((m) => sql`${m.id}`),
          sql`, `,
        )}) GROUP BY meeting_id`)
    : { rows: [] };
  return {
    items: page.map((m) => {
      const c = counts.rows.find((r) => Number(r.meeting_id) === m.id);
      return { ...presentMeetingHead(m, actor), agendaCount: c?.n ?? 0, decidedCount: c?.decided ?? 0 };
    }),
    total: seen.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

function presentMeetingHead(m: MeetingRow, actor: Actor) {
  return {
    id: m.id,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    location: m.location,
    companyId: m.companyId,
    status: m.status,
    minutes: m.minutes,
    version: m.version,
    canRun: canRunMeeting(actor, m),
  };
}

/** A meeting with its agenda: each change as the caller sees it, and the meeting's decision on it. */
export async function getMeeting(tx: Tx, actor: Actor, id: number) {
  const meeting = await loadMeeting(tx, actor, id);
  const items = await tx.select().from(cabMeetingItems).where(eq(cabMeetingItems.meetingId, id)).orderBy(asc(cabMeetingItems.position));
  const { rows } = items.length
    ? await tx.execute<SummaryRow>(sql`SELECT ${summaryColumns} FROM changes
        WHERE changes.id IN (${sql.join(
          items.map((i) => sql`${i.changeId}`),
          sql`, `,
        )}) AND ${visibleChanges(actor)}`)
    : { rows: [] as SummaryRow[] };
  return {
    ...presentMeetingHead(meeting, actor),
    agenda: items.flatMap((i) => {
      const row = rows.find((r) => Number(r.id) === i.changeId);
      return row
        ? [{ change: presentSummary(row), decision: i.decision, notes: i.notes, decidedAt: i.decidedAt?.toISOString() ?? null }]
        : [];
    }),
  };
}

/** Minutes, status (held, cancelled) and time of a meeting; carries `version`. */
export async function updateMeeting(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: {
    version: number;
    minutes?: string | undefined;
    status?: 'planned' | 'held' | 'cancelled' | undefined;
    title?: string | undefined;
    location?: string | undefined;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const meeting = await loadMeeting(tx, actor, id, true);
    if (!canRunMeeting(actor, meeting)) throw forbidden();
    if (meeting.version !== input.version) throw versionConflict();
    const { version: _v, ...values } = input;
    await tx
      .update(cabMeetings)
      .set({ ...values, version: meeting.version + 1, updatedAt: ctx.clock.now() })
      .where(eq(cabMeetings.id, id));
  });
}

/**
 * Records the meeting's decision on one agenda item. Approve and reject decide
 * the change (the Change Manager recording the CAB's decision); defer keeps it
 * waiting for a later meeting.
 */
export async function decideAtMeeting(ctx: AppContext, actor: Actor, id: number, input: DecisionInput, now = ctx.clock.now()) {
  // A rejection says why.
  if (input.decision === 'reject' && !input.notes)
    throw new AppError(400, 'COMMENT_REQUIRED', {}, [{ path: 'notes', message: 'COMMENT_REQUIRED' }]);
  return ctx.db.transaction(async (tx) => {
    const meeting = await loadMeeting(tx, actor, id, true);
    if (!canRunMeeting(actor, meeting)) throw forbidden();
    const [item] = await tx
      .select()
      .from(cabMeetingItems)
      .where(and(eq(cabMeetingItems.meetingId, id), eq(cabMeetingItems.changeId, input.changeId)));
    if (!item) throw notFound();
    const loaded = await loadChangeForUpdate(tx, actor, input.changeId, input.version);
    if (input.decision === 'defer') {
      await tx
        .update(cabMeetingItems)
        .set({ decision: 'defer', notes: input.notes ?? '', decidedAt: now })
        .where(and(eq(cabMeetingItems.meetingId, id), eq(cabMeetingItems.changeId, input.changeId)));
      await recordChangeEvent(
        tx,
        input.changeId,
        actor.userId,
        'meeting',
        {
          meetingId: id,
          decision: 'defer',
          notes: input.notes ?? null,
        },
        now,
      );
      return loaded.change;
    }
    return applyTransition(
      ctx,
      tx,
      actor,
      loaded,
      { to: input.decision === 'approve' ? 'approved' : 'rejected', comment: input.notes, meetingId: id },
      now,
    );
  });
}
