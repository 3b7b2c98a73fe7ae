import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { hit } from '../../platform/security/rate-limit.ts';
import { findTicketContact, trackedTicketId, trackingLink } from '../contacts/index.ts';
import { findActiveUser } from '../identity/index.ts';
import { notify, notifyContact } from '../notifications/index.ts';
import { findTeam } from '../org/index.ts';
import { readSetting } from '../settings/index.ts';
import { findTicketFacts, loadVisible } from '../tickets/index.ts';
import { type SurveyRow, surveys } from './surveys.tables.ts';
import { surveyIdOf, surveyToken } from './surveys.token.ts';

/** A survey link is valid this long (004 Figure 11's feedback form, once, without signing in). */
export const SURVEY_DAYS = 14;
/** An answer at or below this on any question tells the team lead. */
export const LOW_SCORE = 2;
const DAY = 86_400_000;

export const surveyLink = (ctx: AppContext, survey: { id: number }) =>
  `${ctx.env.PUBLIC_URL}/survey/${surveyToken(ctx.env.APP_SECRET, survey.id)}`;

/**
 * The ticket's survey, sent now if it has none yet: one per ticket, valid 14
 * days. It keeps the team, agent and category as they are now, for reports.
 */
async function issueSurvey(ctx: AppContext, tx: Tx, ticketId: number, now: Date): Promise<{ survey: SurveyRow; fresh: boolean } | null> {
  const ticket = await findTicketFacts(tx, ticketId);
  if (!ticket) return null;
  const contact = await findTicketContact(ctx, tx, ticketId);
  const [created] = await tx
    .insert(surveys)
    .values({
      ticketId,
      companyId: ticket.companyId,
      unitPath: ticket.unitPath,
      teamId: ticket.teamId,
      assigneeId: ticket.assigneeId,
      categoryId: ticket.categoryId,
      requesterId: contact ? null : ticket.requesterId,
      contactId: contact?.contact.id ?? null,
      sentAt: now,
      expiresAt: new Date(now.getTime() + SURVEY_DAYS * DAY),
    })
    .onConflictDoNothing()
    .returning();
  if (created) return { survey: created, fresh: true };
  const [existing] = await tx.select().from(surveys).where(eq(surveys.ticketId, ticketId));
  return existing ? { survey: existing, fresh: false } : null;
}

/**
 * When a contact's ticket is resolved, they get the survey with the news
 * (SMS to their phone, email once confirmed) and the tracking link to confirm
 * or reopen. When any ticket closes (confirmed, or closed automatically), a
 * user who asked gets the survey in the app, by email or SMS as they chose.
 */
export function registerSurveys(ctx: AppContext): void {
  ctx.events.on('ticket.status_changed', async (tx, e) => {
    if (e.to !== 'resolved' && e.to !== 'closed') return;
    const contact = await findTicketContact(ctx, tx, e.ticketId);
    if (e.to === 'resolved' && !contact) return;
    const issued = await issueSurvey(ctx, tx, e.ticketId, ctx.clock.now());
    if (!issued?.fresh) return;
    const link = surveyLink(ctx, issued.survey);
    const ticket = await findTicketFacts(tx, e.ticketId);
    if (!ticket) return;
    if (contact) {
      const { contact: c, trackingCode } = contact;
      await notifyContact(ctx, tx, {
        event: 'report_resolved',
        ticketId: e.ticketId,
        occurrence: `s${issued.survey.id}`,
        contact: { email: c.email, phone: c.phone, locale: c.locale },
        channels: c.emailVerifiedAt ? ['sms', 'email'] : ['sms'],
        variables: { survey_link: link, link: trackingLink(ctx, ticket.number, trackingCode), tracking_code: trackingCode },
      });
      return;
    }
    await notify(ctx, tx, {
      event: 'survey_requested',
      ticketId: e.ticketId,
      occurrence: `s${issued.survey.id}`,
      recipients: [ticket.requesterId],
      variables: { survey_link: link, link },
    });
  });
}

type SurveyState = 'open' | 'answered' | 'expired';
const stateOf = (s: SurveyRow, now: Date): SurveyState => (s.answeredAt ? 'answered' : s.expiresAt <= now ? 'expired' : 'open');
const answersOf = (s: SurveyRow) => (s.q1 === null || s.q2 === null || s.q3 === null ? null : [s.q1, s.q2, s.q3]);

