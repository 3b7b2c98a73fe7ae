import { formatRupiah, type Locale } from '@ish/shared';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { DomainEventMap } from '../../platform/events/events.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { approversOf } from '../approvals/index.ts';
import { findItemFacts } from '../catalog/index.ts';
import { findActiveUser, usersWithRoleOver } from '../identity/index.ts';
import { findTeam } from '../org/index.ts';
import { findRequestFacts, REQUEST_PATHS } from '../requests/index.ts';
import { readSetting } from '../settings/index.ts';
import { findTicketFacts, statusLabels } from '../tickets/index.ts';
import { type Channel, notificationDeliveries, notificationPreferences, notifications } from './notifications.tables.ts';
import { type NotificationEvent, renderTemplate } from './notifications.templates.ts';

export const NOTIFY_DELIVER = 'notify.deliver';
/** A ticket's domain event whose notices are worked out after the change commits (see `registerNotifications`). */
export const NOTIFY_TICKET_EVENT = 'notify.ticket-event';
/** PostgreSQL channel carrying "user N has a new in-app notification" to every server process. */
export const REALTIME_CHANNEL = 'ish_notifications';

/** Defaults when a user has not chosen: in-app and email on, SMS/WhatsApp off. */
const DEFAULT_ON: Record<Channel, boolean> = { in_app: true, email: true, sms: false };

/** A document an email carries, rendered when it is sent in the recipient's language (see `deliveryJob`). */
export interface AttachmentRef {
  kind: string;
  id: number;
}

/**
 * Something other than a ticket or a request that a notice is about (an
 * invoice): the module that owns it names it and fills the template variables.
 */
export interface NoticeSubject {
  /** Tells it from every other subject in delivery keys, e.g. `inv12`. */
  key: string;
  variables: (tx: Tx, locale: Locale) => Promise<Record<string, string>>;
  /** Attached to the email (not to in-app or SMS notices). */
  attachment?: AttachmentRef;
}

export interface Notice {
  event: NotificationEvent;
  /** What it is about: a ticket, a service request (approvals), or another module's record. */
  ticketId?: number;
  requestId?: number;
  about?: NoticeSubject;
  /** Tells one occurrence of the event from another (ticket version, status, target). */
  occurrence: string;
  recipients: (number | null | undefined)[];
  /** Never notify the person who caused it. */
  actorId?: number | null;
  reason?: string;
  /** Values beyond the ticket's own (a survey link). */
  variables?: Record<string, string>;
}

/** Variables of the templates, in the recipient's language. */
export async function ticketVariables(
  ctx: AppContext,
  tx: Tx,
  ticketId: number,
  locale: Locale,
  reason = '',
): Promise<Record<string, string>> {
  const facts = await findTicketFacts(tx, ticketId);
  if (!facts) return {};
  // One after another: inside a transaction the queries share a single connection.
  const assignee = facts.assigneeId ? await findActiveUser(tx, facts.assigneeId) : null;
  const team = facts.teamId ? await findTeam(tx, facts.teamId) : null;
  const requester = await findActiveUser(tx, facts.requesterId);
  const identity = await readSetting(tx, 'identity');
  const label = await statusLabels(tx, locale);
  return {
    number: facts.number,
    title: facts.title,
    status: label(facts.status),
    priority: facts.priority,
    amount: '-',
    assignee: assignee?.name ?? '-',
    team: team?.name ?? '-',
    requester: requester?.name ?? '-',
    link: `${ctx.env.PUBLIC_URL}/tickets/${facts.number}`,
    organisation: identity.value.organisationName,
    reason: reason.startsWith('code:') ? t(locale, `notifications.reason.${reason.slice(5)}`) : reason,
  };
}

/** The link of a message as a path inside the web app, for the bell. */
const inAppPath = (ctx: AppContext, link = '') =>
  (link.startsWith(ctx.env.PUBLIC_URL) ? link.slice(ctx.env.PUBLIC_URL.length) : link) || '/';

