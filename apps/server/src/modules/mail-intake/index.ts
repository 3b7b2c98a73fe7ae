// The email intake module's public face: other modules import only this.

export { MAIL_POLL, pollMailbox, registerMailPolling } from './mail-intake.imap.ts';
export { messages } from './mail-intake.messages.ts';
export { mailIntakeRoutes } from './mail-intake.routes.ts';
export { type Envelope, type IngestResult, ingestMail } from './mail-intake.service.ts';
export { startInboundSmtp } from './mail-intake.smtp.ts';
export { inboundMail } from './mail-intake.tables.ts';
export { mailThreading } from './mail-intake.threading.ts';
