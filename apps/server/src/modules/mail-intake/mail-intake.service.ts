import { and, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DNSResolver } from 'mailauth';
import type { ParsedMail } from 'mailparser';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { postgresFileStore } from '../../platform/files/file-store.ts';
import { AppError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { sanitizeRichText } from '../../platform/security/html.ts';
import { sha256 } from '../../platform/security/tokens.ts';
import { findOrCreateContact, findTicketContact, linkTicketContact, textToHtml } from '../contacts/index.ts';
import { findActiveUserByEmail, standInRequester } from '../identity/index.ts';
import { findUnitPlacement } from '../org/index.ts';
import { findRequestByNumber } from '../requests/index.ts';
import { getSmtpConfig } from '../settings/index.ts';
import {
  acceptAttachment,
  addChannelReply,
  attachChannelFiles,
  type ChannelAuthor,
  type ChannelFile,
  FINAL_STATUSES,
  findTicketFacts,
  findTicketIdByNumber,
  noteRefusedFiles,
  openChannelTicket,
  ticketParticipantEmails,
} from '../tickets/index.ts';
import {
  automatedReason,
  cleanSubject,
  noticeInMessageId,
  repliedIds,
  stripReply,
  stripSignature,
  subjectNumbers,
} from './mail-intake.classify.ts';
import { loadMailAuth, loadMailParser } from './mail-intake.libraries.ts';
import { type MailIntakeSettings, mailIntakeSettings } from './mail-intake.settings.ts';
import { type InboundMailRow, inboundMail, type MailOutcome } from './mail-intake.tables.ts';

/** How a message reached us: the SMTP listener knows the client and envelope, IMAP only the headers. */
export interface Envelope {
  source: 'smtp' | 'imap';
  /** MAIL FROM ('' for the null sender of bounces). */
  mailFrom?: string;
  remoteAddress?: string;
  helo?: string;
}

export interface IngestOptions {
  /** DNS for SPF, DKIM and DMARC (tests pass their own zone; the default asks the system's resolver). */
  resolver?: DNSResolver;
}

/** What became of a message. */
export interface IngestResult {
  id: number | null;
  outcome: MailOutcome | 'duplicate';
  reason: string | null;
  ticketId: number | null;
  ticketNumber: string | null;
}

/** Checks a step of the pipeline may skip when an agent releases a quarantined message. */
interface Skip {
  throttle?: boolean;
  auth?: boolean;
  participant?: boolean;
  /** Start a new ticket even when the message names one. */
  asNew?: boolean;
}

type Decision =
  | { outcome: 'dropped'; reason: string }
  | { outcome: 'quarantined'; reason: string; ticketId: number | null; companyId: number | null }
  | { outcome: 'threaded'; ticketId: number }
  | { outcome: 'created'; reason: string | null; followUpOf: string | null };

const first = (mail: ParsedMail) => mail.from?.value[0];
const fromOf = (mail: ParsedMail) => first(mail)?.address?.trim().toLowerCase() || null;

/** The addresses that are ours: mail from them is our own coming back. */
async function ownAddresses(ctx: AppContext, settings: MailIntakeSettings): Promise<string[]> {
  const smtp = await getSmtpConfig(ctx.db, ctx.env);
  const from = smtp?.from.match(/<([^>]+)>/)?.[1] ?? smtp?.from;
  return [settings.helpdeskAddress, from].filter((a): a is string => !!a).map((a) => a.trim().toLowerCase());
}

type Thread = { ticketId: number } | { request: NonNullable<Awaited<ReturnType<typeof findRequestByNumber>>> };

/** A number of ours: a ticket's, else a service request's. */
async function threadOfNumber(tx: Tx, number: string): Promise<Thread | null> {
  const ticketId = await findTicketIdByNumber(tx, number);
  if (ticketId) return { ticketId };
  const request = await findRequestByNumber(tx, number);
  return request ? { request } : null;
}

/**
 * What a reply answers: a Message-ID of ours (a ticket's or a service request's notice; request notices sent
 * before they had ids of their own named the request as a ticket), or a message filed on a ticket, then a
 * number in the subject.
 */
async function findThread(tx: Tx, mail: ParsedMail): Promise<Thread | null> {
  for (const id of repliedIds(mail)) {
    const notice = noticeInMessageId(id);
    const named = notice ? await threadOfNumber(tx, notice.number) : null;
    if (named) return named;
    const [filed] = await tx
      .select({ ticketId: inboundMail.ticketId })
      .from(inboundMail)
      .where(
        and(
          eq(inboundMail.messageId, id),
          isNotNull(inboundMail.ticketId),
          inArray(inboundMail.outcome, ['created', 'threaded', 'released']),
        ),
      )
      .limit(1);
    if (filed?.ticketId) return { ticketId: filed.ticketId };
  }
  // Never by subject text alone: only a ticket or request number in it counts.
  for (const candidate of subjectNumbers(mail.subject ?? '')) {
    const named = await threadOfNumber(tx, candidate);
    if (named) return named;
  }
  return null;
}

/** DMARC of the From domain: a domain that publishes a policy and a message that fails alignment is quarantined. */
async function checkAuthentication(raw: Buffer, envelope: Envelope, options: IngestOptions) {
  try {
    const { authenticate } = await loadMailAuth();
    const result = await authenticate(raw, {
      ...(envelope.source === 'smtp'
        ? { ip: envelope.remoteAddress, helo: envelope.helo, sender: envelope.mailFrom || undefined }
        : { trustReceived: true }),
      mta: 'ish-mail-intake',
      ...(options.resolver ? { resolver: options.resolver } : {}),
      disableArc: true,
      disableBimi: true,
    });
    const dmarc = result.dmarc ? { result: result.dmarc.status.result, policy: result.dmarc.policy, domain: result.dmarc.domain } : null;
    const summary = {
      spf: result.spf ? result.spf.status.result : null,
      dkim: result.dkim.results.map((r) => ({ domain: r.signingDomain, result: r.status.result })),
      dmarc,
    };
    return { summary, failed: dmarc?.result === 'fail' };
  } catch (error) {
    return { summary: { error: (error as Error).message.slice(0, 200) }, failed: false };
  }
}

/** Decides what a message is: the checks in order, none of which writes anything. */
async function decide(
  ctx: AppContext,
  tx: Tx,
  mail: ParsedMail,
  envelope: Envelope,
  settings: MailIntakeSettings,
  auth: { failed: boolean },
  skip: Skip,
): Promise<Decision> {
  const from = fromOf(mail);
  const automated = automatedReason(mail, envelope, await ownAddresses(ctx, settings));
  if (automated) return { outcome: 'dropped', reason: automated };
  if (!from) return { outcome: 'dropped', reason: 'no_sender' };
  const user = await findActiveUserByEmail(tx, from);
  const placement = user ? await findUnitPlacement(tx, user.unitId) : null;
  const companyId = placement?.companyId ?? settings.companyId;
  if (!skip.throttle) {
    const { rows } = await tx.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM inbound_mail WHERE from_address = ${from} AND outcome <> 'dropped'
        AND received_at > ${new Date(ctx.clock.now().getTime() - 3_600_000)}`);
    if ((rows[0]?.n ?? 0) >= settings.perSenderPerHour) return { outcome: 'quarantined', reason: 'throttled', ticketId: null, companyId };
  }
  const named = skip.asNew ? null : await findThread(tx, mail);
  // A service request has no conversation of its own: a reply goes to its fulfilment ticket while that is open,
  // else it waits in quarantine for the service desk to read (and open a ticket from it, or discard it).
  const request = named && 'request' in named ? named.request : null;
  const fulfilment = request?.ticketId ? await findTicketFacts(tx, request.ticketId) : null;
  const fulfilmentOpen = !!fulfilment && !FINAL_STATUSES.includes(fulfilment.status);
  const thread = request ? (fulfilmentOpen ? request.ticketId : null) : named && 'ticketId' in named ? named.ticketId : null;
  if (!skip.auth && auth.failed) return { outcome: 'quarantined', reason: 'auth_failed', ticketId: thread, companyId };
  if (request && !thread) return { outcome: 'quarantined', reason: 'request_reply', ticketId: null, companyId: request.companyId };
  if (thread) {
    const ticket = await findTicketFacts(tx, thread);
    if (ticket && !FINAL_STATUSES.includes(ticket.status)) {
      const contact = await findTicketContact(ctx, tx, thread);
      const participants = [...(await ticketParticipantEmails(tx, thread)), contact?.contact.email?.toLowerCase()];
      if (!skip.participant && !participants.includes(from))
        return { outcome: 'quarantined', reason: 'not_participant', ticketId: thread, companyId: ticket.companyId };
      return { outcome: 'threaded', ticketId: thread };
    }
    // A reply to a closed ticket starts a new one that points back to it.
    if (ticket) return { outcome: 'created', reason: 'follow_up', followUpOf: ticket.number };
  }
  if (!user && settings.unknownSenders === 'refuse') return { outcome: 'dropped', reason: 'unknown_sender' };
  if (!user && (!settings.companyId || !settings.unitId)) return { outcome: 'dropped', reason: 'not_configured' };
  return { outcome: 'created', reason: null, followUpOf: null };
}

/** The message's files under the attachment policy (inline images included); the refused are named, not kept. */
async function filesOf(tx: Tx, mail: ParsedMail) {
  const kept: ChannelFile[] = [];
  const refused: string[] = [];
  for (const a of mail.attachments) {
    const name = a.filename ?? (a.cid ? `${a.cid}` : 'lampiran');
    try {
      kept.push({ name, contentType: await acceptAttachment(tx, a.content), data: a.content });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      refused.push(name);
    }
  }
  return { kept, refused };
}

/** The original message, kept with the ticket for audit (internal: the service desk's eyes only). */
const original = (raw: Buffer, mail: ParsedMail): ChannelFile => ({
  name: `email-${(mail.date ?? new Date()).toISOString().slice(0, 10)}.eml`,
  contentType: 'message/rfc822',
  data: raw,
  internal: true,
});

/** Who writes: a user, else the ticket's contact (through its stand-in requester), else a stand-in named after the sender. */
async function authorOf(ctx: AppContext, tx: Tx, mail: ParsedMail, ticketId: number): Promise<ChannelAuthor> {
  const from = fromOf(mail) ?? '';
  const name = first(mail)?.name?.trim() || from;
  const user = await findActiveUserByEmail(tx, from);
  if (user) return { userId: user.id, via: 'email' };
  const ticket = await findTicketFacts(tx, ticketId);
  const contact = await findTicketContact(ctx, tx, ticketId);
  if (ticket && contact?.contact.email?.toLowerCase() === from)
    return { userId: ticket.requesterId, via: 'email', contactName: contact.contact.name };
  if (!ticket) throw new Error(`ticket ${ticketId} vanished`);
  // Someone an agent let in although not taking part: a stand-in of the ticket's unit, named after them.
  const standIn = await standInRequester(tx, ticket.unitId);
  return { userId: standIn.id, via: 'email', contactName: `${name} <${from}>` };
}

/** Adds the reply, stripped of quoted history and signature, with its files and the original message. */
async function thread(ctx: AppContext, tx: Tx, mail: ParsedMail, raw: Buffer, ticketId: number): Promise<string[]> {
  const author = await authorOf(ctx, tx, mail, ticketId);
  const text = mail.text ?? '';
  const fresh = stripReply(text) || text.trim();
  const { kept, refused } = await filesOf(tx, mail);
  await addChannelReply(ctx, tx, ticketId, author, { bodyHtml: textToHtml(fresh), files: [...kept, original(raw, mail)] });
  await noteRefusedFiles(tx, ticketId, refused);
  return refused;
}

/** Opens a ticket for the sender: a user for themselves, anyone else as an external contact. */
async function create(
  ctx: AppContext,
  tx: Tx,
  mail: ParsedMail,
  raw: Buffer,
  settings: MailIntakeSettings,
  followUpOf: string | null,
): Promise<{ ticketId: number; refused: string[] }> {
  const from = fromOf(mail) ?? '';
  const name = first(mail)?.name?.trim() || from;
  const user = await findActiveUserByEmail(tx, from);
  const subject = cleanSubject(mail.subject ?? '');
  const locale = user?.locale ?? 'id';
  const title = (subject || t(locale, 'mail.noSubject', { name })).slice(0, 200);
  const body = mail.html ? sanitizeRichText(mail.html) : textToHtml(stripSignature(mail.text ?? ''));
  const note = followUpOf ? `<p><em>${t(locale, 'mail.followUp', { number: followUpOf })}</em></p>` : '';
  const { kept, refused } = await filesOf(tx, mail);
  const contact = user
    ? null
    : await findOrCreateContact(tx, { companyId: settings.companyId as number, name, email: from, locale: 'id' }, ctx.clock.now());
  const requester = user ?? (await standInRequester(tx, settings.unitId as number));
  const unitId = user?.unitId ?? (settings.unitId as number);
  const author: ChannelAuthor = { userId: requester.id, via: 'email', contactName: contact?.name ?? null };
  const ticket = await openChannelTicket(ctx, tx, {
    requester,
    unitId,
    createdBy: requester.id,
    teamId: settings.teamId,
    at: ctx.clock.now(),
    contactName: contact?.name ?? null,
    input: {
      type: 'incident',
      title,
      description: `${note}${body}`.slice(0, 50_000),
      urgency: 'medium',
      impact: 'medium',
      channel: 'email',
      contactName: name,
      contactEmail: from,
    },
    before: async (created) => {
      if (contact) await linkTicketContact(ctx, tx, created.id, contact.id);
      await attachChannelFiles(tx, created.id, author, [...kept, original(raw, mail)]);
      await noteRefusedFiles(tx, created.id, refused);
    },
  });
  return { ticketId: ticket.id, refused };
}

async function numberOf(tx: Tx, ticketId: number | null) {
  return ticketId ? ((await findTicketFacts(tx, ticketId))?.number ?? null) : null;
}

/**
 * Takes in one message for the helpdesk address, once (by Message-ID, else its
 * bytes): automated mail is dropped and never answered; a sender over the
 * hourly limit, a failed DMARC alignment for a domain with a policy, and a
 * reply from someone not taking part in the ticket wait in quarantine; a reply
 * threads into its ticket (In-Reply-To / References, then the number in the
 * subject — never the subject text); anything else opens a ticket.
 */
export async function ingestMail(ctx: AppContext, raw: Buffer, envelope: Envelope, options: IngestOptions = {}): Promise<IngestResult> {
  const { simpleParser } = await loadMailParser();
  const mail = await simpleParser(raw);
  const messageId = mail.messageId?.trim() || null;
  const dedupeKey = messageId ? `id:${messageId}` : `sha256:${sha256(raw)}`;
  const [seen] = await ctx.db.select().from(inboundMail).where(eq(inboundMail.dedupeKey, dedupeKey));
  if (seen)
    return {
      id: seen.id,
      outcome: 'duplicate',
      reason: null,
      ticketId: seen.ticketId,
      ticketNumber: await numberOf(ctx.db, seen.ticketId),
    };
  const settings = (await mailIntakeSettings(ctx.db)).value;
  const auth = await checkAuthentication(raw, envelope, options);
  return ctx.db
    .transaction(async (tx) => {
      const decision = await decide(ctx, tx, mail, envelope, settings, auth, {});
      const row = {
        source: envelope.source,
        dedupeKey,
        messageId,
        fromAddress: fromOf(mail),
        fromName: first(mail)?.name || null,
        subject: (mail.subject ?? '').slice(0, 500),
        receivedAt: ctx.clock.now(),
        auth: auth.summary,
        details: { envelope: { ...envelope, source: undefined } } as Record<string, unknown>,
      };
      let ticketId: number | null = null;
      let companyId: number | null = null;
      let rawFileId: number | null = null;
      if (decision.outcome === 'quarantined') {
        ticketId = decision.ticketId;
        companyId = decision.companyId;
        rawFileId = await postgresFileStore.put(tx, { purpose: 'inbound_mail', contentType: 'message/rfc822', data: raw, createdBy: null });
      } else if (decision.outcome === 'threaded') {
        ticketId = decision.ticketId;
        row.details.refusedFiles = await thread(ctx, tx, mail, raw, decision.ticketId);
      } else if (decision.outcome === 'created') {
        const created = await create(ctx, tx, mail, raw, settings, decision.followUpOf);
        ticketId = created.ticketId;
        row.details.refusedFiles = created.refused;
      }
      if (ticketId) companyId = (await findTicketFacts(tx, ticketId))?.companyId ?? companyId;
      const reason = decision.outcome === 'threaded' ? null : decision.reason;
      const [saved] = await tx
        .insert(inboundMail)
        .values({ ...row, outcome: decision.outcome, reason, ticketId, companyId, rawFileId })
        .onConflictDoNothing()
        .returning({ id: inboundMail.id });
      // The same message arriving twice at once: the second one waited for the first and changes nothing.
      if (!saved) throw new DuplicateMail();
      return { id: saved.id, outcome: decision.outcome, reason, ticketId, ticketNumber: await numberOf(tx, ticketId) };
    })
    .catch(async (error: unknown) => {
      if (!(error instanceof DuplicateMail)) throw error;
      const [again] = await ctx.db.select().from(inboundMail).where(eq(inboundMail.dedupeKey, dedupeKey));
      return {
        id: again?.id ?? null,
        outcome: 'duplicate' as const,
        reason: null,
        ticketId: again?.ticketId ?? null,
        ticketNumber: null,
      };
    });
}

class DuplicateMail extends Error {}

/**
 * An agent lets a quarantined message in: it goes through the pipeline again
 * without the check that held it (sender limit, authentication, participants),
 * threading into the ticket it names or, when asked, opening a new one.
 */
export async function releaseMail(ctx: AppContext, row: InboundMailRow, decidedBy: number, asNew: boolean): Promise<IngestResult> {
  const file = row.rawFileId ? await postgresFileStore.get(ctx.db, row.rawFileId) : null;
  if (!file) throw new AppError(409, 'MAIL_NOT_QUARANTINED');
  const { simpleParser } = await loadMailParser();
  const mail = await simpleParser(file.data);
  const settings = (await mailIntakeSettings(ctx.db)).value;
  const envelope = { source: row.source, ...((row.details.envelope as object) ?? {}) } as Envelope;
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(inboundMail).where(eq(inboundMail.id, row.id)).for('update');
    if (locked?.outcome !== 'quarantined' || locked.version !== row.version) throw new AppError(409, 'VERSION_CONFLICT');
    const decision = await decide(
      ctx,
      tx,
      mail,
      envelope,
      settings,
      { failed: false },
      { throttle: true, auth: true, participant: true, asNew },
    );
    let ticketId: number | null = null;
    const details = { ...row.details };
    if (decision.outcome === 'threaded') {
      ticketId = decision.ticketId;
      details.refusedFiles = await thread(ctx, tx, mail, file.data, decision.ticketId);
    } else if (decision.outcome === 'created') {
      const created = await create(ctx, tx, mail, file.data, settings, decision.followUpOf);
      ticketId = created.ticketId;
      details.refusedFiles = created.refused;
    } else throw new AppError(409, 'MAIL_NOT_RELEASABLE', { reason: decision.reason });
    await tx
      .update(inboundMail)
      .set({ outcome: 'released', ticketId, details, decidedBy, decidedAt: ctx.clock.now(), version: sql`${inboundMail.version} + 1` })
      .where(eq(inboundMail.id, row.id));
    return { id: row.id, outcome: 'released' as const, reason: row.reason, ticketId, ticketNumber: await numberOf(tx, ticketId) };
  });
}

/** The latest Message-IDs of the mail a ticket received, oldest first: notices name them so the requester's client threads. */
export async function inboundReferences(tx: Tx, ticketId: number): Promise<string[]> {
  const rows = await tx
    .select({ messageId: inboundMail.messageId })
    .from(inboundMail)
    .where(
      and(
        eq(inboundMail.ticketId, ticketId),
        isNotNull(inboundMail.messageId),
        inArray(inboundMail.outcome, ['created', 'threaded', 'released']),
      ),
    )
    .orderBy(desc(inboundMail.id))
    .limit(5);
  return rows.map((r) => r.messageId as string).reverse();
}