/** Variables of a service request's messages; the link leads approvers to their queue, the requester to the request. */
async function requestVariables(
  ctx: AppContext,
  tx: Tx,
  requestId: number,
  locale: Locale,
  event: NotificationEvent,
): Promise<Record<string, string>> {
  const facts = await findRequestFacts(tx, requestId, locale);
  if (!facts) return {};
  const requester = await findActiveUser(tx, facts.requesterId);
  const identity = await readSetting(tx, 'identity');
  const path = event === 'request_decided' ? REQUEST_PATHS.request(facts.number) : REQUEST_PATHS.approvals;
  return {
    number: facts.number,
    title: facts.itemName,
    status: t(locale, `notifications.requestStatus.${facts.status}`),
    priority: '-',
    amount: formatRupiah(facts.estimate, locale),
    assignee: '-',
    team: '-',
    requester: requester?.name ?? '-',
    link: `${ctx.env.PUBLIC_URL}${path}`,
    organisation: identity.value.organisationName,
    reason: '',
  };
}

/**
 * Records one notice for each recipient and channel they have on. The
 * delivery's unique key makes a repeated notice (a retried job, a second
 * server process) a no-op. In-app notices are written at once and announced
 * with NOTIFY; email and SMS are queued jobs in the same transaction, so they
 * are sent only if the change commits, and never block or fail it.
 */
export async function notify(ctx: AppContext, tx: Tx, notice: Notice): Promise<void> {
  const recipients = [...new Set(notice.recipients.filter((r): r is number => typeof r === 'number' && r !== notice.actorId))];
  for (const userId of recipients) {
    const user = await findActiveUser(tx, userId);
    if (!user) continue;
    const prefs = await tx
      .select()
      .from(notificationPreferences)
      .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.event, notice.event)));
    const variables = {
      ...(notice.about
        ? await notice.about.variables(tx, user.locale)
        : notice.requestId
          ? await requestVariables(ctx, tx, notice.requestId, user.locale, notice.event)
          : await ticketVariables(ctx, tx, notice.ticketId as number, user.locale, notice.reason)),
      ...notice.variables,
    };
    const about = notice.about ? notice.about.key : notice.requestId ? `r${notice.requestId}` : String(notice.ticketId);
    for (const channel of ['in_app', 'email', 'sms'] as const) {
      const enabled = prefs.find((p) => p.channel === channel)?.enabled ?? DEFAULT_ON[channel];
      if (!enabled) continue;
      const [delivery] = await tx
        .insert(notificationDeliveries)
        .values({
          dedupeKey: `${notice.event}:${about}:${notice.occurrence}:${userId}:${channel}`,
          userId,
          channel,
          event: notice.event,
          ticketId: notice.ticketId ?? null,
          variables,
          attachment: channel === 'email' ? (notice.about?.attachment ?? null) : null,
        })
        .onConflictDoNothing()
        .returning({ id: notificationDeliveries.id });
      if (!delivery) continue;
      if (channel === 'in_app') {
        const { subject, body } = await renderTemplate(tx, notice.event, user.locale, 'email', variables);
        await tx.insert(notifications).values({
          userId,
          event: notice.event,
          ticketId: notice.ticketId ?? null,
          title: subject,
          body,
          link: inAppPath(ctx, variables.link),
        });
        await tx
          .update(notificationDeliveries)
          .set({ status: 'sent', attempts: 1, sentAt: ctx.clock.now() })
          .where(eq(notificationDeliveries.id, delivery.id));
        await tx.execute(sql`SELECT pg_notify(${REALTIME_CHANNEL}, ${String(userId)})`);
      } else {
        await ctx.jobs.send(NOTIFY_DELIVER, { deliveryId: delivery.id }, { tx });
      }
    }
  }
}

/** A notice to a contact, who is not a user: reached at an address, in a language, on the channels given. */
export interface ContactNotice {
  event: NotificationEvent;
  /** The ticket it is about; null for a notice about the contact alone (an email confirmation). */
  ticketId: number | null;
  occurrence: string;
  contact: { email?: string | null; phone?: string | null; locale: Locale };
  channels: readonly ('email' | 'sms')[];
  /** Values beyond the ticket's own (tracking code and link, survey link, confirmation link). */
  variables?: Record<string, string>;
}

/**
 * Queues email and SMS to a contact through the same delivery log, templates
 * and gateway as users' notices; the caller decides which channels the contact
 * may receive (SMS to the reporter's phone, email once verified). The
 * delivery's unique key makes a repeated notice a no-op.
 */
