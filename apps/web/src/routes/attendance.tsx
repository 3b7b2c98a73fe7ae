import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from './app.tsx';

export const attendanceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'attendance',
  validateSearch: (s: Record<string, unknown>) => (typeof s.tab === 'string' ? { tab: s.tab } : {}),
  component: lazyRouteComponent(() => import('../features/attendance/AttendancePage.tsx'), 'AttendancePage'),
});
