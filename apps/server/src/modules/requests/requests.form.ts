import type { Locale } from '@ish/shared';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';

interface Field {
  key: string;
  type: string;
  required?: boolean;
  options?: { value: string }[];
  min?: number;
  max?: number;
  maxLength?: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks answers against an item's form: required fields, types, choices and limits; unknown keys are refused. */
export function validateAnswers(form: Field[], answers: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const errors: FieldError[] = [];
  const bad = (key: string, message = 'requests.form.invalid') => errors.push({ path: `answers.${key}`, message: t(locale, message) });
  for (const key of Object.keys(answers)) if (!form.some((f) => f.key === key)) bad(key);
  for (const f of form) {
    const value = answers[f.key];
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (f.required) bad(f.key, 'requests.form.required');
      continue;
    }
    const options = (f.options ?? []).map((o) => o.value);
    const ok =
      f.type === 'short_text' || f.type === 'long_text'
        ? typeof value === 'string' && value.length <= (f.maxLength ?? (f.type === 'short_text' ? 200 : 5000))
        : f.type === 'number'
          ? typeof value === 'number' &&
            Number.isFinite(value) &&
            (f.min === undefined || value >= f.min) &&
            (f.max === undefined || value <= f.max)
          : f.type === 'date'
            ? typeof value === 'string' && ISO_DATE.test(value)
            : f.type === 'choice'
              ? typeof value === 'string' && options.includes(value)
              : f.type === 'multi_choice'
                ? Array.isArray(value) && value.every((v) => typeof v === 'string' && options.includes(v))
                : f.type === 'checkbox'
                  ? typeof value === 'boolean'
                  : f.type === 'person' || f.type === 'file'
                    ? typeof value === 'number' && Number.isInteger(value) && value > 0
                    : false;
    if (!ok) bad(f.key);
  }
  if (errors.length) throw new AppError(400, 'FORM_INVALID', {}, errors);
  return answers;
}
