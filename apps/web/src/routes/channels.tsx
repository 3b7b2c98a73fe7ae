import { createRoute, redirect } from '@tanstack/react-router';
import type { Me } from '../features/session/session.queries.ts';
import { adminRoute, guard } from './admin.tsx';
import { appRoute } from './app.tsx';
import { page } from './page.ts';

/** What these pages read besides common and auth. */
const NAMESPACES = ['channels', 'tickets'];

/** The service desk's own screens: offered to those who work tickets (the server checks again on every call). */
const worker = ({ context }: { context: { me: Me } }) => {
  if (!context.me.permissions.includes('ticket:work')) throw redirect({ to: '/' });
};

export const quarantineRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'service-desk/mail-quarantine',
  beforeLoad: worker,
  component: page(NAMESPACES, () => import('../features/channels/QuarantinePage.tsx'), 'QuarantinePage'),
});

export const contactsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'service-desk/contacts',
  beforeLoad: worker,
  component: page(NAMESPACES, () => import('../features/channels/ContactsPage.tsx'), 'ContactsPage'),
});

export const channelsAdminRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'channels',
  beforeLoad: guard('channels'),
  validateSearch: (search: Record<string, unknown>): { tab?: string } => (typeof search.tab === 'string' ? { tab: search.tab } : {}),
  component: page(NAMESPACES, () => import('../features/channels/ChannelsAdminPage.tsx'), 'ChannelsAdminPage'),
});
