import type { Locale } from '@ish/shared';
import type { z } from 'zod';
import { hasMessage, t } from '../i18n/i18n.ts';
import { AppError } from './errors.ts';

/**
 * Validates input that did not come through a route's schema (the text fields
 * of a multipart form) and refuses it like a route would: 400 VALIDATION_FAILED
 * with a translated message per field.
 */
export function parseFields<T extends z.ZodType>(schema: T, input: unknown, locale: Locale): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const i = issue as { code: string; message: string; minimum?: unknown; maximum?: unknown; expected?: unknown; format?: unknown };
    if (hasMessage(`errors.${i.message}`)) return { path, message: i.message };
    const key =
      i.code === 'invalid_type' && /undefined/.test(i.message)
        ? 'validation.required'
        : hasMessage(`validation.${i.code}`)
          ? `validation.${i.code}`
          : 'validation.custom';
    const params = {
      minimum: String(i.minimum ?? ''),
      maximum: String(i.maximum ?? ''),
      expected: String(i.expected ?? ''),
      format: String(i.format ?? ''),
    };
    return { path, message: t(locale, key, params) };
  });
  throw new AppError(400, 'VALIDATION_FAILED', {}, errors);
}
