import { messages as approvals } from './modules/approvals/index.ts';
import { messages as attendance } from './modules/attendance/index.ts';
import { messages as billing } from './modules/billing/index.ts';
import { messages as calendars } from './modules/calendars/index.ts';
import { messages as serviceCatalog } from './modules/catalog/index.ts';
import { messages as changes } from './modules/changes/index.ts';
import { messages as charges } from './modules/charges/index.ts';
import { messages as contacts } from './modules/contacts/index.ts';
import { messages as identity } from './modules/identity/index.ts';
import { messages as intake } from './modules/intake/index.ts';
import { messages as knowledge } from './modules/knowledge/index.ts';
import { messages as mailIntake } from './modules/mail-intake/index.ts';
import { messages as notifications } from './modules/notifications/index.ts';
import { messages as org } from './modules/org/index.ts';
import { messages as problems } from './modules/problems/index.ts';
import { messages as reports } from './modules/reports/index.ts';
import { messages as requests } from './modules/requests/index.ts';
import { messages as settings } from './modules/settings/index.ts';
import { messages as sla } from './modules/sla/index.ts';
import { messages as surveys } from './modules/surveys/index.ts';
import { documentMessages as documents, messages as tickets } from './modules/tickets/index.ts';
import { messages as webhooks } from './modules/webhooks/index.ts';
import { type Bundle, bundles, registerMessages } from './platform/i18n/catalog.ts';

/** Every module's server-side messages, registered with the platform's catalog when the process composes itself. */
const modules: Record<string, Bundle> = {
  identity,
  tickets,
  notifications,
  sla,
  calendars,
  settings,
  org,
  documents,
  serviceCatalog,
  requests,
  approvals,
  charges,
  billing,
  knowledge,
  problems,
  contacts,
  intake,
  surveys,
  mailIntake,
  reports,
  attendance,
  changes,
  webhooks,
};
for (const [name, bundle] of Object.entries(modules)) registerMessages(name, bundle);

export { bundles };
