import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app.tsx';
import { page } from './page.ts';

/** What these pages read besides common and auth. */
const NAMESPACES = ['attendance', 'reports', 'tickets'];

export const attendanceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'attendance',
  validateSearch: (s: Record<string, unknown>) => (typeof s.tab === 'string' ? { tab: s.tab } : {}),
  component: page(NAMESPACES, () => import('../features/attendance/AttendancePage.tsx'), 'AttendancePage'),
});
