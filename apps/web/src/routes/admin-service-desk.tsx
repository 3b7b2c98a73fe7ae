import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { adminRoute, guard } from './admin.tsx';

export const serviceDeskAdminRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'service-desk',
  beforeLoad: guard('serviceDesk'),
  // The open tab lives in the URL (`?tab=`), so a reload or a shared link lands on it.
  validateSearch: (search: Record<string, unknown>): { tab?: string } => (typeof search.tab === 'string' ? { tab: search.tab } : {}),
  component: lazyRouteComponent(() => import('../features/admin/service-desk/ServiceDeskAdminPage.tsx'), 'ServiceDeskAdminPage'),
});
