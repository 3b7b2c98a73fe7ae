// Typed translation keys: a key missing from the Indonesian (reference) files fails type checking.
import type admin from './locales/id/admin.json';
import type attendance from './locales/id/attendance.json';
import type auth from './locales/id/auth.json';
import type billing from './locales/id/billing.json';
import type catalog from './locales/id/catalog.json';
import type changes from './locales/id/changes.json';
import type channels from './locales/id/channels.json';
import type common from './locales/id/common.json';
import type help from './locales/id/help.json';
import type integrations from './locales/id/integrations.json';
import type knowledge from './locales/id/knowledge.json';
import type landing from './locales/id/landing.json';
import type notifications from './locales/id/notifications.json';
import type problems from './locales/id/problems.json';
import type profile from './locales/id/profile.json';
import type reports from './locales/id/reports.json';
import type sla from './locales/id/sla.json';
import type tickets from './locales/id/tickets.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      admin: typeof admin;
      attendance: typeof attendance;
      auth: typeof auth;
      billing: typeof billing;
      catalog: typeof catalog;
      changes: typeof changes;
      channels: typeof channels;
      common: typeof common;
      help: typeof help;
      knowledge: typeof knowledge;
      integrations: typeof integrations;
      landing: typeof landing;
      notifications: typeof notifications;
      problems: typeof problems;
      profile: typeof profile;
      reports: typeof reports;
      sla: typeof sla;
      tickets: typeof tickets;
    };
  }
}
