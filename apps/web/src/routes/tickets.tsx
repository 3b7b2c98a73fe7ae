import { createRoute } from '@tanstack/react-router';
import { NewTicketPage } from '../features/tickets/NewTicketPage.tsx';
import { TicketPage } from '../features/tickets/TicketPage.tsx';
import { WorkspacePage } from '../features/tickets/WorkspacePage.tsx';
import { parseWorkspaceSearch } from '../features/tickets/workspace-search.ts';
import { appRoute } from './app.tsx';

export const workspaceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'service-desk',
  // Queue, filters, sort and page live in the URL: shareable, and what a saved view stores.
  validateSearch: parseWorkspaceSearch,
  component: WorkspacePage,
});
export const newTicketRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'tickets/new',
  // `title`: carried over from an article that did not solve the problem.
  validateSearch: (s: Record<string, unknown>): { title?: string } =>
    typeof s.title === 'string' && s.title.trim() ? { title: s.title.trim().slice(0, 200) } : {},
  component: NewTicketPage,
});
export const ticketRoute = createRoute({ getParentRoute: () => appRoute, path: 'tickets/$number', component: TicketPage });
