import { AppError } from '../http/errors.ts';

/** Is this PostgreSQL's unique-constraint violation (23505), directly or as a driver error's cause? */
export function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string }; code?: string }).cause ?? (error as { code?: string });
  return cause?.code === '23505';
}

/** Turns a unique-constraint violation into 409 CODE_TAKEN; anything else is rethrown as it is. */
export async function uniquely<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(409, 'CODE_TAKEN');
    throw error;
  }
}

/** Socket errors and PostgreSQL's "going away / not accepting connections" states (class 08 and 57P01–57P03). */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
];

/**
 * Whether an error means the database cannot be reached right now (restart,
 * failover, network), as opposed to a bug or bad data. Follows `cause` chains
 * (drizzle wraps the driver's error) and aggregate errors (several addresses).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((re) => re.test(e.message as string))) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/**
 * PostgreSQL refusing a value the request carried: a data exception (class
 * 22: a number out of range, a date that does not exist, malformed text for a
 * type), a reference to a row that does not exist (23503) or a value a check
 * constraint forbids (23514). The caller gets 400, not 500.
 */
export function isBadInputForDatabase(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (/^22[0-9A-Z]{3}$/.test(e.code) || e.code === '23503' || e.code === '23514')) return true;
  return isBadInputForDatabase(e.cause, depth + 1);
}
