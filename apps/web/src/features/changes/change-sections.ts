import {
  type Icon,
  IconCalendarEvent,
  IconChecklist,
  IconClipboardList,
  IconFileDescription,
  IconGavel,
  IconListDetails,
  IconSettings,
  IconSnowflake,
  IconTool,
  IconUsersGroup,
} from '@tabler/icons-react';
import type { Me } from '../session/session.queries.ts';

const has = (me: Me, permission: string) => me.permissions.includes(permission as Me['permissions'][number]);

/** Works with changes in some role (or reads reports): the server opens the change screens to them. */
export const worksWithChanges = (me: Me) =>
  ['change:request', 'change:manage', 'change:vote', 'change:implement', 'report:read'].some((p) => has(me, p));

export const mayRaiseChanges = (me: Me) => has(me, 'change:request');
export const managesChanges = (me: Me) => has(me, 'change:manage');

/** The change screens and who sees each tab (the server checks again on every call). */
export const CHANGE_SECTIONS = [
  { code: 'mine', to: '/changes', icon: IconClipboardList, allowed: mayRaiseChanges },
  { code: 'review', to: '/changes/review', icon: IconGavel, allowed: managesChanges },
  { code: 'votes', to: '/changes/votes', icon: IconChecklist, allowed: (me: Me) => has(me, 'change:vote') },
  { code: 'implementation', to: '/changes/implementation', icon: IconTool, allowed: (me: Me) => has(me, 'change:implement') },
  { code: 'all', to: '/changes/all', icon: IconListDetails, allowed: worksWithChanges },
  { code: 'calendar', to: '/changes/calendar', icon: IconCalendarEvent, allowed: worksWithChanges },
  { code: 'meetings', to: '/changes/meetings', icon: IconUsersGroup, allowed: (me: Me) => managesChanges(me) || has(me, 'change:vote') },
  { code: 'templates', to: '/changes/templates', icon: IconFileDescription, allowed: managesChanges },
  { code: 'windows', to: '/changes/windows', icon: IconSnowflake, allowed: managesChanges },
  { code: 'settings', to: '/changes/settings', icon: IconSettings, allowed: managesChanges },
] as const satisfies readonly { code: string; to: string; icon: Icon; allowed: (me: Me) => boolean }[];

export type ChangeSection = (typeof CHANGE_SECTIONS)[number];

export function changeSections(me: Me): ChangeSection[] {
  return CHANGE_SECTIONS.filter((s) => s.allowed(me));
}
