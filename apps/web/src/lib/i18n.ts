import { DEFAULT_LOCALE, isLocale, type Locale } from '@ish/shared';
import dayjs from 'dayjs';
import 'dayjs/locale/id';
import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';

const STORAGE_KEY = 'ish.locale';

// Every src/locales/<lang>/<namespace>.json is namespace <namespace> of <lang>, a chunk of its own fetched when first needed:
// the sign-in page's at start, each page's with its code (routes/page.ts).
const files = import.meta.glob<{ default: Record<string, unknown> }>('../locales/*/*.json');

const lazyFiles: BackendModule = {
  type: 'backend',
  init: () => {},
  read: (lang, ns, done) => {
    const load = files[`../locales/${lang}/${ns}.json`];
    if (!load) return done(null, {});
    load().then(
      (module) => done(null, module.default),
      (error: unknown) => done(error instanceof Error ? error.message : String(error), false),
    );
  },
};

/** The language kept before sign-in: the last choice on this browser, else the browser's own when it is one of ours. */
function initialLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  const browser = navigator.language.slice(0, 2);
  return isLocale(browser) ? browser : DEFAULT_LOCALE;
}

export const i18n = i18next.createInstance();
/** Resolves when the sign-in page's namespaces (common, auth) of the initial language are there: render after it. */
export const i18nReady = i18n
  .use(lazyFiles)
  .use(initReactI18next)
  .init({
    lng: initialLocale(),
    fallbackLng: DEFAULT_LOCALE,
    defaultNS: 'common',
    ns: ['common', 'auth'],
    interpolation: { escapeValue: false },
    // A key of a namespace no page list named (`t('tickets:…')` from a shared component) fetches that
    // namespace, and components re-render when it arrives instead of showing keys.
    saveMissing: true,
    missingKeyHandler: (_languages, namespace) => void i18n.loadNamespaces(namespace),
    react: { bindI18n: 'languageChanged loaded' },
  });

/** Fetches namespaces of the current language (and the fallback) that are not there yet. */
export const loadNamespaces = async (namespaces: string[]) => {
  await i18n.loadNamespaces(namespaces);
};

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
