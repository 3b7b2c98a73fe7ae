import type { Locale } from '@ish/shared';
import { messages as serviceCatalog } from '../../modules/catalog/catalog.messages.ts';
import { messages as charges } from '../../modules/charges/charges.messages.ts';
import { messages as identity } from '../../modules/identity/identity.messages.ts';
import { messages as notifications } from '../../modules/notifications/notifications.messages.ts';
import { messages as org } from '../../modules/org/org.messages.ts';
import { messages as requests } from '../../modules/requests/requests.messages.ts';
import { messages as settings } from '../../modules/settings/settings.messages.ts';
import { messages as sla } from '../../modules/sla/sla.messages.ts';
import { messages as documents } from '../../modules/tickets/documents.messages.ts';
import { messages as tickets } from '../../modules/tickets/tickets.messages.ts';
import { messages as platform } from './platform.messages.ts';

type Bundle = { id: Record<string, string>; en: Record<string, string> };

/** Every module's server-side messages; `scripts/check-i18n.ts` checks both languages hold the same keys. */
export const bundles: Record<string, Bundle> = {
  platform,
  identity,
  tickets,
  notifications,
  sla,
  settings,
  org,
  documents,
  serviceCatalog,
  requests,
  charges,
};

export const catalog: Record<Locale, Record<string, string>> = {
  id: Object.assign({}, ...Object.values(bundles).map((b) => b.id)),
  en: Object.assign({}, ...Object.values(bundles).map((b) => b.en)),
};
