import type { Locale } from '@ish/shared';
import { messages as platform } from './platform.messages.ts';

export type Bundle = { id: Record<string, string>; en: Record<string, string> };

/**
 * The server's messages: the platform's own, plus every module's bundle,
 * registered by the composition root (`src/messages.ts`), so the platform
 * never imports a module.
 */
export const bundles: Record<string, Bundle> = { platform };

export const catalog: Record<Locale, Record<string, string>> = { id: { ...platform.id }, en: { ...platform.en } };

/** Adds a module's messages; `scripts/check-i18n.ts` checks both languages hold the same keys. */
export function registerMessages(name: string, bundle: Bundle): void {
  bundles[name] = bundle;
  Object.assign(catalog.id, bundle.id);
  Object.assign(catalog.en, bundle.en);
}
