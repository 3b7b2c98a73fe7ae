// The tickets module's public face: other modules read tickets through its lookups, change them through its
// services (`tickets.system.ts` for rule-driven changes) and hear of them through domain events.
export { messages as documentMessages } from './documents.messages.ts';
export { referenceRoutes } from './reference.routes.ts';
export { savedViewRoutes } from './saved-views.ts';
export { loadVisible } from './tickets.access.ts';
export { registerTicketAutomation, runTicketAutomation, TICKET_AUTOMATION } from './tickets.automation.ts';
export {
  addChannelReply,
  attachChannelFiles,
  type ChannelAuthor,
  type ChannelFile,
  decideResolution,
  findActiveServices,
  findPublicAttachment,
  findPublicTicket,
  findTicketIdByNumber,
  listPublicEntries,
  noteRefusedFiles,
  openChannelTicket,
  ticketParticipantEmails,
} from './tickets.channels.ts';
export { acceptAttachment, serviceDeskSettings } from './tickets.config.ts';
export { addComment } from './tickets.conversation.ts';
export { isUnnumbered } from './tickets.insert.ts';
export { type ClockBehaviour, FINAL_STATUSES, SLA_CLOCK } from './tickets.lifecycle.ts';
export {
  canWorkTicket,
  countableTickets,
  findActiveServiceIds,
  findIncidentsOnServices,
  findTicketFacts,
  findVisibleTicket,
  OPEN_STATUSES,
  openTicketCounts,
  recordLinkedEvent,
  recordSystemEvent,
  referenceExists,
  ticketActionsFor,
  visibleTicketIds,
} from './tickets.lookup.ts';
export { messages } from './tickets.messages.ts';
export { presentTicket, presentTimeline, showTicket, showTimeline } from './tickets.presenter.ts';
export { DEFAULT_MATRIX } from './tickets.priority.ts';
export { countTickets, listTickets, statusLabels } from './tickets.queries.ts';
export { ticketRoutes } from './tickets.routes.ts';
export { listQuery, ticketRefParams } from './tickets.schemas.ts';
export { transitionTicket } from './tickets.service.ts';
export { escalateOneLevel, openFulfilmentTicket, type RuleRef, raisePriority, reassign } from './tickets.system.ts';
export {
  CHANNELS,
  LEVELS,
  type Level,
  PRIORITIES,
  savedViews,
  TICKET_STATUSES,
  TICKET_TYPES,
  type TicketStatus,
  ticketAttachments,
  ticketComments,
  ticketEvents,
  ticketLinks,
  tickets,
  ticketWatchers,
} from './tickets.tables.ts';
