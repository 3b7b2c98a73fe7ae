import type { Tx } from '../../platform/db/client.ts';
import { readModuleSetting } from '../settings/index.ts';

/** Where the helpdesk's mail comes in and what becomes of unknown senders (the Administrator's `mail_intake` settings). */
export interface MailIntakeSettings {
  /** The address people write to (002 §5.g), also the Reply-To of every notice; '' until set. */
  helpdeskAddress: string;
  /** Tickets from senders who are not users are placed here, for this team; a user's ticket goes to their own unit. */
  companyId: number | null;
  unitId: number | null;
  teamId: number | null;
  /** Unknown senders become external contacts, or their mail is refused (dropped, never answered). */
  unknownSenders: 'contact' | 'refuse';
  /** More messages than this from one sender within an hour wait in quarantine. */
  perSenderPerHour: number;
  imap: ImapSettings;
}

export interface ImapSettings {
  enabled: boolean;
  host: string;
  port: number;
  /** TLS from the start (993); false: STARTTLS when offered. */
  secure: boolean;
  user: string;
  /** AES-GCM sealed with APP_SECRET like the SMTP password; never returned by the API. */
  passwordEncrypted: string | null;
  folder: string;
}

export const MAIL_INTAKE_DEFAULTS: MailIntakeSettings = {
  helpdeskAddress: '',
  companyId: null,
  unitId: null,
  teamId: null,
  unknownSenders: 'contact',
  perSenderPerHour: 30,
  imap: { enabled: false, host: '', port: 993, secure: true, user: '', passwordEncrypted: null, folder: 'INBOX' },
};

export async function mailIntakeSettings(tx: Tx) {
  const { value, version } = await readModuleSetting(tx, 'mail_intake', MAIL_INTAKE_DEFAULTS);
  return { value: { ...value, imap: { ...MAIL_INTAKE_DEFAULTS.imap, ...value.imap } }, version };
}
