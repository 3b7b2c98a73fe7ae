import { eq, type SQL, sql } from 'drizzle-orm';
import { type Actor, can } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, forbidden } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { newToken, sha256 } from '../../platform/security/tokens.ts';
import { loadActor } from '../identity/index.ts';
import { findConflicts } from './changes.conflicts.ts';
import { CALENDAR_STATUSES } from './changes.lifecycle.ts';
import { CHANGE_READERS, visibleChanges, visibleFreezes } from './changes.policy.ts';
import { presentSummary, type SummaryRow, summaryColumns } from './changes.queries.ts';
import type { CalendarQuery, FeedQuery } from './changes.schemas.ts';
import { changeCalendarFeeds } from './changes.tables.ts';

/** A calendar shows at most this many changes; a longer list asks for a narrower range. */
const CALENDAR_LIMIT = 500;
const calendarStatuses = sql.join(
  CALENDAR_STATUSES.map((s) => sql`${s}`),
  sql`, `,
);
const idList = (ids: number[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/** Approved, scheduled and in-progress changes the caller may see whose window meets [from, to). */
async function calendarRows(tx: Tx, actor: Actor, from: Date, to: Date, extra: (SQL | undefined)[] = []) {
  const conditions = [
    visibleChanges(actor),
    sql`changes.status IN (${calendarStatuses})`,
    sql`changes.planned && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)')`,
    ...extra.filter(Boolean),
  ];
  const { rows } = await tx.execute<SummaryRow>(sql`
    SELECT ${summaryColumns} FROM changes WHERE ${sql.join(conditions as SQL[], sql` AND `)}
    ORDER BY changes.planned_start, changes.id LIMIT ${CALENDAR_LIMIT}`);
  return rows;
}

/** The change calendar of a period: entries (each with its conflicts) and the freezes in it. */
export async function listCalendar(tx: Tx, actor: Actor, query: CalendarQuery) {
  const from = new Date(query.from);
  const to = new Date(query.to);
  const rows = await calendarRows(tx, actor, from, to, [
    query.type ? sql`changes.type = ${query.type}` : undefined,
    query.teamId?.length ? sql`changes.team_id IN (${idList(query.teamId)})` : undefined,
    query.serviceId?.length
      ? sql`EXISTS (SELECT 1 FROM change_services cs WHERE cs.change_id = changes.id AND cs.service_id IN (${idList(query.serviceId)}))`
      : undefined,
  ]);
  const conflicts = await findConflicts(
    tx,
    actor,
    rows.map((r) => ({
      id: Number(r.id),
      start: new Date(r.planned_start as string),
      end: new Date(r.planned_end as string),
      implementerId: r.implementer_id === null ? null : Number(r.implementer_id),
      companyId: Number(r.company_id),
    })),
  );
  const { rows: freezes } = await tx.execute<{
    id: number;
    name: string;
    reason: string;
    starts_at: Date;
    ends_at: Date;
    company_id: number | null;
    company_name: string | null;
  }>(sql`
    SELECT f.id, f.name, f.reason, f.starts_at, f.ends_at, f.company_id, c.name AS company_name
    FROM change_freezes f LEFT JOIN companies c ON c.id = f.company_id
    WHERE f.active AND ${visibleFreezes(actor, sql`f.company_id`)} AND f.period && tstzrange(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, '[)')
    ORDER BY f.starts_at`);
  return {
    entries: rows.map((r) => ({ ...presentSummary(r), conflicts: conflicts.get(Number(r.id)) ?? [] })),
    freezes: freezes.map((f) => ({
      id: Number(f.id),
      name: f.name,
      reason: f.reason,
      startsAt: new Date(f.starts_at).toISOString(),
      endsAt: new Date(f.ends_at).toISOString(),
      company: f.company_id === null ? null : { id: Number(f.company_id), name: f.company_name ?? '' },
    })),
  };
}

// iCalendar (RFC 5545) feed, so the calendar shows in Outlook or Google Calendar.

const FEED_PREFIX = 'ishcal_';

/** A new secret for the caller's feed URL (an older one stops working), with the URL; only its hash is kept. */
export async function renewFeedToken(ctx: AppContext, actor: Actor, now = ctx.clock.now()) {
  const token = `${FEED_PREFIX}${newToken()}`;
  await ctx.db
    .insert(changeCalendarFeeds)
    .values({ userId: actor.userId, tokenHash: sha256(token), createdAt: now })
    .onConflictDoUpdate({ target: changeCalendarFeeds.userId, set: { tokenHash: sha256(token), createdAt: now } });
  return { url: `${ctx.env.PUBLIC_URL}/api/v1/changes/calendar.ics?token=${token}`, token };
}

export async function revokeFeedToken(tx: Tx, actor: Actor): Promise<void> {
  await tx.delete(changeCalendarFeeds).where(eq(changeCalendarFeeds.userId, actor.userId));
}

/** The owner of a feed secret, or null. */
async function feedOwner(tx: Tx, token: string): Promise<number | null> {
  if (!token.startsWith(FEED_PREFIX)) return null;
  const [row] = await tx
    .select()
    .from(changeCalendarFeeds)
    .where(eq(changeCalendarFeeds.tokenHash, sha256(token)));
  return row?.userId ?? null;
}

/** Escapes a TEXT value and folds the line at 75 octets, as RFC 5545 asks. */
function line(name: string, value: string, text = true): string {
  const escaped = text ? value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n') : value;
  const full = `${name}:${escaped}`;
  const parts: string[] = [];
  let current = '';
  for (const char of full) {
    if (Buffer.byteLength(current + char) > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const stamp = (d: Date | string) =>
  new Date(d)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * The feed of the caller's calendar from 30 days ago to 180 days ahead: the
 * changes they raised or implement (`mine`), a team's (`teamId`), or all they
 * may see. Times are UTC; calendar apps show them in the reader's zone.
 */
export async function renderFeed(
  tx: Tx,
  actor: Actor,
  options: { mine: boolean; teamId?: number | undefined; publicUrl: string },
  now = new Date(),
) {
  const from = new Date(now.getTime() - 30 * 86_400_000);
  const to = new Date(now.getTime() + 180 * 86_400_000);
  const rows = await calendarRows(tx, actor, from, to, [
    options.mine
      ? sql`(changes.requester_id = ${actor.userId} OR changes.implementer_id = ${actor.userId}
          OR changes.team_id IN (SELECT m.team_id FROM team_members m WHERE m.user_id = ${actor.userId}))`
      : undefined,
    options.teamId ? sql`changes.team_id = ${options.teamId}` : undefined,
  ]);
  const host = new URL(options.publicUrl).host;
  const locale = actor.locale;
  const events = rows.flatMap((r) => {
    const s = presentSummary(r);
    const description = [
      `${t(locale, 'changes.ics.status')}: ${t(locale, `changes.status.${s.status}`)}`,
      `${t(locale, 'changes.ics.risk')}: ${t(locale, `changes.risk.${s.risk}`)}`,
      `${t(locale, 'changes.ics.services')}: ${s.services.map((x) => x.name).join(', ') || '-'}`,
      `${t(locale, 'changes.ics.implementer')}: ${s.implementer?.name ?? s.team?.name ?? '-'}`,
      `${options.publicUrl}/changes/${s.number}`,
    ].join('\n');
    return [
      'BEGIN:VEVENT',
      line('UID', `change-${s.id}@${host}`),
      line('DTSTAMP', stamp(s.updatedAt), false),
      line('SEQUENCE', String(s.version), false),
      line('DTSTART', stamp(s.plannedStart ?? ''), false),
      line('DTEND', stamp(s.plannedEnd ?? ''), false),
      line('SUMMARY', `${s.number} ${s.title}`),
      line('DESCRIPTION', description),
      line('URL', `${options.publicUrl}/changes/${s.number}`, false),
      line('STATUS', s.status === 'approved' ? 'TENTATIVE' : 'CONFIRMED', false),
      line('CATEGORIES', t(locale, `changes.risk.${s.risk}`)),
      'END:VEVENT',
    ];
  });
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Internal Service Hub//Change calendar//ID',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    line('X-WR-CALNAME', t(locale, 'changes.ics.name')),
    ...events,
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

/**
 * The feed for a signed-in caller (session or API token, as narrowed) or, since
 * calendar apps cannot sign in, for the owner of the feed secret in its URL.
 */
export async function feedFor(ctx: AppContext, signedIn: Actor | null, query: FeedQuery, now = ctx.clock.now()) {
  const owner = signedIn ? null : query.token ? await feedOwner(ctx.db, query.token) : null;
  const actor = signedIn ?? (owner ? await loadActor(ctx.db, owner) : null);
  if (!actor) throw new AppError(401, 'UNAUTHENTICATED');
  if (!CHANGE_READERS.some((p) => can(actor, p))) throw forbidden();
  return renderFeed(ctx.db, actor, { mine: query.mine === 'true', teamId: query.team, publicUrl: ctx.env.PUBLIC_URL }, now);
}
