import { i18n } from './i18n.ts';

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** Which of our messages answers the browser's complaint about a field, if any. */
function problem(field: Field): { key: string; params?: Record<string, string | number> } | null {
  const v = field.validity;
  if (v.valueMissing) return { key: 'required' };
  if (v.typeMismatch) return { key: field.type === 'email' ? 'email' : 'format' };
  if (v.tooShort && 'minLength' in field) return { key: 'tooShort', params: { count: field.minLength } };
  if (v.tooLong && 'maxLength' in field) return { key: 'tooLong', params: { count: field.maxLength } };
  if (v.rangeUnderflow) return { key: 'min', params: { min: field.getAttribute('min') ?? '' } };
  if (v.rangeOverflow) return { key: 'max', params: { max: field.getAttribute('max') ?? '' } };
  if (v.patternMismatch || v.stepMismatch || v.badInput) return { key: 'format' };
  return null;
}

/**
 * The browser's own validation bubbles ("Please fill out this field.") speak the
 * browser's language; this makes them speak the app's. The message is set while
 * the browser reports the field and cleared right after, so a field filled in by
 * script (a select, a date picker) never stays blocked by an old message.
 */
export function translateNativeValidation(root: Document = document) {
  root.addEventListener(
    'invalid',
    (event) => {
      const field = event.target;
      if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement)) return;
      field.setCustomValidity('');
      const found = problem(field);
      if (!found) return;
      field.setCustomValidity(String(i18n.t(`common:validation.${found.key}` as never, found.params as never)));
      setTimeout(() => field.setCustomValidity(''), 0);
    },
    true,
  );
}
