import { createRoute } from '@tanstack/react-router';
import { PublicLayout } from '../features/public/PublicLayout.tsx';
import { ReportPage } from '../features/public/ReportPage.tsx';
import { SurveyPage } from '../features/public/SurveyPage.tsx';
import { TrackPage } from '../features/public/TrackPage.tsx';
import { VerifyEmailPage } from '../features/public/VerifyEmailPage.tsx';
import { applyLocale, hasChosenLocale } from '../lib/i18n.ts';
import { rootRoute } from './root.tsx';

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/** The pages for the public: no session; Indonesian unless this browser chose English. */
export const publicPagesRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'public-pages',
  beforeLoad: async () => {
    if (!hasChosenLocale()) await applyLocale('id');
  },
  component: PublicLayout,
});

export const reportRoute = createRoute({ getParentRoute: () => publicPagesRoute, path: 'report/$slug', component: ReportPage });

const trackSearch = (search: Record<string, unknown>): { code?: string; number?: string } => ({
  code: text(search.code),
  number: text(search.number),
});
export const trackLookupRoute = createRoute({
  getParentRoute: () => publicPagesRoute,
  path: 'track',
  validateSearch: trackSearch,
  component: TrackPage,
});
export const trackRoute = createRoute({
  getParentRoute: () => publicPagesRoute,
  path: 'track/$number',
  validateSearch: trackSearch,
  component: TrackPage,
});

export const surveyRoute = createRoute({ getParentRoute: () => publicPagesRoute, path: 'survey/$token', component: SurveyPage });

export const verifyEmailRoute = createRoute({
  getParentRoute: () => publicPagesRoute,
  path: 'verify-email',
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({ token: text(search.token) }),
  component: VerifyEmailPage,
});

export const publicPageRoutes = publicPagesRoute.addChildren([reportRoute, trackLookupRoute, trackRoute, surveyRoute, verifyEmailRoute]);
