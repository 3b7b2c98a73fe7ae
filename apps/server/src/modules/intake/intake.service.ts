import type { Locale } from '@ish/shared';
import { and, eq, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, type Scope, scopeContains, scopesFor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import type { Upload } from '../../platform/files/upload.ts';
import { AppError, notFound, versionConflict } from '../../platform/http/errors.ts';
import { parseFields } from '../../platform/http/validation.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { hit } from '../../platform/security/rate-limit.ts';
import { zonedInstant } from '../../platform/time/zoned.ts';
import { findOrCreateContact, linkTicketContact, textToHtml } from '../contacts/index.ts';
import { standInRequester } from '../identity/index.ts';
import { companyTimeZone, findTeam, findUnitPlacement } from '../org/index.ts';
import { readSetting } from '../settings/index.ts';
import {
  acceptAttachment,
  attachChannelFiles,
  type ChannelFile,
  findActiveServices,
  loadVisible,
  openChannelTicket,
  serviceDeskSettings,
} from '../tickets/index.ts';
import { type FormSettingsInput, type ReportFields, reportFields } from './intake.schemas.ts';
import { PROTECTION_DEFAULTS, protectionOf } from './intake.settings.ts';
import { type PublicFormRow, publicFormNonces, publicForms, publicReports, REPORT_METHODS } from './intake.tables.ts';
import { issueFormToken, proofOfWorkHolds, readFormToken } from './intake.token.ts';

/** Evidence files per report (004 Figure 9: "Upload Incident Evidence"). */
export const MAX_EVIDENCE_FILES = 3;

const unavailable = () => new AppError(404, 'FORM_UNAVAILABLE');

async function openForm(tx: Tx, slug: string): Promise<PublicFormRow> {
  const [form] = await tx.select().from(publicForms).where(eq(publicForms.slug, slug.toLowerCase()));
  if (!form?.enabled) throw unavailable();
  return form;
}

/** Reports accepted from one address in the last hour: past the threshold, a proof of work is asked. */
async function recentReportsFrom(tx: Tx, ip: string, now: Date): Promise<number> {
  const { rows } = await tx.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM public_reports WHERE ip = ${ip} AND created_at > ${new Date(now.getTime() - 3_600_000)}`,
  );
  return rows[0]?.n ?? 0;
}

/** The form as the public sees it: the company's public services, the fields, and a fresh signed token. */
export async function getPublicForm(ctx: AppContext, slug: string, ip: string) {
  const form = await openForm(ctx.db, slug);
  const protection = protectionOf(form.protection);
  const challenged = protection.challengeAfter > 0 && (await recentReportsFrom(ctx.db, ip, ctx.clock.now())) >= protection.challengeAfter;
  const bits = challenged ? protection.challengeBits : 0;
  const [identity, company, services, desk] = await Promise.all([
    readSetting(ctx.db, 'identity'),
    ctx.db.execute<{ name: string }>(sql`SELECT name FROM companies WHERE id = ${form.companyId}`),
    findActiveServices(ctx.db, form.serviceIds),
    serviceDeskSettings(ctx.db),
  ]);
  return {
    organisation: identity.value.organisationName,
    company: company.rows[0]?.name ?? '',
    slug: form.slug,
    services,
    methods: [...REPORT_METHODS],
    formToken: issueFormToken(ctx.env.APP_SECRET, form.companyId, ctx.clock.now(), bits),
    minFillSeconds: protection.minFillSeconds,
    challenge: bits ? { bits } : null,
    evidence: { maxFiles: MAX_EVIDENCE_FILES, maxMb: desk.attachmentMaxMb, types: desk.attachmentTypes },
  };
}

/** A wall-clock time in the company's zone, or an instant with its own offset. */
function occurredAt(value: string | undefined, timeZone: string): Date | null {
  if (!value) return null;
  if (/(Z|[+-]\d{2}:\d{2})$/.test(value)) return new Date(value);
  const [y, mo, d, h, mi] = value.split(/[-T:]/).map(Number);
  return zonedInstant(timeZone, y ?? 1970, mo ?? 1, d ?? 1, h ?? 0, mi ?? 0);
}

/** The title of a report: its first line, shortened. */
function titleOf(description: string, locale: Locale): string {
  const first = description.split(/\n/)[0]?.trim() ?? '';
  const title = first.length > 120 ? `${first.slice(0, 117).trimEnd()}…` : first;
  return title || t(locale, 'intake.report.title');
}

/** What a report sends: its text fields and evidence files. */
type ReportForm = { fields: Record<string, string>; files: Upload[] };

/**
 * A disruption report from the public (004 Figure 9), without signing in. In
 * order: the form (before the request's body is read), the per-IP limit (every attempt counts), the honeypot, the fields, the
 * signed token (this company's, old enough, not too old, never used before),
 * the proof of work once the address sent several reports, the per-phone limit
 * and the evidence files' types. The ticket goes to the form's "public
 * reporters" unit and team with channel = the complaint method; the reporter is
 * a contact. Answers the number and the tracking code.
 */
export async function submitReport(
  ctx: AppContext,
  slug: string,
  submitted: ReportForm | (() => Promise<ReportForm>),
  meta: { ip: string; locale: Locale },
): Promise<{ number: string; trackingCode: string }> {
  const settings = await openForm(ctx.db, slug);
  const protection = protectionOf(settings.protection);
  await hit(ctx.db, `public:report:ip:${meta.ip}`, protection.perIpPerHour, 60);
  // Read only now: an unknown or switched-off form, or a throttled address, never gets to upload its files.
  const form = typeof submitted === 'function' ? await submitted() : submitted;
  // A field people never see: only a bot fills it in.
  if (form.fields.website?.trim()) throw new AppError(400, 'FORM_REJECTED');
  const entries = Object.entries(form.fields).filter(([key, value]) => key !== 'website' && value.trim() !== '');
  const input: ReportFields = parseFields(reportFields, Object.fromEntries(entries), meta.locale);

  const now = ctx.clock.now();
  const token = readFormToken(ctx.env.APP_SECRET, input.formToken);
  if (!token || token.companyId !== settings.companyId) throw new AppError(400, 'FORM_TOKEN_INVALID');
  const age = now.getTime() - token.issuedAt;
  if (age < protection.minFillSeconds * 1000) throw new AppError(400, 'FORM_TOO_FAST');
  if (age > protection.tokenMaxAgeMinutes * 60_000) throw new AppError(400, 'FORM_TOKEN_EXPIRED');
  const challenged = protection.challengeAfter > 0 && (await recentReportsFrom(ctx.db, meta.ip, now)) >= protection.challengeAfter;
  if (challenged && token.bits < protection.challengeBits) throw new AppError(400, 'CHALLENGE_REQUIRED');
  if (token.bits > 0 && !proofOfWorkHolds(input.formToken, input.challenge ?? '', token.bits)) throw new AppError(400, 'CHALLENGE_FAILED');

  if (input.serviceId !== undefined && !settings.serviceIds.includes(input.serviceId))
    throw new AppError(400, 'UNKNOWN_REFERENCE', { field: 'serviceId' }, [{ path: 'serviceId', message: 'UNKNOWN_REFERENCE' }]);
  if (form.files.length > MAX_EVIDENCE_FILES)
    throw new AppError(400, 'TOO_MANY_FILES', { max: MAX_EVIDENCE_FILES }, [{ path: 'evidence', message: 'TOO_MANY_FILES' }]);
  const evidence: ChannelFile[] = [];
  for (const file of form.files)
    evidence.push({ name: file.filename, contentType: await acceptAttachment(ctx.db, file.data), data: file.data });

  try {
    return await ctx.db.transaction(async (tx) => {
      // Single use: a second submission of the same token waits here and then fails.
      await tx.insert(publicFormNonces).values({ nonce: token.nonce, usedAt: now });
      const { rows } = await tx.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM public_reports WHERE phone = ${input.phone} AND created_at > ${new Date(now.getTime() - 86_400_000)}`,
      );
      if ((rows[0]?.n ?? 0) >= protection.perPhonePerDay) throw new AppError(429, 'RATE_LIMITED', { minutes: 24 * 60 });

      const zone = await companyTimeZone(tx, settings.companyId);
      const contact = await findOrCreateContact(
        tx,
        {
          companyId: settings.companyId,
          name: input.name,
          email: input.email ?? null,
          phone: input.phone,
          address: input.address,
          kelurahan: input.kelurahan,
          kecamatan: input.kecamatan,
          locale: meta.locale,
        },
        now,
      );
      const requester = await standInRequester(tx, settings.unitId);
      let trackingCode = '';
      const ticket = await openChannelTicket(ctx, tx, {
        requester,
        unitId: settings.unitId,
        createdBy: requester.id,
        teamId: settings.teamId,
        at: now,
        contactName: input.name,
        input: {
          type: 'incident',
          title: titleOf(input.description, meta.locale),
          description: textToHtml(input.description),
          serviceId: input.serviceId ?? null,
          urgency: 'medium',
          impact: 'medium',
          channel: input.method,
          contactName: input.name,
          contactPhone: input.phone,
          contactEmail: input.email ?? null,
        },
        before: async (created) => {
          trackingCode = await linkTicketContact(ctx, tx, created.id, contact.id);
          await tx.insert(publicReports).values({
            ticketId: created.id,
            companyId: settings.companyId,
            contactId: contact.id,
            method: input.method,
            reporterName: input.name,
            phone: input.phone,
            email: input.email ?? null,
            address: input.address,
            kelurahan: input.kelurahan,
            kecamatan: input.kecamatan,
            occurredAt: occurredAt(input.occurredAt, zone),
            ip: meta.ip,
            createdAt: now,
          });
          await attachChannelFiles(tx, created.id, { userId: requester.id, via: 'web_form', contactName: input.name }, evidence);
        },
      });
      return { number: ticket.number, trackingCode };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(409, 'FORM_TOKEN_USED');
    throw error;
  }
}

