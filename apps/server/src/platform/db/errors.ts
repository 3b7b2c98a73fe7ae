import { AppError } from '../http/errors.ts';

/** Turns a unique-constraint violation into 409 CODE_TAKEN; anything else is rethrown as it is. */
export async function uniquely<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const cause = (error as { cause?: { code?: string }; code?: string }).cause ?? (error as { code?: string });
    if (cause.code === '23505') throw new AppError(409, 'CODE_TAKEN');
    throw error;
  }
}
