import { REQUEST_STATUSES } from '@ish/shared';
import { createRoute, redirect } from '@tanstack/react-router';
import type { CatalogSection } from '../features/catalog/catalog-sections.ts';
import type { Me } from '../features/session/session.queries.ts';
import { appRoute, denied } from './app.tsx';
import { page } from './page.ts';

/** What these pages read besides common and auth. */
const NAMESPACES = ['catalog', 'billing', 'sla', 'tickets'];
// The section list (with its icons) is fetched by the guards, not carried in the entry the sign-in page loads.
const sections = () => import('../features/catalog/catalog-sections.ts');

// The Service Catalog is loaded on first visit; each screen's filters live in the URL.

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);
const positive = (value: unknown) => (Number.isInteger(Number(value)) && Number(value) > 0 ? Number(value) : undefined);
const defined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** A screen the server would refuse anyway is not offered: back to the catalog's first screen. */
const guard =
  (code: CatalogSection['code']) =>
  async ({ context, location }: { context: { me: Me }; location: { pathname: string } }) => {
    const { CATALOG_SECTIONS } = await sections();
    if (!CATALOG_SECTIONS.find((s) => s.code === code)?.allowed(context.me)) throw denied(location);
  };

export const catalogRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'catalog',
  beforeLoad: ({ context, location }) => {
    if (!context.me.modules.includes('catalog')) throw denied(location);
  },
  component: page(NAMESPACES, () => import('../features/catalog/CatalogLayout.tsx'), 'CatalogLayout'),
});

export const catalogBrowseRoute = createRoute({
  getParentRoute: () => catalogRoute,
  path: '/',
  beforeLoad: async ({ context }) => {
    // Approvers and billing coordinators without ordering rights land on their first screen.
    const { CATALOG_SECTIONS } = await sections();
    if (!CATALOG_SECTIONS[0].allowed(context.me)) {
      const first = CATALOG_SECTIONS.find((s) => s.allowed(context.me));
      throw redirect({ to: first?.to ?? '/' });
    }
  },
  validateSearch: (s: Record<string, unknown>) => defined({ q: text(s.q), category: text(s.category), page: positive(s.page) }),
  component: page(NAMESPACES, () => import('../features/catalog/BrowsePage.tsx'), 'BrowsePage'),
});
export const catalogItemRoute = createRoute({
  getParentRoute: () => catalogRoute,
  path: 'items/$id',
  component: page(NAMESPACES, () => import('../features/catalog/ItemPage.tsx'), 'ItemPage'),
});
export const catalogRequestsRoute = createRoute({
  getParentRoute: () => catalogRoute,
  path: 'requests',
  validateSearch: (s: Record<string, unknown>) =>
    defined({
      show: s.show === 'all' ? ('all' as const) : undefined,
      status: REQUEST_STATUSES.find((status) => status === s.status),
      page: positive(s.page),
    }),
  component: page(NAMESPACES, () => import('../features/catalog/RequestsPage.tsx'), 'RequestsPage'),
});
export const catalogRequestRoute = createRoute({
  getParentRoute: () => catalogRoute,
  path: 'requests/$number',
  component: page(NAMESPACES, () => import('../features/catalog/RequestPage.tsx'), 'RequestPage'),
});
export const catalogApprovalsRoute = createRoute({
  getParentRoute: () => catalogRoute,
  path: 'approvals',
  beforeLoad: guard('approvals'),
  validateSearch: (s: Record<string, unknown>) => defined({ tab: text(s.tab) }),
  component: page(NAMESPACES, () => import('../features/catalog/ApprovalsPage.tsx'), 'ApprovalsPage'),
});
export const catalogProvideRoute = createRoute({
  getParentRoute: () => catalogRoute,
  path: 'provide',
  beforeLoad: guard('provide'),
  component: page(NAMESPACES, () => import('../features/catalog/ProvidePage.tsx'), 'ProvidePage'),
});
export const catalogNewItemRoute = createRoute({
  getParentRoute: () => catalogRoute,
  path: 'provide/new',
  beforeLoad: guard('provide'),
  component: page(NAMESPACES, () => import('../features/catalog/ItemEditorPage.tsx'), 'ItemEditorPage'),
});
export const catalogEditItemRoute = createRoute({
  getParentRoute: () => catalogRoute,
  path: 'provide/$id',
  beforeLoad: guard('provide'),
  component: page(NAMESPACES, () => import('../features/catalog/ItemEditorPage.tsx'), 'ItemEditorPage'),
});
export const catalogReviewRoute = createRoute({
  getParentRoute: () => catalogRoute,
  path: 'review',
  beforeLoad: guard('review'),
  component: page(NAMESPACES, () => import('../features/catalog/ProvidePage.tsx'), 'ReviewPage'),
});
/** The charges page moved to Billing; old links still arrive. */
export const catalogChargesRoute = createRoute({
  getParentRoute: () => catalogRoute,
  path: 'charges',
  beforeLoad: ({ search }) => {
    throw redirect({ to: '/billing/charges', search });
  },
});
export const catalogChainRoute = createRoute({
  getParentRoute: () => catalogRoute,
  path: 'chain',
  beforeLoad: guard('chain'),
  validateSearch: (s: Record<string, unknown>) => defined({ unit: positive(s.unit) }),
  component: page(NAMESPACES, () => import('../features/catalog/ChainPage.tsx'), 'ChainPage'),
});

export const catalogGapsRoute = createRoute({
  getParentRoute: () => catalogRoute,
  path: 'gaps',
  beforeLoad: guard('gaps'),
  component: page(NAMESPACES, () => import('../features/catalog/CatalogGapsPage.tsx'), 'CatalogGapsPage'),
});

export const catalogRoutes = catalogRoute.addChildren([
  catalogBrowseRoute,
  catalogItemRoute,
  catalogRequestsRoute,
  catalogRequestRoute,
  catalogApprovalsRoute,
  catalogProvideRoute,
  catalogNewItemRoute,
  catalogEditItemRoute,
  catalogReviewRoute,
  catalogGapsRoute,
  catalogChainRoute,
  catalogChargesRoute,
]);