// The Administrator's side: one form per company, switched on and off, its unit, team, services and protection.

async function presentFormSettings(ctx: AppContext, tx: Tx, companyId: number, name: string) {
  const [form] = await tx.select().from(publicForms).where(eq(publicForms.companyId, companyId));
  return {
    company: { id: companyId, name },
    form: form
      ? {
          slug: form.slug,
          enabled: form.enabled,
          unitId: form.unitId,
          teamId: form.teamId,
          serviceIds: form.serviceIds,
          protection: protectionOf(form.protection),
          version: form.version,
          url: `${ctx.env.PUBLIC_URL}/report/${form.slug}`,
        }
      : null,
  };
}

/** Whether the actor manages settings for the company (an Administrator of the organisation or of that company). */
const administers = (actor: Actor, companyId: number) => {
  const place: Scope = { kind: 'company', companyId };
  return scopesFor(actor, 'settings:manage').some((s) => scopeContains(s, place));
};

/** The forms of the companies the actor administers. */
export async function listFormSettings(ctx: AppContext, actor: Actor) {
  const { rows } = await ctx.db.execute<{ id: number; name: string }>(sql`SELECT id, name FROM companies WHERE active ORDER BY name`);
  const items = [];
  for (const c of rows.filter((r) => administers(actor, Number(r.id))))
    items.push(await presentFormSettings(ctx, ctx.db, Number(c.id), c.name));
  return { items, defaults: PROTECTION_DEFAULTS };
}

