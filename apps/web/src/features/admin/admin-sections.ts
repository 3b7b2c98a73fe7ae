import {
  type Icon,
  IconBell,
  IconBroadcast,
  IconBuildingCommunity,
  IconClockHour4,
  IconDatabaseExport,
  IconFileImport,
  IconHeadset,
  IconHistory,
  IconPlugConnected,
  IconSettings,
  IconUsers,
} from '@tabler/icons-react';
import type { Me } from '../session/session.queries.ts';

/** The administration screens and which `me.can` flag opens each (the server checks again on every call). */
export const ADMIN_SECTIONS = [
  { code: 'users', to: '/admin/users', icon: IconUsers, allowed: (me: Me) => me.can.manageUsers },
  { code: 'org', to: '/admin/org', icon: IconBuildingCommunity, allowed: (me: Me) => me.can.manageOrganisation },
  { code: 'import', to: '/admin/import', icon: IconFileImport, allowed: (me: Me) => me.can.manageOrganisation || me.can.manageUsers },
  { code: 'settings', to: '/admin/settings', icon: IconSettings, allowed: (me: Me) => me.can.manageSettings },
  { code: 'serviceDesk', to: '/admin/service-desk', icon: IconHeadset, allowed: (me: Me) => me.can.manageOrganisationSettings },
  { code: 'sla', to: '/admin/sla', icon: IconClockHour4, allowed: (me: Me) => me.can.manageSettings },
  { code: 'notifications', to: '/admin/notifications', icon: IconBell, allowed: (me: Me) => me.can.manageOrganisationSettings },
  { code: 'channels', to: '/admin/channels', icon: IconBroadcast, allowed: (me: Me) => me.can.manageSettings },
  { code: 'audit', to: '/admin/audit', icon: IconHistory, allowed: (me: Me) => me.can.readAudit },
  { code: 'backups', to: '/admin/backups', icon: IconDatabaseExport, allowed: (me: Me) => me.can.manageOrganisationSettings },
  {
    code: 'integrations',
    to: '/admin/integrations',
    icon: IconPlugConnected,
    allowed: (me: Me) => me.can.manageSettings || me.can.manageWebhooks,
  },
] as const satisfies readonly { code: string; to: string; icon: Icon; allowed: (me: Me) => boolean }[];

export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export function adminSections(me: Me): AdminSection[] {
  return ADMIN_SECTIONS.filter((s) => s.allowed(me));
}
