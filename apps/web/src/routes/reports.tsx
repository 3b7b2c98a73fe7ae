import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { REPORT_PAGES, reportPageAt } from '../features/reports/report-pages.ts';
import { parseReportSearch } from '../features/reports/report-search.ts';
import { appRoute } from './app.tsx';

// Reports & Analytics: the first page at /reports, every other registered page at /reports/<path>;
// period and filters live in the URL.

export const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'reports',
  beforeLoad: ({ context }) => {
    if (!REPORT_PAGES.some((p) => p.allowed(context.me))) throw redirect({ to: '/' });
  },
  component: lazyRouteComponent(() => import('../features/reports/ReportsLayout.tsx'), 'ReportsLayout'),
});

const firstPage = reportPageAt('');

export const reportsIndexRoute = createRoute({
  getParentRoute: () => reportsRoute,
  path: '/',
  validateSearch: parseReportSearch,
  component: firstPage && 'component' in firstPage ? firstPage.component : undefined,
});

export const reportPageRoute = createRoute({
  getParentRoute: () => reportsRoute,
  path: '$page',
  validateSearch: parseReportSearch,
  beforeLoad: ({ context, params }) => {
    const page = reportPageAt(params.page);
    if (!page?.path || !page.allowed(context.me)) throw redirect({ to: '/reports' });
    if ('href' in page && page.href) throw redirect({ to: page.href });
  },
  component: function ReportPage() {
    const { page } = reportPageRoute.useParams();
    const found = reportPageAt(page);
    const Page = found && 'component' in found ? found.component : undefined;
    return Page ? <Page /> : null;
  },
});

export const reportRoutes = reportsRoute.addChildren([reportsIndexRoute, reportPageRoute]);
