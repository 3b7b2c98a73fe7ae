import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, can } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/http/errors.ts';
import { newToken, sha256 } from '../../platform/security/tokens.ts';
import { standInRequester } from '../identity/index.ts';
import { notifyContact } from '../notifications/index.ts';
import { findUnitPlacement } from '../org/index.ts';
import { loadVisible, openChannelTicket } from '../tickets/index.ts';
import { canHandleContact, handledContacts } from './contacts.policy.ts';
import type { ContactInput, ContactTicketInput, UpdateContactInput } from './contacts.schemas.ts';
import { type ContactRow, contacts, contactVerifications, ticketContacts } from './contacts.tables.ts';
import { newTrackingSalt, trackingCode } from './contacts.tracking-code.ts';

const VERIFICATION_DAYS = 7;
const DAY = 86_400_000;

/** What identifies a contact when they write or report again: their email, else their phone. */
export interface ContactFacts {
  companyId: number;
  name: string;
  email?: string | null;
  phone?: string | null;
  organisation?: string | null;
  address?: string | null;
  kelurahan?: string | null;
  kecamatan?: string | null;
  locale?: 'id' | 'en';
}

/**
 * The company's contact with this email (else, without email, this phone), or
 * a new one. What they give again fills gaps and updates where they live; it
 * never changes a confirmed email.
 */
export async function findOrCreateContact(tx: Tx, facts: ContactFacts, now = new Date()): Promise<ContactRow> {
  const email = facts.email?.trim().toLowerCase() || null;
  const match = email
    ? and(eq(contacts.companyId, facts.companyId), sql`${contacts.email} = ${email}`)
    : facts.phone
      ? and(eq(contacts.companyId, facts.companyId), eq(contacts.phone, facts.phone), isNull(contacts.email))
      : sql`false`;
  const [found] = await tx.select().from(contacts).where(match).orderBy(contacts.id).limit(1).for('update');
  if (found) {
    const [updated] = await tx
      .update(contacts)
      .set({
        phone: found.phone ?? facts.phone ?? null,
        organisation: found.organisation ?? facts.organisation ?? null,
        address: facts.address ?? found.address,
        kelurahan: facts.kelurahan ?? found.kelurahan,
        kecamatan: facts.kecamatan ?? found.kecamatan,
        locale: facts.locale ?? found.locale,
        updatedAt: now,
      })
      .where(eq(contacts.id, found.id))
      .returning();
    return updated ?? found;
  }
  const [created] = await tx
    .insert(contacts)
    .values({
      companyId: facts.companyId,
      name: facts.name,
      email,
      phone: facts.phone ?? null,
      organisation: facts.organisation ?? null,
      address: facts.address ?? null,
      kelurahan: facts.kelurahan ?? null,
      kecamatan: facts.kecamatan ?? null,
      locale: facts.locale ?? 'id',
    })
    .returning();
  if (!created) throw new Error('contact insert failed');
  return created;
}

/** Puts a ticket on behalf of a contact; returns the code the contact follows it with. */
export async function linkTicketContact(ctx: AppContext, tx: Tx, ticketId: number, contactId: number): Promise<string> {
  const salt = newTrackingSalt();
  await tx.insert(ticketContacts).values({ ticketId, contactId, trackingSalt: salt });
  return trackingCode(ctx.env.APP_SECRET, ticketId, salt);
}

/** The contact a ticket is on behalf of, with its tracking code, or null. */
export async function findTicketContact(ctx: AppContext, tx: Tx, ticketId: number) {
  const [row] = await tx
    .select({ contact: contacts, salt: ticketContacts.trackingSalt })
    .from(ticketContacts)
    .innerJoin(contacts, eq(contacts.id, ticketContacts.contactId))
    .where(eq(ticketContacts.ticketId, ticketId));
  return row ? { contact: row.contact, trackingCode: trackingCode(ctx.env.APP_SECRET, ticketId, row.salt) } : null;
}

/** Where a contact follows a ticket: the public tracking page, with the code filled in. */
export const trackingLink = (ctx: AppContext, number: string, code: string) =>
  `${ctx.env.PUBLIC_URL}/track/${encodeURIComponent(number)}?code=${encodeURIComponent(code)}`;

/**
 * A confirmation link for the contact's email (valid 7 days). Only its hash is
 * kept; the link itself goes into the notice the caller sends.
 */