/** The survey a link names, or 404 (a forged or mistyped link; such misses count against the address). */
async function openSurvey(ctx: AppContext, tx: Tx, token: string, ip: string, lock = false): Promise<SurveyRow> {
  const id = surveyIdOf(ctx.env.APP_SECRET, token);
  const query = tx
    .select()
    .from(surveys)
    .where(eq(surveys.id, id ?? 0));
  const [survey] = id === null ? [] : lock ? await query.for('update') : await query;
  if (!survey) {
    await hit(ctx.db, `survey:ip:${ip}`, 20, 60);
    throw notFound();
  }
  return survey;
}

/** The survey page: the ticket it is about and whether it can still be answered. */
export async function viewSurvey(ctx: AppContext, token: string, ip: string) {
  const survey = await openSurvey(ctx, ctx.db, token, ip);
  const ticket = await findTicketFacts(ctx.db, survey.ticketId);
  const identity = await readSetting(ctx.db, 'identity');
  return {
    organisation: identity.value.organisationName,
    number: ticket?.number ?? '',
    title: ticket?.title ?? '',
    state: stateOf(survey, ctx.clock.now()),
    expiresAt: survey.expiresAt.toISOString(),
    answers: answersOf(survey),
    suggestion: survey.suggestion,
  };
}

/** Answers a survey: once, while it is open. A low score on any question tells the team lead at once. */
export async function answerSurvey(ctx: AppContext, token: string, ip: string, input: { answers: number[]; suggestion?: string }) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const survey = await openSurvey(ctx, tx, token, ip, true);
    const state = stateOf(survey, now);
    if (state === 'answered') throw new AppError(409, 'SURVEY_ANSWERED');
    if (state === 'expired') throw new AppError(410, 'SURVEY_EXPIRED');
    const [q1, q2, q3] = input.answers as [number, number, number];
    const suggestion = input.suggestion?.trim() || null;
    await tx.update(surveys).set({ q1, q2, q3, suggestion, answeredAt: now }).where(eq(surveys.id, survey.id));
    if (Math.min(q1, q2, q3) <= LOW_SCORE) {
      const lead = survey.teamId ? (await findTeam(tx, survey.teamId))?.leadUserId : null;
      await notify(ctx, tx, {
        event: 'csat_low',
        ticketId: survey.ticketId,
        occurrence: `s${survey.id}`,
        recipients: [lead],
        reason: `${q1}/${q2}/${q3}${suggestion ? ` — ${suggestion}` : ''}`,
      });
    }
  });
}

/** The survey of a ticket the actor may see: not sent, waiting, answered (with the answers) or expired. */
export async function surveyOfTicket(ctx: AppContext, actor: Actor, ticketRef: string) {
  const loaded = await loadVisible(ctx.db, actor, ticketRef);
  const [survey] = await ctx.db.select().from(surveys).where(eq(surveys.ticketId, loaded.ticket.id));
  if (!survey)
    return { state: 'none' as const, sentAt: null, expiresAt: null, answeredAt: null, answers: null, suggestion: null, average: null };
  const answers = answersOf(survey);
  const recipient = survey.requesterId ? await findActiveUser(ctx.db, survey.requesterId) : null;
  return {
    state: stateOf(survey, ctx.clock.now()),
    recipient: recipient?.name ?? null,
    sentAt: survey.sentAt.toISOString(),
    expiresAt: survey.expiresAt.toISOString(),
    answeredAt: survey.answeredAt?.toISOString() ?? null,
    answers,
    suggestion: survey.suggestion,
    average: answers ? Math.round((answers.reduce((a, b) => a + b, 0) / 3) * 100) / 100 : null,
  };
}

/** The survey of a report its contact follows (number + tracking code): its link while open, or its state. */
export async function surveyOfTracked(ctx: AppContext, number: string, code: string, ip: string) {
  const ticketId = await trackedTicketId(ctx, number, code, ip);
  const [survey] = await ctx.db.select().from(surveys).where(eq(surveys.ticketId, ticketId));
  if (!survey) return { survey: null };
  const state = stateOf(survey, ctx.clock.now());
  return { survey: { state, url: state === 'open' ? `/survey/${surveyToken(ctx.env.APP_SECRET, survey.id)}` : null } };
}
