import type { UseFormReturnType } from '@mantine/form';
import { ApiError } from '../lib/api-client.ts';

/** Puts the server's field errors (`errors[].path`) on the matching inputs and focuses the first one. */
export function applyServerErrors<V extends Record<string, unknown>>(form: UseFormReturnType<V>, error: unknown): void {
  if (!(error instanceof ApiError)) return;
  const fields = Object.keys(form.getValues());
  const matched = error.errors.filter((e) => fields.includes(e.path.split('.')[0] ?? ''));
  form.setErrors(Object.fromEntries(matched.map((e) => [e.path.split('.')[0], e.message])));
  const first = matched[0]?.path.split('.')[0];
  if (first) form.getInputNode(first as never)?.focus();
}