export async function notifyContact(ctx: AppContext, tx: Tx, notice: ContactNotice): Promise<void> {
  const base = notice.ticketId
    ? await ticketVariables(ctx, tx, notice.ticketId, notice.contact.locale)
    : { organisation: (await readSetting(tx, 'identity')).value.organisationName };
  const variables = { ...base, ...notice.variables };
  for (const channel of notice.channels) {
    const address = channel === 'email' ? notice.contact.email : notice.contact.phone;
    if (!address) continue;
    const [delivery] = await tx
      .insert(notificationDeliveries)
      .values({
        dedupeKey: `${notice.event}:${notice.ticketId ?? '-'}:${notice.occurrence}:${address.toLowerCase()}:${channel}`,
        userId: null,
        address,
        locale: notice.contact.locale,
        channel,
        event: notice.event,
        ticketId: notice.ticketId,
        variables,
      })
      .onConflictDoNothing()
      .returning({ id: notificationDeliveries.id });
    // Someone outside is waiting for this (their number and code after reporting): ahead of any backlog.
    if (delivery) await ctx.jobs.send(NOTIFY_DELIVER, { deliveryId: delivery.id }, { tx, priority: 10 });
  }
}

async function teamLeadOf(tx: Tx, teamId: number | null) {
  return teamId ? ((await findTeam(tx, teamId))?.leadUserId ?? null) : null;
}

/** The ticket events whose notices are worked out by a job, after the change that caused them commits. */
type TicketNoticeEvent =
  | 'ticket.created'
  | 'ticket.assigned'
  | 'ticket.handler_changed'
  | 'ticket.solution_validated'
  | 'ticket.status_changed'
  | 'ticket.commented'
  | 'ticket.close_reminder'
  | 'ticket.pending_reminder'
  | 'ticket.escalated';
type TicketNoticeHandler<K extends TicketNoticeEvent> = (tx: Tx, event: DomainEventMap[K]) => Promise<void>;

/**
 * Who hears about ticket changes. SLA warnings and breaches reach people through the escalation rules.
 *
 * A ticket change records only what happened: one job row in its own
 * transaction (so it exists only if the change commits). The job works out the
 * recipients, reads the ticket, renders the messages and records the in-app
 * notices and email/SMS deliveries in a transaction of its own; the deliveries'
 * unique keys make a retried or repeated job a no-op, so each notice is
 * delivered exactly once. Approvals, requests and other modules' notices are
 * recorded at once, as before.
 */
