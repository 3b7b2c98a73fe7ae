// The contacts module's public face: other modules import only this.

export { messages } from './contacts.messages.ts';
export { registerContactNotices } from './contacts.notices.ts';
export { contactRoutes } from './contacts.routes.ts';
export { phoneField } from './contacts.schemas.ts';
export {
  type ContactFacts,
  createContact,
  createTicketForContact,
  findOrCreateContact,
  findTicketContact,
  linkTicketContact,
  newVerificationLink,
  trackingLink,
} from './contacts.service.ts';
export type { ContactRow } from './contacts.tables.ts';
export { decideTracked, replyTracked, textToHtml, trackedTicketId } from './contacts.tracking.ts';
export { trackingRoutes } from './tracking.routes.ts';
