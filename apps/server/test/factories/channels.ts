import { findOrCreateContact, linkTicketContact, newVerificationLink } from '../../src/modules/contacts/index.ts';
import { publicReports } from '../../src/modules/intake/index.ts';
import { inboundMail } from '../../src/modules/mail-intake/index.ts';
import { surveys, surveyToken } from '../../src/modules/surveys/index.ts';
import type { tickets } from '../../src/modules/tickets/index.ts';
import type { AppContext } from '../../src/platform/context.ts';
import { postgresFileStore } from '../../src/platform/files/file-store.ts';
import type { Factories, Place } from '../factories.ts';

/** Who sees a ticket (tickets.policy.ts), as GET /tickets/{id}: the matrix rows of what hangs on a ticket. */
export const ticketReaders = {
  agent: '200 200 404',
  team_lead: '200 200 404',
  executive: '200',
  administrator: '200',
  others: '200 404 404',
};

let n = 0;
/** A key no other record of this run has (several factory sets may be in use at once). */
const next = () => `${process.pid}-${Date.now().toString(36)}-${++n}`;

/**
 * Records of the channels (contacts and public tracking, the Lapor Gangguan
 * report, surveys, the mail quarantine), made through the modules' faces:
 * each call makes one fresh record in the place the test names.
 */
export function channelFactories(ctx: AppContext, f: Factories) {
  const c = {
    /** An external contact of `place`'s company with an email of its own (not confirmed). */
    async contact(place: Place, o: { email?: string | null } = {}) {
      const key = next();
      return ctx.db.transaction((tx) =>
        findOrCreateContact(tx, {
          companyId: place.companyId,
          name: `Kontak ${key}`,
          email: o.email === undefined ? `kontak-${key}@warga.test` : o.email,
          phone: o.email === null ? `+62812${String(Date.now()).slice(-7)}${n}` : null,
        }),
      );
    },
    /**
     * A ticket in `place` on behalf of a contact, with the code the contact follows it with on the
     * public tracking page; `status` for a ticket further along (e.g. resolved, awaiting the contact).
     */
    async trackedTicket(place: Place, o: Partial<typeof tickets.$inferInsert> = {}) {
      const ticket = await f.ticket(place, o);
      const contact = await c.contact(place);
      const code = await ctx.db.transaction((tx) => linkTicketContact(ctx, tx, ticket.id, contact.id));
      return { ticket, contact, code };
    },
    /** A valid confirmation token for a contact's email, as the emailed link carries it. */
    async verificationToken(place: Place): Promise<string> {
      const contact = await c.contact(place);
      const link = await ctx.db.transaction((tx) => newVerificationLink(ctx, tx, contact));
      return new URL(link).searchParams.get('token') as string;
    },
    /** The Lapor Gangguan report behind a tracked ticket (how and where the resident reported). */
    async publicReport(place: Place) {
      const tracked = await c.trackedTicket(place, { channel: 'web_form' });
      await ctx.db.insert(publicReports).values({
        ticketId: tracked.ticket.id,
        companyId: place.companyId,
        contactId: tracked.contact.id,
        method: 'web_form',
        reporterName: tracked.contact.name,
        phone: '+6281266112001',
        address: 'Taman Jam Gadang, Jl. Istana',
        kelurahan: 'Benteng Pasar Atas',
        kecamatan: 'Guguk Panjang',
        ip: '10.0.0.1',
      });
      return tracked;
    },
    /** An open satisfaction survey (sent now, valid 14 days) of a ticket; its token is the link's. */
    async survey(ticket: typeof tickets.$inferSelect) {
      const now = new Date();
      const [row] = await ctx.db
        .insert(surveys)
        .values({
          ticketId: ticket.id,
          companyId: ticket.companyId,
          unitPath: ticket.unitPath,
          requesterId: ticket.requesterId,
          sentAt: now,
          expiresAt: new Date(now.getTime() + 14 * 86_400_000),
        })
        .returning();
      if (!row) throw new Error('factory: no survey');
      return { ...row, token: surveyToken(ctx.env.APP_SECRET, row.id) };
    },
    /**
     * A message held in the quarantine for `place`'s company (its sender, a colleague there, wrote too
     * often): released as a new ticket, it lands in the sender's unit.
     */
    async quarantinedMail(place: Place) {
      const sender = await f.user(place);
      const key = next();
      const raw = Buffer.from(
        [
          `From: ${sender.name} <${sender.email}>`,
          'To: helpdesk@nusantara.test',
          `Subject: Printer lantai 3 tidak mencetak ${key}`,
          `Message-ID: <${key}@factory.test>`,
          'Date: Mon, 23 Nov 2026 08:30:00 +0700',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Kertas tersangkut sejak pagi.',
          '',
        ].join('\r\n'),
      );
      const rawFileId = await postgresFileStore.put(ctx.db, {
        purpose: 'inbound_mail',
        contentType: 'message/rfc822',
        data: raw,
        createdBy: null,
      });
      const [row] = await ctx.db
        .insert(inboundMail)
        .values({
          source: 'smtp',
          dedupeKey: `id:<${key}@factory.test>`,
          messageId: `<${key}@factory.test>`,
          fromAddress: sender.email,
          fromName: sender.name,
          subject: `Printer lantai 3 tidak mencetak ${key}`,
          outcome: 'quarantined',
          reason: 'throttled',
          companyId: place.companyId,
          rawFileId,
          details: { envelope: { mailFrom: sender.email } },
        })
        .returning();
      if (!row) throw new Error('factory: no mail');
      return row;
    },
  };
  return c;
}
