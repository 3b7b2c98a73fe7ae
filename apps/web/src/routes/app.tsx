import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { meQuery } from '../features/session/session.queries.ts';
import { applyLocale, loadAllNamespaces } from '../lib/i18n.ts';
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
    // The signed-in pages' translations, in the user's language only, fetched once after sign-in.
    await loadAllNamespaces();
    return { me };
  },
  component: lazyRouteComponent(() => import('../features/shell/AppLayout.tsx'), 'AppLayout'),
});

export const landingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: lazyRouteComponent(() => import('../features/landing/LandingPage.tsx'), 'LandingPage'),
});

export const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'profile',
  component: lazyRouteComponent(() => import('../features/profile/ProfilePage.tsx'), 'ProfilePage'),
});