const badRef = (field: string) => new AppError(400, 'UNKNOWN_REFERENCE', { field }, [{ path: field, message: 'UNKNOWN_REFERENCE' }]);

export async function saveFormSettings(ctx: AppContext, actor: Actor, companyId: number, input: FormSettingsInput, source: AuditSource) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.execute<{ name: string }>(sql`SELECT name FROM companies WHERE id = ${companyId} AND active`);
      const company = rows[0];
      // Another company's form is none of this Administrator's business: it answers as an unknown company.
      if (!company || !administers(actor, companyId)) throw notFound();
      const unit = await findUnitPlacement(tx, input.unitId);
      if (!unit || unit.companyId !== companyId) throw badRef('unitId');
      if (input.teamId !== null && (await findTeam(tx, input.teamId))?.companyId !== companyId) throw badRef('teamId');
      const services = await findActiveServices(tx, input.serviceIds);
      if (services.length !== new Set(input.serviceIds).size) throw badRef('serviceIds');
      const [current] = await tx.select().from(publicForms).where(eq(publicForms.companyId, companyId)).for('update');
      if ((current?.version ?? 0) !== input.version) throw versionConflict();
      const values = {
        slug: input.slug,
        enabled: input.enabled,
        unitId: input.unitId,
        teamId: input.teamId,
        serviceIds: [...new Set(input.serviceIds)],
        protection: input.protection,
        updatedBy: actor.userId,
        updatedAt: ctx.clock.now(),
      };
      if (current)
        await tx
          .update(publicForms)
          .set({ ...values, version: sql`${publicForms.version} + 1` })
          .where(and(eq(publicForms.companyId, companyId)));
      else await tx.insert(publicForms).values({ companyId, ...values });
      await recordAudit(tx, source, {
        action: 'settings.public_form_updated',
        targetType: 'public_form',
        targetId: companyId,
        before: current ?? null,
        after: values,
      });
      return presentFormSettings(ctx, tx, companyId, company.name);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(409, 'SLUG_TAKEN', {}, [{ path: 'slug', message: 'SLUG_TAKEN' }]);
    throw error;
  }
}

/** The report behind a ticket (method, reporter, where and when), for those who may see the ticket. */
export async function reportOfTicket(ctx: AppContext, actor: Actor, ticketRef: string) {
  const loaded = await loadVisible(ctx.db, actor, ticketRef);
  const [row] = await ctx.db.select().from(publicReports).where(eq(publicReports.ticketId, loaded.ticket.id));
  return {
    report: row
      ? {
          method: row.method,
          reporterName: row.reporterName,
          phone: row.phone,
          email: row.email,
          address: row.address,
          kelurahan: row.kelurahan,
          kecamatan: row.kecamatan,
          occurredAt: row.occurredAt?.toISOString() ?? null,
          createdAt: row.createdAt.toISOString(),
        }
      : null,
  };
}

/** Forgets used form tokens after a day and public rate-limit hits after two (hourly, once for the cluster). */
export async function sweepIntake(ctx: AppContext): Promise<void> {
  await ctx.db.execute(sql`DELETE FROM public_form_nonces WHERE used_at < now() - interval '1 day'`);
  await ctx.db.execute(
    sql`DELETE FROM rate_limit_hits WHERE (key LIKE 'public:%' OR key LIKE 'track:%') AND at < now() - interval '2 days'`,
  );
}
