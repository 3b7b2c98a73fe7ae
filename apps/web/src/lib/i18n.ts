import { DEFAULT_LOCALE, isLocale, type Locale } from '@ish/shared';
import dayjs from 'dayjs';
import 'dayjs/locale/id';
import i18next, { type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';

const STORAGE_KEY = 'ish.locale';

// Every src/locales/<lang>/<namespace>.json becomes namespace <namespace> of <lang>.
const files = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json', { eager: true });
const resources: Resource = {};
for (const [path, module] of Object.entries(files)) {
  const [, lang, ns] = /locales\/(\w+)\/(\w+)\.json$/.exec(path) ?? [];
  if (lang && ns) resources[lang] = { ...resources[lang], [ns]: module.default };
}

/** The language kept before sign-in: the last choice on this browser, else the browser's own when it is one of ours. */
function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  const browser = navigator.language.slice(0, 2);
  return isLocale(browser) ? browser : DEFAULT_LOCALE;
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: initialLocale(),
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: 'common',
  ns: Object.keys(resources[DEFAULT_LOCALE] ?? {}),
  interpolation: { escapeValue: false },
  initAsync: false,
});

/** Has this browser chosen a language (the switch, or a signed-in user's profile)? */
export const hasChosenLocale = () => isLocale(localStorage.getItem(STORAGE_KEY));

/** Switches the UI language, remembers it on this browser and keeps dayjs and <html lang> in step. */
export async function applyLocale(locale: Locale): Promise<void> {
  localStorage.setItem(STORAGE_KEY, locale);
  dayjs.locale(locale);
  document.documentElement.lang = locale;
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

dayjs.locale(currentLocale());
document.documentElement.lang = currentLocale();
