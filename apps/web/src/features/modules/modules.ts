import { type Icon, IconBook2, IconChartBar, IconHeadset, IconReceipt2, IconShieldCog, IconUserCircle } from '@tabler/icons-react';
import type { ModuleCode } from '../session/session.queries.ts';

interface ModuleEntry {
  code: ModuleCode;
  to: string;
  icon: Icon;
}

/** Landing tiles and navigation entries in display order; the server's `me.modules` says which are shown. */
export const MODULES: readonly ModuleEntry[] = [
  { code: 'core', to: '/profile', icon: IconUserCircle },
  { code: 'service_desk', to: '/service-desk', icon: IconHeadset },
  { code: 'catalog', to: '/catalog', icon: IconBook2 },
  { code: 'billing', to: '/billing', icon: IconReceipt2 },
  { code: 'reports', to: '/reports', icon: IconChartBar },
  { code: 'administration', to: '/admin', icon: IconShieldCog },
];
