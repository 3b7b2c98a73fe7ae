import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';

/**
 * The stand-in requester of tickets filed by people who are not users (public
 * reporters, external contacts) in one unit. Tickets need a requester account;
 * the person themselves is a contact, kept apart from users. The stand-in is
 * inactive and has no password: it never signs in and never receives notices
 * (contacts are told through their own, verified, addresses).
 */
export async function standInRequester(tx: Tx, unitId: number): Promise<{ id: number; name: string; email: string; phone: null }> {
  const email = `kontak.u${unitId}@stand-in.invalid`;
  const name = 'Kontak eksternal';
  await tx.execute(sql`
    INSERT INTO users (email, name, unit_id, active) VALUES (${email}, ${name}, ${unitId}, false)
    ON CONFLICT (email) DO NOTHING`);
  const { rows } = await tx.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = ${email}`);
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('stand-in requester missing');
  // No address to write to: a ticket's contact details come from the contact, never from the stand-in.
  return { id: Number(id), name, email: '', phone: null };
}
