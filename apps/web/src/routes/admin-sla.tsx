import { createRoute } from '@tanstack/react-router';
import { adminRoute, guard } from './admin.tsx';
import { page } from './page.ts';

/** What these pages read besides common and auth. */
const NAMESPACES = ['sla', 'tickets', 'notifications'];

/** The open tab lives in the URL (`?tab=`), so a reload or a shared link lands on it. */
const tabSearch = (search: Record<string, unknown>): { tab?: string } => (typeof search.tab === 'string' ? { tab: search.tab } : {});

export const slaAdminRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'sla',
  beforeLoad: guard('sla'),
  validateSearch: tabSearch,
  component: page(NAMESPACES, () => import('../features/admin/sla/SlaPage.tsx'), 'SlaPage'),
});
export const notificationsAdminRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'notifications',
  beforeLoad: guard('notifications'),
  validateSearch: tabSearch,
  component: page(NAMESPACES, () => import('../features/admin/notifications/NotificationsPage.tsx'), 'NotificationsPage'),
});
