import type { Locale } from '@ish/shared';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { peopleByIds } from '../identity/index.ts';
import { unclaimedFiles } from './requests.files.ts';

export interface Field {
  key: string;
  type: string;
  labelId: string;
  labelEn: string;
  required?: boolean;
  options?: { value: string; labelId: string; labelEn: string }[];
  min?: number;
  max?: number;
  maxLength?: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
/** A file question is answered with `{ "fileId": … }` from `POST /service-requests/answer-files`. */
const isFileRef = (v: unknown): v is { fileId: number } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && isId((v as { fileId?: unknown }).fileId);

/** Collects one error per answer, in the reader's language; thrown together as FORM_INVALID. */
function formErrors(locale: Locale) {
  const list: FieldError[] = [];
  return {
    add: (key: string, message = 'requests.form.invalid') => list.push({ path: `answers.${key}`, message: t(locale, message) }),
    throwIfAny: () => {
      if (list.length) throw new AppError(400, 'FORM_INVALID', {}, list);
    },
  };
}

/** Checks answers against an item's form: required fields, types, choices and limits; unknown keys are refused. */
export function validateAnswers(form: Field[], answers: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const errors = formErrors(locale);
  for (const key of Object.keys(answers)) if (!form.some((f) => f.key === key)) errors.add(key);
  for (const f of form) {
    const value = answers[f.key];
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (f.required) errors.add(f.key, 'requests.form.required');
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
                  : f.type === 'person'
                    ? isId(value)
                    : f.type === 'file'
                      ? isFileRef(value)
                      : false;
    if (!ok) errors.add(f.key);
  }
  errors.throwIfAny();
  return Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

/**
 * Validated answers as a request keeps them: a person must be an active colleague,
 * and a file must be the orderer's own upload no request has claimed yet (it
 * is kept as its name, size and type). Returns the files to claim.
 */
export async function resolveAnswers(tx: Tx, actor: Actor, form: Field[], input: Record<string, unknown>) {
  const answers = validateAnswers(form, input, actor.locale);
  const errors = formErrors(actor.locale);
  const answered = (type: string) => form.filter((f) => f.type === type && answers[f.key] !== undefined);
  const people = await peopleByIds(
    tx,
    answered('person').map((f) => answers[f.key] as number),
  );
  // Named people are colleagues: active, in the requester's company (as the order form's people search offers).
  for (const f of answered('person')) {
    const person = people.get(answers[f.key] as number);
    if (!person?.active || person.companyId !== actor.companyId) errors.add(f.key);
  }
  const fileFields = answered('file');
  const files = await unclaimedFiles(
    tx,
    actor,
    fileFields.map((f) => (answers[f.key] as { fileId: number }).fileId),
  );
  for (const f of fileFields) {
    const file = files.get((answers[f.key] as { fileId: number }).fileId);
    if (file) answers[f.key] = file;
    else errors.add(f.key, 'requests.form.fileGone');
  }
  errors.throwIfAny();
  return { answers, fileIds: [...files.keys()] };
}
