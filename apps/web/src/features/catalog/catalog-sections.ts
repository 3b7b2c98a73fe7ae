import {
  type Icon,
  IconBook2,
  IconChartBar,
  IconChecklist,
  IconClipboardList,
  IconGavel,
  IconHierarchy2,
  IconPackage,
} from '@tabler/icons-react';
import type { Me } from '../session/session.queries.ts';

const has = (me: Me, permission: string) => me.permissions.includes(permission as Me['permissions'][number]);

/**
 * The Service Catalog screens and who sees each tab: holders of the permission its routes declare (the server
 * decides which records, and checks again on every call).
 */
export const CATALOG_SECTIONS = [
  { code: 'browse', to: '/catalog', icon: IconBook2, allowed: (me: Me) => has(me, 'catalog:browse') },
  { code: 'requests', to: '/catalog/requests', icon: IconClipboardList, allowed: () => true },
  { code: 'approvals', to: '/catalog/approvals', icon: IconChecklist, allowed: (me: Me) => has(me, 'request:approve') },
  { code: 'provide', to: '/catalog/provide', icon: IconPackage, allowed: (me: Me) => has(me, 'catalog:provide') },
  { code: 'review', to: '/catalog/review', icon: IconGavel, allowed: (me: Me) => has(me, 'catalog:approve') },
  { code: 'chain', to: '/catalog/chain', icon: IconHierarchy2, allowed: (me: Me) => has(me, 'settings:manage') || has(me, 'user:manage') },
  { code: 'gaps', to: '/catalog/gaps', icon: IconChartBar, allowed: (me: Me) => has(me, 'ticket:lead') || has(me, 'report:read') },
] as const satisfies readonly { code: string; to: string; icon: Icon; allowed: (me: Me) => boolean }[];

export type CatalogSection = (typeof CATALOG_SECTIONS)[number];

export function catalogSections(me: Me): CatalogSection[] {
  return CATALOG_SECTIONS.filter((s) => s.allowed(me));
}
