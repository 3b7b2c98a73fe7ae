import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { applyLocale, hasChosenLocale, loadNamespaces } from '../lib/i18n.ts';
import { rootRoute } from './root.tsx';

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** The pages for the public: no session; Indonesian unless this browser chose English. */
export const publicPagesRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'public-pages',
  beforeLoad: async () => {
    if (!hasChosenLocale()) await applyLocale('id');
    await loadNamespaces(['channels']);
  },
  component: lazyRouteComponent(() => import('../features/public/PublicLayout.tsx'), 'PublicLayout'),
});

export const reportRoute = createRoute({
  getParentRoute: () => publicPagesRoute,
  path: 'report/$slug',
  component: lazyRouteComponent(() => import('../features/public/ReportPage.tsx'), 'ReportPage'),
});

const trackSearch = (search: Record<string, unknown>): { code?: string; number?: string } => ({
  code: text(search.code),
  number: text(search.number),
});
export const trackLookupRoute = createRoute({
  getParentRoute: () => publicPagesRoute,
  path: 'track',
  validateSearch: trackSearch,
  component: lazyRouteComponent(() => import('../features/public/TrackPage.tsx'), 'TrackPage'),
});
export const trackRoute = createRoute({
  getParentRoute: () => publicPagesRoute,
  path: 'track/$number',
  validateSearch: trackSearch,
  component: lazyRouteComponent(() => import('../features/public/TrackPage.tsx'), 'TrackPage'),
});

export const surveyRoute = createRoute({
  getParentRoute: () => publicPagesRoute,
  path: 'survey/$token',
  component: lazyRouteComponent(() => import('../features/public/SurveyPage.tsx'), 'SurveyPage'),
});

export const verifyEmailRoute = createRoute({
  getParentRoute: () => publicPagesRoute,
  path: 'verify-email',
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({ token: text(search.token) }),
  component: lazyRouteComponent(() => import('../features/public/VerifyEmailPage.tsx'), 'VerifyEmailPage'),
});

export const publicPageRoutes = publicPagesRoute.addChildren([reportRoute, trackLookupRoute, trackRoute, surveyRoute, verifyEmailRoute]);
