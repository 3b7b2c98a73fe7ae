import { z } from 'zod';

/**
 * Abuse protection of a public form, tuned by the Administrator. Everything it
 * counts lives in PostgreSQL, so several server processes agree.
 */
export const protectionSchema = z.strictObject({
  /** Seconds between fetching the form (its signed token) and submitting it; bots are faster. */
  minFillSeconds: z.number().int().min(0).max(600),
  /** A token older than this is refused (fetch the form again). */
  tokenMaxAgeMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  /** Submissions from one IP address in an hour. */
  perIpPerHour: z.number().int().min(1).max(1000),
  /** Reports from one phone number in a day. */
  perPhonePerDay: z.number().int().min(1).max(100),
  /** After this many reports from one IP in an hour, each further one needs a proof of work. */
  challengeAfter: z.number().int().min(0).max(100),
  /** The proof of work: leading zero bits of SHA-256(token:nonce), about 2^bits hashes in the browser. */
  challengeBits: z.number().int().min(8).max(24),
});
export type Protection = z.infer<typeof protectionSchema>;

export const PROTECTION_DEFAULTS: Protection = {
  minFillSeconds: 3,
  tokenMaxAgeMinutes: 120,
  perIpPerHour: 10,
  perPhonePerDay: 5,
  challengeAfter: 3,
  challengeBits: 16,
};

export const protectionOf = (stored: Partial<Protection>): Protection => ({ ...PROTECTION_DEFAULTS, ...stored });
