import { INVOICE_STATUSES } from '@ish/shared';
import { createRoute, redirect } from '@tanstack/react-router';
import type { BillingSection } from '../features/billing/billing-sections.ts';
import type { Me } from '../features/session/session.queries.ts';
import { appRoute } from './app.tsx';
import { page } from './page.ts';

/** What these pages read besides common and auth. */
const NAMESPACES = ['billing', 'catalog'];
// The section list (with its icons) is fetched by the guards, not carried in the entry the sign-in page loads.
const sections = () => import('../features/billing/billing-sections.ts');

// Billing is loaded on first visit; each screen's filters live in the URL.

const positive = (value: unknown) => (Number.isInteger(Number(value)) && Number(value) > 0 ? Number(value) : undefined);
const period = (value: unknown) => (typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) ? value : undefined);
const defined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** A screen the server would refuse anyway is not offered: back to the landing page. */
const guard =
  (code: BillingSection['code']) =>
  async ({ context }: { context: { me: Me } }) => {
    const { BILLING_SECTIONS } = await sections();
    if (!BILLING_SECTIONS.find((s) => s.code === code)?.allowed(context.me)) throw redirect({ to: '/' });
  };

export const billingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'billing',
  beforeLoad: async ({ context }) => {
    if (!context.me.modules.includes('billing') && !(await sections()).readsInvoices(context.me)) throw redirect({ to: '/' });
  },
  component: page(NAMESPACES, () => import('../features/billing/BillingLayout.tsx'), 'BillingLayout'),
});

export const invoicesRoute = createRoute({
  getParentRoute: () => billingRoute,
  path: '/',
  beforeLoad: guard('invoices'),
  validateSearch: (s: Record<string, unknown>) =>
    defined({
      period: period(s.period),
      status: INVOICE_STATUSES.find((status) => status === s.status),
      division: s.division === 'all' ? ('all' as const) : positive(s.division),
      page: positive(s.page),
    }),
  component: page(NAMESPACES, () => import('../features/billing/InvoicesPage.tsx'), 'InvoicesPage'),
});
export const invoiceRoute = createRoute({
  getParentRoute: () => billingRoute,
  path: 'invoices/$id',
  component: page(NAMESPACES, () => import('../features/billing/InvoicePage.tsx'), 'InvoicePage'),
});
export const receivablesRoute = createRoute({
  getParentRoute: () => billingRoute,
  path: 'receivables',
  beforeLoad: guard('receivables'),
  validateSearch: (s: Record<string, unknown>) =>
    defined({ division: positive(s.division), period: period(s.period), page: positive(s.page) }),
  component: page(NAMESPACES, () => import('../features/billing/ReceivablesPage.tsx'), 'ReceivablesPage'),
});
export const dashboardRoute = createRoute({
  getParentRoute: () => billingRoute,
  path: 'dashboard',
  beforeLoad: guard('dashboard'),
  validateSearch: (s: Record<string, unknown>) => defined({ from: period(s.from), to: period(s.to), company: positive(s.company) }),
  component: page(NAMESPACES, () => import('../features/billing/DashboardPage.tsx'), 'DashboardPage'),
});
export const chargesRoute = createRoute({
  getParentRoute: () => billingRoute,
  path: 'charges',
  beforeLoad: guard('charges'),
  validateSearch: (s: Record<string, unknown>) => defined({ division: positive(s.division), period: period(s.period) }),
  component: page(NAMESPACES, () => import('../features/billing/ChargesPage.tsx'), 'ChargesPage'),
});
export const budgetsRoute = createRoute({
  getParentRoute: () => billingRoute,
  path: 'budgets',
  beforeLoad: guard('budgets'),
  component: page(NAMESPACES, () => import('../features/billing/BudgetsPage.tsx'), 'BudgetsPage'),
});
export const billingSettingsRoute = createRoute({
  getParentRoute: () => billingRoute,
  path: 'settings',
  beforeLoad: guard('settings'),
  component: page(NAMESPACES, () => import('../features/billing/SettingsPage.tsx'), 'SettingsPage'),
});

export const billingRoutes = billingRoute.addChildren([
  invoicesRoute,
  invoiceRoute,
  receivablesRoute,
  dashboardRoute,
  chargesRoute,
  budgetsRoute,
  billingSettingsRoute,
]);
