import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf, auditSourceOf } from '../../platform/http/app.ts';
import { idParams, noContent } from '../../platform/http/schemas.ts';
import { ticketRefParams } from '../tickets/index.ts';
import {
  contactBody,
  contactListQuery,
  contactOut,
  contactPage,
  contactTicketBody,
  contactTicketOut,
  ticketContactOut,
  updateContactBody,
  verifiedOut,
  verifyBody,
} from './contacts.schemas.ts';
import {
  contactOfTicket,
  createContact,
  createTicketForContact,
  getContact,
  listContacts,
  sendVerification,
  updateContact,
  verifyContactEmail,
} from './contacts.service.ts';

const tags = ['contacts'];
/** The service desk handles contacts of the companies it works in. */
const work = access.permission('ticket:work', 'contact');

export function contactRoutes(app: App, ctx: AppContext) {
  app.get('/contacts', {
    config: { access: work },
    schema: {
      tags,
      summary: 'External contacts and public reporters of the companies I work in',
      querystring: contactListQuery,
      response: { 200: contactPage },
    },
    handler: async (req) => listContacts(ctx.db, actorOf(req), req.query),
  });

  app.post('/contacts', {
    config: { access: work },
    schema: { tags, summary: 'Record an external contact (name, email, phone, company)', body: contactBody, response: { 201: contactOut } },
    handler: async (req, reply) => reply.status(201).send(await createContact(ctx, actorOf(req), req.body, auditSourceOf(req))),
  });

  app.get('/contacts/:id', {
    config: { access: work },
    schema: { tags, summary: 'One contact', params: idParams, response: { 200: contactOut } },
    handler: async (req) => getContact(ctx.db, actorOf(req), req.params.id),
  });

  app.patch('/contacts/:id', {
    config: { access: work },
    schema: {
      tags,
      summary: 'Correct a contact; a changed email must be confirmed again; carries `version`',
      params: idParams,
      body: updateContactBody,
      response: { 200: contactOut },
    },
    handler: async (req) => updateContact(ctx, actorOf(req), req.params.id, req.body, auditSourceOf(req)),
  });

  app.post('/contacts/:id/verification', {
    config: { access: work },
    schema: {
      tags,
      summary: 'Email the contact a confirmation link (automatic notices need a confirmed email); at most one an hour',
      params: idParams,
      response: { 204: noContent },
    },
    handler: async (req, reply) => {
      await sendVerification(ctx, actorOf(req), req.params.id, auditSourceOf(req));
      return reply.status(204).send(null);
    },
  });

  app.post('/contacts/:id/tickets', {
    config: { access: work },
    schema: {
      tags,
      summary: 'Log a ticket on behalf of the contact (003: Request By, Company, Customer Email)',
      params: idParams,
      body: contactTicketBody,
      response: { 201: contactTicketOut },
    },
    handler: async (req, reply) => reply.status(201).send(await createTicketForContact(ctx, actorOf(req), req.params.id, req.body)),
  });

  app.get('/tickets/:id/contact', {
    config: { access: access.signedIn('ticket') },
    schema: {
      tags,
      summary: 'The contact a ticket is on behalf of (null for a user’s own ticket)',
      params: ticketRefParams,
      response: { 200: ticketContactOut },
    },
    handler: async (req) => contactOfTicket(ctx, actorOf(req), req.params.id),
  });

  app.post('/public/contacts/verify', {
    config: { access: access.public() },
    schema: {
      tags,
      summary: 'Confirm a contact’s email with the token from the confirmation link (no sign-in)',
      body: verifyBody,
      response: { 200: verifiedOut },
    },
    handler: async (req) => verifyContactEmail(ctx, req.body.token),
  });
}
