import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { parseWorkspaceSearch } from '../features/tickets/workspace-search.ts';
import { appRoute } from './app.tsx';

export const workspaceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'service-desk',
  // Queue, filters, sort and page live in the URL: shareable, and what a saved view stores.
  validateSearch: parseWorkspaceSearch,
  component: lazyRouteComponent(() => import('../features/tickets/WorkspacePage.tsx'), 'WorkspacePage'),
});
export const newTicketRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'tickets/new',
  // `title`: carried over from an article that did not solve the problem.
  validateSearch: (s: Record<string, unknown>): { title?: string } =>
    typeof s.title === 'string' && s.title.trim() ? { title: s.title.trim().slice(0, 200) } : {},
  component: lazyRouteComponent(() => import('../features/tickets/NewTicketPage.tsx'), 'NewTicketPage'),
});
export const ticketRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'tickets/$number',
  component: lazyRouteComponent(() => import('../features/tickets/TicketPage.tsx'), 'TicketPage'),
});
