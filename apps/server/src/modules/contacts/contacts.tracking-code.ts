import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Crockford's base 32: no I, L, O or U, so a code read aloud or typed from an SMS survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const newTrackingSalt = () => randomBytes(16).toString('base64url');

/**
 * A ticket's tracking code, `XXXX-XXXX` (40 bits): an HMAC of the ticket and its
 * salt under APP_SECRET. It is never stored, so a copy of the database does not
 * reveal it; notices can still repeat it, and wrong guesses are rate-limited.
 */
export function trackingCode(secret: string, ticketId: number, salt: string): string {
  const mac = createHmac('sha256', `ish-tracking:${secret}`).update(`${ticketId}:${salt}`).digest();
  let bits = 0n;
  for (let i = 0; i < 5; i++) bits = (bits << 8n) | BigInt(mac[i] ?? 0);
  let code = '';
  for (let i = 0; i < 8; i++) {
    code = (ALPHABET[Number(bits & 31n)] ?? '0') + code;
    bits >>= 5n;
  }
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a person typed, as a code: case, spaces and dashes do not matter; O reads as 0, I and L as 1. */
export function normalizeTrackingCode(input: string): string {
  const clean = input
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return clean.length === 8 ? `${clean.slice(0, 4)}-${clean.slice(4)}` : clean;
}

/** Constant-time comparison of a typed code with the ticket's. */
export function codeMatches(typed: string, expected: string): boolean {
  const a = Buffer.from(normalizeTrackingCode(typed));
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
