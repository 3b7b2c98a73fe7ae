import { onFirstUse } from '../../platform/lazy.ts';

// The mail libraries load on the first message read, not at the server's start (cold start, issue 19):
// most processes never see an inbound message, and mailauth alone takes most of a second to load.

export const loadMailParser = onFirstUse(() => import('mailparser'));
export const loadMailAuth = onFirstUse(() => import('mailauth'));
export const loadImap = onFirstUse(async () => (await import('imapflow')).ImapFlow);
export const loadSmtpServer = onFirstUse(() => import('smtp-server'));
