import {
  type Icon,
  IconBellRinging,
  IconBook2,
  IconChecklist,
  IconClockExclamation,
  IconGauge,
  IconReceipt2,
  IconTable,
  IconTrendingUp,
  IconUsersGroup,
} from '@tabler/icons-react';
import { lazyRouteComponent, type RouteComponent } from '@tanstack/react-router';
import type { Me } from '../session/session.queries.ts';

const has = (me: Me, permission: string) => me.permissions.includes(permission as Me['permissions'][number]);
const reader = (me: Me) => has(me, 'report:read');

export interface ReportPage {
  /** Also the key of its tab label, `reports:pages.<code>`. */
  code: string;
  /** `/reports/<path>`; '' is the module's first screen. */
  path: string;
  icon: Icon;
  allowed: (me: Me) => boolean;
  /** The page itself, shown under the Reports tabs… */
  component?: RouteComponent;
  /** …or another module's own screen the tab opens (billing's dashboard). */
  href?: '/billing/dashboard';
}

/**
 * The screens of Reports & Analytics, in tab order. Another module lists its
 * report here (one entry: a path, who may open it, its lazily loaded page, and
 * its tab label under `reports:pages`); the routes and tabs follow from this list.
 */
export const REPORT_PAGES = [
  {
    code: 'dashboard',
    path: '',
    icon: IconGauge,
    allowed: reader,
    component: lazyRouteComponent(() => import('./DashboardPage.tsx'), 'DashboardPage'),
  },
  {
    code: 'tickets',
    path: 'tickets',
    icon: IconTable,
    allowed: reader,
    component: lazyRouteComponent(() => import('./RecapPage.tsx'), 'RecapPage'),
  },
  {
    code: 'sla',
    path: 'sla',
    icon: IconClockExclamation,
    allowed: reader,
    component: lazyRouteComponent(() => import('./SlaPage.tsx'), 'SlaPage'),
  },
  {
    code: 'workload',
    path: 'workload',
    icon: IconUsersGroup,
    allowed: reader,
    component: lazyRouteComponent(() => import('./WorkloadPage.tsx'), 'WorkloadPage'),
  },
  {
    code: 'trends',
    path: 'trends',
    icon: IconTrendingUp,
    allowed: reader,
    component: lazyRouteComponent(() => import('./TrendsPage.tsx'), 'TrendsPage'),
  },
  {
    code: 'completed',
    path: 'completed',
    icon: IconChecklist,
    allowed: reader,
    component: lazyRouteComponent(() => import('./CompletedPage.tsx'), 'CompletedPage'),
  },
  {
    code: 'catalog',
    path: 'catalog',
    icon: IconBook2,
    allowed: reader,
    component: lazyRouteComponent(() => import('./CatalogReportPage.tsx'), 'CatalogReportPage'),
  },
  {
    code: 'billing',
    path: 'billing',
    icon: IconReceipt2,
    allowed: (me: Me) => reader(me) && has(me, 'charge:read'),
    href: '/billing/dashboard',
  },
  {
    code: 'subscriptions',
    path: 'subscriptions',
    icon: IconBellRinging,
    allowed: reader,
    component: lazyRouteComponent(() => import('./SubscriptionsPage.tsx'), 'SubscriptionsPage'),
  },
] as const satisfies readonly ReportPage[];

export type ReportPageCode = (typeof REPORT_PAGES)[number]['code'];

export const reportPagesFor = (me: Me) => REPORT_PAGES.filter((p) => p.allowed(me));
/** The page a `/reports/<path>` URL names ('' is the first). */
export const reportPageAt = (path: string | undefined) => REPORT_PAGES.find((p) => p.path === (path ?? ''));
