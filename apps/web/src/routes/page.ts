import { lazyRouteComponent } from '@tanstack/react-router';
import { loadNamespaces } from '../lib/i18n.ts';

/**
 * A page's component, fetched together with the translation namespaces it reads beyond `common` and
 * `auth` (its module's own and those it borrows keys from, e.g. `tickets:status.*`), in the user's
 * language only. A namespace left off a list still loads when a key of it is first missed (lib/i18n.ts),
 * one render later.
 */
export const page = <T extends Record<string, unknown>, K extends keyof T & string>(
  namespaces: string[],
  importer: () => Promise<T>,
  exportName: K,
) => lazyRouteComponent(async () => (await Promise.all([importer(), loadNamespaces(namespaces)]))[0], exportName);
