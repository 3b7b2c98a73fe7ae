import { createRoute } from '@tanstack/react-router';
import { adminRoute, guard } from './admin.tsx';
import { page } from './page.ts';

/** What these pages read besides common and auth. */
const NAMESPACES = ['tickets'];

export const serviceDeskAdminRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'service-desk',
  beforeLoad: guard('serviceDesk'),
  // The open tab lives in the URL (`?tab=`), so a reload or a shared link lands on it.
  validateSearch: (search: Record<string, unknown>): { tab?: string } => (typeof search.tab === 'string' ? { tab: search.tab } : {}),
  component: page(NAMESPACES, () => import('../features/admin/service-desk/ServiceDeskAdminPage.tsx'), 'ServiceDeskAdminPage'),
});
