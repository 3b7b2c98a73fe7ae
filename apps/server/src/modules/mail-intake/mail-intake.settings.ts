import type { AuditSource } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { encryptSecret } from '../../platform/security/tokens.ts';
import { findTeam, findUnitPlacement } from '../org/index.ts';
import { readModuleSetting, writeModuleSetting } from '../settings/index.ts';
import type { MailSettingsInput } from './mail-intake.schemas.ts';

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

function presentMailSettings({ value, version }: { value: MailIntakeSettings; version: number }) {
  const { passwordEncrypted, ...imap } = value.imap;
  return { ...value, imap: { ...imap, passwordSet: !!passwordEncrypted }, version };
}

/** The settings as the API shows them: the IMAP password only as whether one is set. */
export async function readMailSettings(tx: Tx) {
  return presentMailSettings(await mailIntakeSettings(tx));
}

const badRef = (field: string) => new AppError(400, 'UNKNOWN_REFERENCE', { field }, [{ path: field, message: 'UNKNOWN_REFERENCE' }]);

/** Saves the settings; the unit and team must be the company's, the IMAP password is sealed with APP_SECRET. */
export async function saveMailSettings(ctx: AppContext, userId: number, source: AuditSource, input: MailSettingsInput) {
  const current = (await mailIntakeSettings(ctx.db)).value;
  if (input.unitId !== null) {
    const unit = await findUnitPlacement(ctx.db, input.unitId);
    if (!unit || unit.companyId !== input.companyId) throw badRef('unitId');
  }
  if (input.teamId !== null && (await findTeam(ctx.db, input.teamId))?.companyId !== input.companyId) throw badRef('teamId');
  const { password, ...imap } = input.imap;
  const passwordEncrypted =
    password === undefined ? current.imap.passwordEncrypted : password === '' ? null : encryptSecret(password, ctx.env.APP_SECRET);
  const { version, ...rest } = input;
  const value: MailIntakeSettings = { ...rest, imap: { ...imap, passwordEncrypted } };
  await writeModuleSetting(ctx, userId, source, 'mail_intake', value, version);
  return readMailSettings(ctx.db);
}
