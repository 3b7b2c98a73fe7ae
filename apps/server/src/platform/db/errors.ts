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
