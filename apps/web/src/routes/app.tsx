import { createRoute, redirect } from '@tanstack/react-router';
import { LandingPage } from '../features/landing/LandingPage.tsx';
import { ProfilePage } from '../features/profile/ProfilePage.tsx';
import { meQuery } from '../features/session/session.queries.ts';
import { AppLayout } from '../features/shell/AppLayout.tsx';
import { applyLocale } from '../lib/i18n.ts';
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
  component: AppLayout,
});

export const landingRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: LandingPage });

export const profileRoute = createRoute({ getParentRoute: () => appRoute, path: 'profile', component: ProfilePage });
