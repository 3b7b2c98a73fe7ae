import { createHmac, timingSafeEqual } from 'node:crypto';

// A survey link needs no stored secret: its token is the survey's id and an
// HMAC of it under APP_SECRET, so it cannot be guessed or forged, and the
// survey itself decides whether it is still open.

const mac = (secret: string, id: number) =>
  createHmac('sha256', `ish-survey:${secret}`).update(String(id)).digest('base64url').slice(0, 22);

export const surveyToken = (secret: string, id: number) => `${id}.${mac(secret, id)}`;

/** The survey id a token names, when its signature holds. */
export function surveyIdOf(secret: string, token: string): number | null {
  const match = /^(\d{1,15})\.([\w-]{22})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  const expected = Buffer.from(mac(secret, id));
  const given = Buffer.from(match[2] ?? '');
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}
