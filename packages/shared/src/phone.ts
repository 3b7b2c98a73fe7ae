/**
 * A phone number in E.164 form, read the way Indonesians write them:
 * `0812-3456-7890`, `(0752) 21234`, `62812…` and `+62 812…` all become
 * `+62…`; numbers of other countries must carry their `+`. Returns null when
 * the input is not a plausible number (Indonesian numbers have 8 to 13 digits
 * after the country code, E.164 at most 15 digits in all).
 */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  let national: string;
  if (trimmed.startsWith('+')) {
    if (!digits.startsWith('62')) return digits.length >= 8 && digits.length <= 15 && !digits.startsWith('0') ? `+${digits}` : null;
    national = digits.slice(2);
  } else if (digits.startsWith('62')) national = digits.slice(2);
  else if (digits.startsWith('0')) national = digits.slice(1);
  else if (digits.startsWith('8')) national = digits;
  else return null;
  if (national.startsWith('0')) national = national.slice(1);
  if (national.length < 8 || national.length > 13) return null;
  return `+62${national}`;
}
