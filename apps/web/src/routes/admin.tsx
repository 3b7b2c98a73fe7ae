import { createRoute, Outlet, redirect } from '@tanstack/react-router';
import type { AdminSection } from '../features/admin/admin-sections.ts';
import type { Me } from '../features/session/session.queries.ts';
import { appRoute, denied } from './app.tsx';
import { page } from './page.ts';

/** What these pages read besides common and auth. */
const NAMESPACES = ['admin', 'integrations', 'profile'];
// The section list (with its icons) is fetched by the guards, not carried in the entry the sign-in page loads.
const sections = () => import('../features/admin/admin-sections.ts');

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
  beforeLoad: async ({ context }) => {
    const [first] = (await sections()).adminSections(context.me);
    throw redirect({ to: first?.to ?? '/' });
  },
});

/** A section the server would refuse anyway is not offered: back to the landing page. */
export const guard =
  (code: AdminSection['code']) =>
  async ({ context, location }: { context: { me: Me }; location: { pathname: string } }) => {
    const { ADMIN_SECTIONS } = await sections();
    if (!ADMIN_SECTIONS.find((s) => s.code === code)?.allowed(context.me)) throw denied(location);
  };

export const usersRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'users',
  beforeLoad: guard('users'),
  component: page(NAMESPACES, () => import('../features/admin/users/UsersPage.tsx'), 'UsersPage'),
});
export const orgRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'org',
  beforeLoad: guard('org'),
  component: page(NAMESPACES, () => import('../features/admin/org/OrgPage.tsx'), 'OrgPage'),
});
export const importRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'import',
  beforeLoad: guard('import'),
  component: page(NAMESPACES, () => import('../features/admin/import/ImportPage.tsx'), 'ImportPage'),
});
export const settingsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'settings',
  beforeLoad: guard('settings'),
  component: page(NAMESPACES, () => import('../features/admin/settings/SettingsPage.tsx'), 'SettingsPage'),
});
export const auditRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'audit',
  beforeLoad: guard('audit'),
  component: page(NAMESPACES, () => import('../features/admin/audit/AuditPage.tsx'), 'AuditPage'),
});
export const backupsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'backups',
  beforeLoad: guard('backups'),
  component: page(NAMESPACES, () => import('../features/admin/backups/BackupsPage.tsx'), 'BackupsPage'),
});
export const integrationsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: 'integrations',
  beforeLoad: guard('integrations'),
  component: page(NAMESPACES, () => import('../features/admin/integrations/IntegrationsPage.tsx'), 'IntegrationsPage'),
});
