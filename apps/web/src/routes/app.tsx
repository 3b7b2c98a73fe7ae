import { createRoute, redirect } from '@tanstack/react-router';
import { meQuery } from '../features/session/session.queries.ts';
import { applyLocale } from '../lib/i18n.ts';
import { page } from './page.ts';
import { rootRoute } from './root.tsx';

/** Everything behind sign-in; children read the user from `context.me`. */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/login', search: { redirect: location.href } });
    // The saved language follows the user to every browser.
    await applyLocale(me.user.locale);
    return { me };
  },
  // The shell's own translations (the bell); each page brings its namespaces (./page.ts).
  component: page(['notifications'], () => import('../features/shell/AppLayout.tsx'), 'AppLayout'),
});

export const landingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  // `denied`: the page the user was sent back from, so the landing page can say why.
  validateSearch: (search: Record<string, unknown>): { denied?: string } => ({
    denied: typeof search.denied === 'string' && search.denied.startsWith('/') ? search.denied.slice(0, 200) : undefined,
  }),
  component: page(['landing', 'attendance', 'reports'], () => import('../features/landing/LandingPage.tsx'), 'LandingPage'),
});

/** Back to the landing page from a page the server would refuse anyway, saying which one (never silently). */
export const denied = (location: { pathname: string }) => redirect({ to: '/', search: { denied: location.pathname } });

/** Any other address, for a signed-in user: "not found" inside the shell, with the navigation (issue 16 point 9). */
export const notFoundRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '$',
  component: page([], () => import('../features/shell/NotFoundPage.tsx'), 'NotFoundPage'),
});

export const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'profile',
  component: page(
    ['profile', 'integrations', 'attendance', 'notifications'],
    () => import('../features/profile/ProfilePage.tsx'),
    'ProfilePage',
  ),
});
