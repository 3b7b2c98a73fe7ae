import { createRoute } from '@tanstack/react-router';
import { parseWorkspaceSearch } from '../features/tickets/workspace-search.ts';
import { appRoute } from './app.tsx';
import { page } from './page.ts';

/** What these pages read besides common and auth. */
const NAMESPACES = ['tickets', 'attendance', 'channels', 'knowledge', 'problems'];

export const workspaceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'service-desk',
  // Queue, filters, sort and page live in the URL: shareable, and what a saved view stores.
  validateSearch: parseWorkspaceSearch,
  component: page(NAMESPACES, () => import('../features/tickets/WorkspacePage.tsx'), 'WorkspacePage'),
});
export const newTicketRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'tickets/new',
  // `title`: carried over from an article that did not solve the problem.
  validateSearch: (s: Record<string, unknown>): { title?: string } =>
    typeof s.title === 'string' && s.title.trim() ? { title: s.title.trim().slice(0, 200) } : {},
  component: page(NAMESPACES, () => import('../features/tickets/NewTicketPage.tsx'), 'NewTicketPage'),
});
export const ticketRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'tickets/$number',
  component: page(NAMESPACES, () => import('../features/tickets/TicketPage.tsx'), 'TicketPage'),
});
