import { DEFAULT_LOCALE, isLocale, type Locale } from '@ish/shared';
import { catalog } from './catalog.ts';

export type Messages = Record<string, string>;
export type Params = Record<string, string | number>;

/** Translates `key` for `locale`, filling `{name}` placeholders; unknown keys fall back to `id`, then the key. */
export function t(locale: Locale, key: string, params: Params = {}): string {
  const template = catalog[locale][key] ?? catalog[DEFAULT_LOCALE][key] ?? key;
  // Labels (a status on every row of a list) have no placeholders: no pattern to run.
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function hasMessage(key: string): boolean {
  return key in catalog[DEFAULT_LOCALE];
}

/** Picks the first supported language from an Accept-Language header. */
export function localeFromHeader(header: string | undefined): Locale {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return DEFAULT_LOCALE;
}