export async function newVerificationLink(ctx: AppContext, tx: Tx, contact: ContactRow, now = ctx.clock.now()): Promise<string> {
  if (!contact.email) throw new AppError(400, 'CONTACT_EMAIL_MISSING');
  const token = newToken();
  await tx.insert(contactVerifications).values({
    tokenHash: sha256(token),
    contactId: contact.id,
    email: contact.email,
    expiresAt: new Date(now.getTime() + VERIFICATION_DAYS * DAY),
  });
  return `${ctx.env.PUBLIC_URL}/verify-email?token=${encodeURIComponent(token)}`;
}

/**
 * Confirms an email from its link: once, within 7 days, and only while the
 * contact still has that address. Anything else answers as an unknown link.
 */
export async function verifyContactEmail(ctx: AppContext, token: string, now = ctx.clock.now()) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(contactVerifications)
      .where(
        and(
          eq(contactVerifications.tokenHash, sha256(token)),
          isNull(contactVerifications.usedAt),
          gt(contactVerifications.expiresAt, now),
        ),
      )
      .for('update');
    if (!row) throw new AppError(404, 'VERIFICATION_INVALID');
    const [contact] = await tx.select().from(contacts).where(eq(contacts.id, row.contactId)).for('update');
    if (!contact || contact.email?.toLowerCase() !== row.email.toLowerCase()) throw new AppError(404, 'VERIFICATION_INVALID');
    await tx.update(contactVerifications).set({ usedAt: now }).where(eq(contactVerifications.tokenHash, row.tokenHash));
    await tx
      .update(contacts)
      .set({ emailVerifiedAt: contact.emailVerifiedAt ?? now, version: sql`${contacts.version} + 1`, updatedAt: now })
      .where(eq(contacts.id, contact.id));
    return { email: contact.email };
  });
}

// The service desk's side: list, record, correct, confirm and log tickets for contacts.

async function presentContacts(tx: Tx, rows: ContactRow[]) {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const { rows: extra } = await tx.execute<{ id: number; company_name: string; tickets: number }>(sql`
    SELECT c.id, co.name AS company_name, (SELECT count(*)::int FROM ticket_contacts tc WHERE tc.contact_id = c.id) AS tickets
    FROM contacts c JOIN companies co ON co.id = c.company_id WHERE c.id IN ${ids}`);
  const byId = new Map(extra.map((e) => [Number(e.id), e]));
  return rows.map((r) => ({
    id: r.id,
    company: { id: r.companyId, name: byId.get(r.id)?.company_name ?? '' },
    name: r.name,
    email: r.email,
    emailVerified: r.emailVerifiedAt !== null,
    phone: r.phone,
    organisation: r.organisation,
    address: r.address,
    kelurahan: r.kelurahan,
    kecamatan: r.kecamatan,
    locale: r.locale,
    ticketCount: byId.get(r.id)?.tickets ?? 0,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
  }));
}
export type ContactView = Awaited<ReturnType<typeof presentContacts>>[number];