export function registerNotifications(ctx: AppContext): void {
  const deferred = new Map<TicketNoticeEvent, TicketNoticeHandler<never>>();
  /** `heard`: whether the event can concern anyone at all (an internal note cannot), checked before a job is queued. */
  const later = <K extends TicketNoticeEvent>(name: K, handler: TicketNoticeHandler<K>, heard?: (event: DomainEventMap[K]) => boolean) => {
    deferred.set(name, handler as TicketNoticeHandler<never>);
    ctx.events.on(name, async (tx, event) => {
      if (!heard || heard(event)) await ctx.jobs.send(NOTIFY_TICKET_EVENT, { name, event }, { tx });
    });
  };
  ctx.jobs.define<{ name: TicketNoticeEvent; event: never }>({
    name: NOTIFY_TICKET_EVENT,
    retryLimit: 5,
    retryDelaySeconds: 2,
    // Every ticket change queues one: taken by the batch so that the queue keeps up under load.
    batchSize: 20,
    handle: ({ name, event }) => ctx.db.transaction(async (tx) => deferred.get(name)?.(tx, event)),
  });

  const facts = (tx: Tx, id: number) => findTicketFacts(tx, id);
  later('ticket.created', async (tx, e) => {
    const ticket = await facts(tx, e.ticketId);
    // The requester gets the number, even when an agent logged the ticket for them (004).
    if (ticket)
      await notify(ctx, tx, { event: 'ticket_created', ticketId: e.ticketId, occurrence: 'created', recipients: [ticket.requesterId] });
  });
  ctx.events.on('approval.pending', async (tx, e) => {
    const step = await approversOf(tx, e.approvalId);
    if (!step) return;
    await notify(ctx, tx, {
      event: e.reminder ? 'approval_reminder' : 'approval_requested',
      requestId: step.requestId,
      occurrence: `a${e.approvalId}`,
      recipients: step.userIds,
    });
  });
  // Issue 16 point 9: the Catalog Managers over the providing unit hear of an item waiting for their review.
  ctx.events.on('catalog.item_submitted', async (tx, e) => {
    const item = await findItemFacts(tx, e.itemId, e.versionId);
    if (!item?.place) return;
    const submitter = await findActiveUser(tx, e.actorId);
    const identity = await readSetting(tx, 'identity');
    await notify(ctx, tx, {
      event: 'item_review_requested',
      // Each submission (a rejected version may come back): the item's row version tells them apart.
      occurrence: `v${e.versionId}.${e.itemVersion}`,
      recipients: await usersWithRoleOver(tx, 'catalog_manager', item.place),
      actorId: e.actorId,
      about: {
        key: `item${e.itemId}`,
        variables: async (_tx, locale) => ({
          number: item.code,
          title: locale === 'en' ? item.nameEn : item.nameId,
          status: '',
          priority: '-',
          amount: '-',
          assignee: '-',
          team: item.provider,
          requester: submitter?.name ?? '-',
          link: `${ctx.env.PUBLIC_URL}/catalog/items/${e.itemId}`,
          organisation: identity.value.organisationName,
          reason: '',
        }),
      },
    });
  });
  ctx.events.on('request.decided', async (tx, e) => {
    const request = await findRequestFacts(tx, e.requestId, 'id');
    if (request)
      await notify(ctx, tx, { event: 'request_decided', requestId: e.requestId, occurrence: e.outcome, recipients: [request.requesterId] });
  });
  later('ticket.assigned', async (tx, e) => {
    await notify(ctx, tx, {
      event: 'ticket_assigned',
      ticketId: e.ticketId,
      occurrence: `v${e.version}`,
      recipients: [e.assigneeId],
      actorId: e.actorId,
    });
  });
  /** Tells the requester of a ticket about a change someone (or a rule) made. */
  const tellRequester = (event: NotificationEvent) => async (tx: Tx, e: { ticketId: number; actorId: number | null; version: number }) => {
    const ticket = await facts(tx, e.ticketId);
    if (ticket)
      await notify(ctx, tx, {
        event,
        ticketId: e.ticketId,
        occurrence: `v${e.version}`,
        recipients: [ticket.requesterId],
        actorId: e.actorId,
      });
  };
  // SOP 002 §4.k: the requester hears whenever the person or team in charge changes.
  later('ticket.handler_changed', tellRequester('handler_changed'));
  // A solution its team lead validated: only now is the requester asked to confirm (003 §6).
  later('ticket.solution_validated', tellRequester('ticket_resolved'));
  later(
    'ticket.status_changed',
    async (tx, e) => {
      const ticket = await facts(tx, e.ticketId);
      if (!ticket || e.to === 'assigned' || e.validation === 'rejected') return;
      if (e.validation === 'awaiting') {
        await notify(ctx, tx, {
          event: 'validation_requested',
          ticketId: e.ticketId,
          occurrence: `v${e.version}`,
          recipients: [await teamLeadOf(tx, ticket.teamId)],
          actorId: e.actorId,
        });
        return;
      }
      await tellRequester(e.to === 'resolved' ? 'ticket_resolved' : 'status_changed')(tx, e);
    },
    (e) => e.to !== 'assigned' && e.validation !== 'rejected',
  );
  later(
    'ticket.commented',
    async (tx, e) => {
      const ticket = await facts(tx, e.ticketId);
      if (!ticket || e.internal) return;
      const recipients =
        e.authorId === ticket.requesterId ? [ticket.assigneeId ?? (await teamLeadOf(tx, ticket.teamId))] : [ticket.requesterId];
      await notify(ctx, tx, { event: 'reply_added', ticketId: e.ticketId, occurrence: `c${e.commentId}`, recipients, actorId: e.authorId });
    },
    (e) => !e.internal,
  );
  later('ticket.close_reminder', async (tx, e) => {
    await notify(ctx, tx, { event: 'close_reminder', ticketId: e.ticketId, occurrence: 'reminder', recipients: [e.requesterId] });
  });
  later('ticket.pending_reminder', async (tx, e) => {
    await notify(ctx, tx, { event: 'pending_reminder', ticketId: e.ticketId, occurrence: e.occurrence, recipients: [e.requesterId] });
  });
  later('ticket.escalated', async (tx, e) => {
    await notify(ctx, tx, {
      event: 'ticket_escalated',
      ticketId: e.ticketId,
      occurrence: `v${e.version}:${e.targetUserId}`,
      recipients: [e.targetUserId],
      actorId: e.actorId,
      reason: e.reason,
    });
  });
}
