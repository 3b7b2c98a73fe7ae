import {
  type Icon,
  IconAdjustmentsDollar,
  IconChartBar,
  IconFileInvoice,
  IconReceipt2,
  IconReportMoney,
  IconSettings,
} from '@tabler/icons-react';
import type { Me } from '../session/session.queries.ts';

const has = (me: Me, permission: string) => me.permissions.includes(permission as Me['permissions'][number]);

/** Reads invoices somewhere: the divisions' charge readers, and Approvers (they are told of their division's invoices). */
export const readsInvoices = (me: Me) => has(me, 'charge:read') || has(me, 'request:approve');

/** The Billing screens and who sees each tab (the server checks again on every call and row). */
export const BILLING_SECTIONS = [
  { code: 'invoices', to: '/billing', icon: IconFileInvoice, allowed: readsInvoices },
  { code: 'receivables', to: '/billing/receivables', icon: IconReportMoney, allowed: (me: Me) => has(me, 'charge:read') },
  { code: 'dashboard', to: '/billing/dashboard', icon: IconChartBar, allowed: (me: Me) => has(me, 'charge:read') },
  { code: 'charges', to: '/billing/charges', icon: IconReceipt2, allowed: (me: Me) => has(me, 'charge:read') },
  { code: 'budgets', to: '/billing/budgets', icon: IconAdjustmentsDollar, allowed: (me: Me) => has(me, 'charge:read') },
  { code: 'settings', to: '/billing/settings', icon: IconSettings, allowed: (me: Me) => has(me, 'billing:admin') },
] as const satisfies readonly { code: string; to: string; icon: Icon; allowed: (me: Me) => boolean }[];

export type BillingSection = (typeof BILLING_SECTIONS)[number];

export function billingSections(me: Me): BillingSection[] {
  return BILLING_SECTIONS.filter((s) => s.allowed(me));
}
