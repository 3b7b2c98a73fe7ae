import type { Tx } from '../../platform/db/client.ts';
import { sniffType } from '../../platform/files/sniff.ts';
import { AppError } from '../../platform/http/errors.ts';
import { readModuleSetting } from '../settings/index.ts';

/** Service-desk settings (Administrator-editable under the `service_desk` settings key). */
export interface ServiceDeskSettings {
  /** Tokens: {yyyy} {yy} {mm} {dd} {unit} {seq:N}; 004's `01.18072019.003` is `{unit}.{dd}{mm}{yyyy}.{seq:3}`. */
  ticketNumberPattern: string;
  /** Service requests (catalog fulfilment and requests logged at the desk) number apart: `SR-{yyyy}-{seq:6}`. */
  requestNumberPattern: string;
  /** Per company, the helpdesk team new tickets go to (003 §7.1: "Customer Care"). */
  helpdeskTeams: { companyId: number; teamId: number }[];
  /** Reporters holding these positions (users' jabatan) raise urgency to high (004 Table 3). */
  urgentPositions: string[];
  /** Receives security escalations on creation and hierarchical level 2. */
  headOfItUserId: number | null;
  /** Hierarchical level 3. */
  directorUserId: number | null;
  attachmentTypes: string[];
  attachmentMaxMb: number;
  /** Resolved tickets close by themselves after this many business days without a reply (one reminder first). */
  autoCloseBusinessDays: number;
  /** Tickets pending on the requester remind them every this many days. */
  pendingReminderDays: number;
}

export const DEFAULT_ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/zip',
];

export const SERVICE_DESK_DEFAULTS: ServiceDeskSettings = {
  ticketNumberPattern: 'INC-{yyyy}-{seq:6}',
  requestNumberPattern: 'SR-{yyyy}-{seq:6}',
  helpdeskTeams: [],
  urgentPositions: [],
  headOfItUserId: null,
  directorUserId: null,
  attachmentTypes: DEFAULT_ATTACHMENT_TYPES,
  attachmentMaxMb: 10,
  autoCloseBusinessDays: 3,
  pendingReminderDays: 2,
};

export async function serviceDeskSettings(tx: Tx): Promise<ServiceDeskSettings> {
  return (await readModuleSetting(tx, 'service_desk', SERVICE_DESK_DEFAULTS)).value;
}

/** Each ticket type numbers from its own pattern: requests `SR-…`, incidents and questions `INC-…`. */
export function numberPatternFor(settings: ServiceDeskSettings, type: 'incident' | 'request' | 'question'): string {
  return type === 'request' ? settings.requestNumberPattern : settings.ticketNumberPattern;
}

/**
 * The content type of a file under the admin's attachment policy (size limit
 * and allowed types, checked on the bytes: a renamed .exe, an HTML page or an
 * SVG never passes). Ticket attachments and order-form files share it.
 */
export async function acceptAttachment(tx: Tx, data: Buffer): Promise<string> {
  const settings = await serviceDeskSettings(tx);
  if (data.length > settings.attachmentMaxMb * 1024 * 1024)
    throw new AppError(413, 'PAYLOAD_TOO_LARGE', { maxMb: settings.attachmentMaxMb });
  return sniffType(data, settings.attachmentTypes).catch(() => {
    throw new AppError(415, 'ATTACHMENT_TYPE');
  });
}