export async function listContacts(tx: Tx, actor: Actor, q: { page: number; pageSize: number; q?: string }) {
  const pattern = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    handledContacts(actor),
    pattern
      ? sql`(${contacts.name} ILIKE ${pattern} OR ${contacts.email} ILIKE ${pattern} OR ${contacts.phone} LIKE ${pattern})`
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(contacts)
      .where(where)
      .orderBy(contacts.name, contacts.id)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    tx.select({ n: sql<number>`count(*)::int` }).from(contacts).where(where),
  ]);
  return { items: await presentContacts(tx, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** A contact the actor handles; others answer 404. */
async function loadContact(tx: Tx, actor: Actor, id: number, lock = false): Promise<ContactRow> {
  const query = tx.select().from(contacts).where(eq(contacts.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || !canHandleContact(actor, row.companyId)) throw notFound();
  return row;
}

export async function getContact(tx: Tx, actor: Actor, id: number): Promise<ContactView> {
  const [view] = await presentContacts(tx, [await loadContact(tx, actor, id)]);
  if (!view) throw notFound();
  return view;
}

const emailTaken = () => new AppError(409, 'CONTACT_EMAIL_TAKEN', {}, [{ path: 'email', message: 'CONTACT_EMAIL_TAKEN' }]);

export async function createContact(ctx: AppContext, actor: Actor, input: ContactInput, source: AuditSource): Promise<ContactView> {
  if (!canHandleContact(actor, input.companyId)) throw forbidden();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(contacts)
        .values({ ...input, email: input.email?.toLowerCase() ?? null, phone: input.phone ?? null })
        .returning();
      if (!row) throw new Error('contact insert failed');
      await recordAudit(tx, source, { action: 'contact.created', targetType: 'contact', targetId: row.id, after: input });
      return getContact(tx, actor, row.id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/** Corrects a contact; a changed email must be confirmed again. */
export async function updateContact(ctx: AppContext, actor: Actor, id: number, input: UpdateContactInput, source: AuditSource) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const current = await loadContact(tx, actor, id, true);
      if (current.version !== input.version) throw versionConflict();
      const { version: _, ...changes } = input;
      const email = changes.email === undefined ? current.email : (changes.email?.toLowerCase() ?? null);
      await tx
        .update(contacts)
        .set({
          ...changes,
          email,
          emailVerifiedAt: email === current.email ? current.emailVerifiedAt : null,
          version: sql`${contacts.version} + 1`,
          updatedAt: ctx.clock.now(),
        })
        .where(eq(contacts.id, id));
      await recordAudit(tx, source, { action: 'contact.updated', targetType: 'contact', targetId: id, before: current, after: changes });
      return getContact(tx, actor, id);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/** Sends the contact a confirmation link for their email (an agent asked for it). */
export async function sendVerification(ctx: AppContext, actor: Actor, id: number, source: AuditSource) {
  await ctx.db.transaction(async (tx) => {
    const contact = await loadContact(tx, actor, id, true);
    if (!contact.email) throw new AppError(400, 'CONTACT_EMAIL_MISSING');
    if (contact.emailVerifiedAt) throw new AppError(409, 'CONTACT_ALREADY_VERIFIED');
    const [recent] = await tx
      .select({ at: contactVerifications.createdAt })
      .from(contactVerifications)
      .where(eq(contactVerifications.contactId, id))
      .orderBy(desc(contactVerifications.createdAt))
      .limit(1);
    // One link per hour: a confirmation request is not a way to flood someone's inbox.
    if (recent && ctx.clock.now().getTime() - recent.at.getTime() < 3_600_000) throw new AppError(429, 'RATE_LIMITED', { minutes: 60 });
    const link = await newVerificationLink(ctx, tx, contact);
    await notifyContact(ctx, tx, {
      event: 'contact_verify',
      ticketId: null,
      occurrence: link.slice(-16),
      contact: { email: contact.email, locale: contact.locale },
      channels: ['email'],
      variables: { verify_link: link },
    });
    await recordAudit(tx, source, { action: 'contact.verification_sent', targetType: 'contact', targetId: id });
  });
}

/** Logs a ticket on behalf of a contact (003: Request By, Company, Customer Email), placed in a unit the agent works in. */
export async function createTicketForContact(ctx: AppContext, actor: Actor, id: number, input: ContactTicketInput) {
  return ctx.db.transaction(async (tx) => {
    const contact = await loadContact(tx, actor, id);
    const placement = await findUnitPlacement(tx, input.unitId);
    if (!placement || placement.companyId !== contact.companyId)
      throw new AppError(400, 'UNKNOWN_REFERENCE', { field: 'unitId' }, [{ path: 'unitId', message: 'UNKNOWN_REFERENCE' }]);
    if (!can(actor, 'ticket:work', { companyId: placement.companyId, unitPath: placement.unitPath })) throw forbidden();
    const requester = await standInRequester(tx, placement.unitId);
    const ticket = await openChannelTicket(ctx, tx, {
      requester,
      unitId: placement.unitId,
      createdBy: actor.userId,
      teamId: null,
      contactName: contact.name,
      input: {
        type: input.type,
        title: input.title,
        description: input.description,
        urgency: input.urgency,
        impact: input.impact,
        channel: input.channel,
        contactName: contact.name,
        contactPhone: contact.phone,
        contactEmail: contact.email,
      },
      before: async (t) => void (await linkTicketContact(ctx, tx, t.id, contact.id)),
    });
    return { id: ticket.id, number: ticket.number };
  });
}

/** The contact on a ticket the actor may see (null when the ticket is a user's own). */
export async function contactOfTicket(ctx: AppContext, actor: Actor, ticketRef: string) {
  const loaded = await loadVisible(ctx.db, actor, ticketRef);
  const found = await findTicketContact(ctx, ctx.db, loaded.ticket.id);
  if (!found) return { contact: null };
  const [view] = await presentContacts(ctx.db, [found.contact]);
  return { contact: view ?? null, canManage: canHandleContact(actor, found.contact.companyId) };
}
