export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'id';
export const DEFAULT_TIME_ZONE = 'Asia/Jakarta';
/** Indonesian zones a company may use (WIB, WITA, WIT). */
export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
/** How Indonesians name their zones on paper (`14.05 WIB`). */
export const TIME_ZONE_ABBREVIATIONS: Record<(typeof TIME_ZONES)[number], string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
