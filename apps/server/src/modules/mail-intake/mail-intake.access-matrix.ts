import { accessMatrix, type Cell, settingVersion } from '../../../test/access-matrix.ts';
import { channelFactories } from '../../../test/factories/channels.ts';

// The mail quarantine (mail-intake.policy.ts): held mail belongs to the company it would go to; whoever works
// tickets anywhere in that company decides on it, another company's is invisible (404). Email intake settings
// are the organisation's, changed by Administrators.

const ch = (c: Cell) => channelFactories(c.ctx, c.f);
const seen = (c: Cell) => c.shared('mail', () => ch(c).quarantinedMail(c.place));
const desk = (ok: number) => ({
  agent: `${ok} ${ok} 404`,
  team_lead: `${ok} ${ok} 404`,
  service_provider: `${ok} ${ok} 404`,
  administrator: `${ok}`,
  others: '403',
});

export const matrix = accessMatrix({
  'GET /mail/quarantine': {
    call: () => '/mail/quarantine',
    expect: { anonymous: 401, agent: '200', team_lead: '200', service_provider: '200', administrator: '200', others: '403' },
  },
  'GET /mail/quarantine/{id}': { call: async (c) => `/mail/quarantine/${(await seen(c)).id}`, expect: { anonymous: 401, ...desk(200) } },
  'POST /mail/quarantine/{id}/release': {
    call: async (c) => {
      const mail = await ch(c).quarantinedMail(c.place);
      return { path: `/mail/quarantine/${mail.id}/release`, body: { version: mail.version, asNewTicket: true } };
    },
    expect: { anonymous: 401, ...desk(200) },
  },
  'POST /mail/quarantine/{id}/discard': {
    call: async (c) => {
      const mail = await ch(c).quarantinedMail(c.place);
      return { path: `/mail/quarantine/${mail.id}/discard`, body: { version: mail.version } };
    },
    expect: { anonymous: 401, ...desk(204) },
  },
  'GET /settings/mail-intake': { call: () => '/settings/mail-intake', expect: { anonymous: 401, administrator: '200', others: '403' } },
  'PUT /settings/mail-intake': {
    call: async (c) => ({
      path: '/settings/mail-intake',
      body: {
        version: await settingVersion(c.ctx, 'mail_intake'),
        helpdeskAddress: 'helpdesk@nusantara.test',
        companyId: null,
        unitId: null,
        teamId: null,
        unknownSenders: 'contact',
        perSenderPerHour: 20,
        imap: { enabled: false, host: '', port: 993, secure: true, user: '', folder: 'INBOX' },
      },
    }),
    expect: { anonymous: 401, administrator: '200', others: '403' },
    serial: true,
  },
});
