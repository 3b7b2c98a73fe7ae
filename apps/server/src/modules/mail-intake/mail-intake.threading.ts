import type { Tx } from '../../platform/db/client.ts';
import { inboundReferences } from './mail-intake.service.ts';
import { mailIntakeSettings } from './mail-intake.settings.ts';

/**
 * What the notices need from inbound mail to thread: the helpdesk address for
 * Reply-To, and the Message-IDs of the requester's own mail on the ticket for
 * In-Reply-To and References. Given to the notification delivery at the
 * composition root.
 */
export async function mailThreading(tx: Tx, ticketId: number | null): Promise<{ replyTo: string | null; references: string[] }> {
  const settings = (await mailIntakeSettings(tx)).value;
  return { replyTo: settings.helpdeskAddress || null, references: ticketId ? await inboundReferences(tx, ticketId) : [] };
}
