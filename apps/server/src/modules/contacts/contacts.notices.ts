import type { AppContext } from '../../platform/context.ts';
import { notifyContact } from '../notifications/index.ts';
import { findTicketFacts } from '../tickets/index.ts';
import { findTicketContact, newVerificationLink, trackingLink } from './contacts.service.ts';

/**
 * What a contact hears about their ticket. On creation: an SMS with the number
 * and tracking link when they gave a phone, and an email with the number and
 * tracking code — to an unconfirmed address only this once, together with the
 * confirmation link (it answers what they just sent). Later notices (a reply
 * from the service desk) reach their email only once it is confirmed.
 * Resolution and the survey are announced by the survey module.
 */
export function registerContactNotices(ctx: AppContext): void {
  // Once the ticket has its number, which the messages carry.
  ctx.events.on('ticket.numbered', async (tx, e) => {
    const found = await findTicketContact(ctx, tx, e.ticketId);
    const ticket = found && (await findTicketFacts(tx, e.ticketId));
    if (!found || !ticket) return;
    const { contact, trackingCode } = found;
    const variables = { tracking_code: trackingCode, link: trackingLink(ctx, ticket.number, trackingCode) };
    const to = { email: contact.email, phone: contact.phone, locale: contact.locale };
    await notifyContact(ctx, tx, {
      event: 'report_received',
      ticketId: e.ticketId,
      occurrence: 'created',
      contact: to,
      channels: ['sms'],
      variables,
    });
    if (!contact.email) return;
    if (contact.emailVerifiedAt) {
      await notifyContact(ctx, tx, {
        event: 'report_received',
        ticketId: e.ticketId,
        occurrence: 'created',
        contact: to,
        channels: ['email'],
        variables,
      });
      return;
    }
    const verify = await newVerificationLink(ctx, tx, contact);
    await notifyContact(ctx, tx, {
      event: 'report_received_verify',
      ticketId: e.ticketId,
      occurrence: 'created',
      contact: to,
      channels: ['email'],
      variables: { ...variables, verify_link: verify },
    });
  });

  ctx.events.on('ticket.commented', async (tx, e) => {
    if (e.internal) return;
    // Most tickets have no contact: that is the one question asked then.
    const found = await findTicketContact(ctx, tx, e.ticketId);
    if (!found?.contact.email || !found.contact.emailVerifiedAt) return;
    const ticket = await findTicketFacts(tx, e.ticketId);
    // The contact's own replies come in as the ticket's requester: nothing to tell them.
    if (!ticket || e.authorId === ticket.requesterId) return;
    await notifyContact(ctx, tx, {
      event: 'contact_reply',
      ticketId: e.ticketId,
      occurrence: `c${e.commentId}`,
      contact: { email: found.contact.email, locale: found.contact.locale },
      channels: ['email'],
      variables: { tracking_code: found.trackingCode, link: trackingLink(ctx, ticket.number, found.trackingCode) },
    });
  });
}
