import { createRoute, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router';
import { ADMIN_SECTIONS, type AdminSection, adminSections } from '../features/admin/admin-sections.ts';
import type { Me } from '../features/session/session.queries.ts';
import { appRoute, denied } from './app.tsx';

// Administration is loaded on first visit: most users never open it.
export const adminRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'admin',
  beforeLoad: ({ context, location }) => {
    if (!context.me.modules.includes('administration')) throw denied(location);
  },
  component: Outlet,
});

/** `/admin` opens the first section this user may use. */
export const adminIndexRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/',
  beforeLoad: ({ context }) => {
    const [first] = adminSections(context.me);
    throw redirect({ to: first?.to ?? '/' });
  },
});

/** A section the server would refuse anyway is not offered: back to the landing page. */
export const guard =
  (code: AdminSection['code']) =>
  ({ context, location }: { context: { me: Me }; location: { pathname: string } }) => {
    if (!ADMIN_SECTIONS.find((s) => s.code === code)?.allowed(context.me)) throw denied(location);
  };

export const usersRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'users',
  beforeLoad: guard('users'),
  component: lazyRouteComponent(() => import('../features/admin/users/UsersPage.tsx'), 'UsersPage'),
});
export const orgRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'org',
  beforeLoad: guard('org'),
  component: lazyRouteComponent(() => import('../features/admin/org/OrgPage.tsx'), 'OrgPage'),
});
export const importRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'import',
  beforeLoad: guard('import'),
  component: lazyRouteComponent(() => import('../features/admin/import/ImportPage.tsx'), 'ImportPage'),
});
export const settingsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'settings',
  beforeLoad: guard('settings'),
  component: lazyRouteComponent(() => import('../features/admin/settings/SettingsPage.tsx'), 'SettingsPage'),
});
export const auditRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'audit',
  beforeLoad: guard('audit'),
  component: lazyRouteComponent(() => import('../features/admin/audit/AuditPage.tsx'), 'AuditPage'),
});
export const backupsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'backups',
  beforeLoad: guard('backups'),
  component: lazyRouteComponent(() => import('../features/admin/backups/BackupsPage.tsx'), 'BackupsPage'),
});
export const integrationsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'integrations',
  beforeLoad: guard('integrations'),
  component: lazyRouteComponent(() => import('../features/admin/integrations/IntegrationsPage.tsx'), 'IntegrationsPage'),
});
