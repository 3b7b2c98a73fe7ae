import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { forgetSession, meQuery } from './features/session/session.queries.ts';
import { ApiError } from './lib/api-client.ts';
import { routeTree } from './routes/route-tree.ts';

/** A 401 on any call means the session ended (idle or absolute expiry): back to sign-in, then return here. */
function onApiError(error: unknown) {
  if (!(error instanceof ApiError) || error.status !== 401) return;
  forgetSession();
  queryClient.setQueryData(meQuery.queryKey, null);
  const { pathname, searchStr } = router.state.location;
  if (pathname !== '/login') void router.navigate({ to: '/login', search: { redirect: `${pathname}${searchStr}` } });
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      // Client errors (4xx) will not heal by asking again.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

export const router = createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent', scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
