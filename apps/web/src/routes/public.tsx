import { createRoute, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { AuthLayout } from '../features/auth/AuthLayout.tsx';
import { mayHaveSession, meQuery } from '../features/session/session.queries.ts';
import { rootRoute } from './root.tsx';

/** Only same-site paths are followed after sign-in (no open redirect). */
const safePath = (value: unknown) => (typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : undefined);

export const publicRoute = createRoute({ getParentRoute: () => rootRoute, id: 'public', component: AuthLayout });

export const loginRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string; sso?: string } => ({
    redirect: safePath(search.redirect),
    // A refused single sign-on comes back with its problem code.
    sso: typeof search.sso === 'string' && /^[A-Z_]{1,40}$/.test(search.sso) ? search.sso : undefined,
  }),
  beforeLoad: async ({ context, search }) => {
    if (mayHaveSession() && (await context.queryClient.ensureQueryData(meQuery))) throw redirect({ to: search.redirect ?? '/' });
  },
  component: lazyRouteComponent(() => import('../features/auth/LoginPage.tsx'), 'LoginPage'),
});

export const forgotPasswordRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'forgot-password',
  component: lazyRouteComponent(() => import('../features/auth/ForgotPasswordPage.tsx'), 'ForgotPasswordPage'),
});

export const resetPasswordRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'reset-password',
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({
    token: typeof search.token === 'string' ? search.token : undefined,
  }),
  component: lazyRouteComponent(() => import('../features/auth/ResetPasswordPage.tsx'), 'ResetPasswordPage'),
});
