import { createRoute, redirect } from '@tanstack/react-router';
import { parseReportSearch } from '../features/reports/report-search.ts';
import { appRoute } from './app.tsx';
import { page } from './page.ts';

/** What these pages read besides common and auth. */
const NAMESPACES = ['reports', 'tickets'];
// The page list (with its icons) is fetched by the guards and the pages, not carried in the entry the sign-in page loads.
const pages = () => import('../features/reports/report-pages.ts');

// Reports & Analytics: the first page at /reports, every other registered page at /reports/<path>;
// period and filters live in the URL.

export const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'reports',
  beforeLoad: async ({ context }) => {
    const { REPORT_PAGES } = await pages();
    if (!REPORT_PAGES.some((p) => p.allowed(context.me))) throw redirect({ to: '/' });
  },
  component: page(NAMESPACES, () => import('../features/reports/ReportsLayout.tsx'), 'ReportsLayout'),
});

export const reportsIndexRoute = createRoute({
  getParentRoute: () => reportsRoute,
  path: '/',
  validateSearch: parseReportSearch,
  component: page(NAMESPACES, () => import('../features/reports/ReportPageView.tsx'), 'FirstReportPage'),
});

export const reportPageRoute = createRoute({
  getParentRoute: () => reportsRoute,
  path: '$page',
  validateSearch: parseReportSearch,
  beforeLoad: async ({ context, params }) => {
    const found = (await pages()).reportPageAt(params.page);
    if (!found?.path || !found.allowed(context.me)) throw redirect({ to: '/reports' });
    if ('href' in found && found.href) throw redirect({ to: found.href });
  },
  component: page(NAMESPACES, () => import('../features/reports/ReportPageView.tsx'), 'RegisteredReportPage'),
});

export const reportRoutes = reportsRoute.addChildren([reportsIndexRoute, reportPageRoute]);
