import { sql } from 'drizzle-orm';
import { accessMatrix, type Cell, PNG } from '../../../test/access-matrix.ts';
import { can } from '../../platform/authz/actor.ts';
import { attachDisputeFile } from './billing.disputes.ts';

// Billing (billing.policy.ts). An invoice is read in full by the paying division's charge readers and Approvers,
// in part by the providing divisions' charge readers, and is invisible (404) to everyone else; the payer's
// Billing Coordinator issues, pays, disputes and escalates, the provider's answers, Executives and
// Administrators decide escalations; nobody answers a dispute they raised. Billing settings and runs belong to
// billing administration of the company. A cell's invoice is paid by the cell's place to DevOps unless a row
// says otherwise.

/** An invoice of the cell's place in `status`, made once per scope for reads. */
const shared = (c: Cell, status: 'issued' | 'paid' | 'disputed') => c.shared(`invoice-${status}`, () => c.f.invoice(c.place, { status }));

/** The place's paying side for a dispute the cell's place answers as provider: DevOps, or Produk for DevOps itself. */
async function payerFor(c: Cell) {
  const devops = await c.f.place('DEVOPS');
  return devops.unitId === c.place.unitId ? c.f.place('PRODUK') : devops;
}

/** The version of a company's billing settings (0 while never saved). */
async function settingsVersion(c: Cell) {
  const { rows } = await c.ctx.pool.query('SELECT version FROM billing_settings WHERE company_id = $1', [c.place.companyId]);
  return Number(rows[0]?.version ?? 0);
}

const today = () => new Date().toISOString().slice(0, 10);
/**
 * Who reads a cell's invoice: its division's Billing Coordinator and Approver; the company's billing
 * administration, Executives and Administrators. The foreign company's invoice is still read by those who read
 * DevOps' charges, as its provider.
 */
const READERS = {
  billing_coordinator: '200 404 404',
  approver: '200 404 404',
  billing_admin: '200',
  executive: '200',
  administrator: '200',
} as const;
const LISTS = { billing_coordinator: '200', approver: '200', billing_admin: '200', executive: '200', administrator: '200' } as const;
/** The payer's Billing Coordinator acts; billing administration and Administrators too, except on the foreign company's invoice, which they read only as its provider (403). */
const PAYER = (ok: string) => ({ billing_coordinator: `${ok} 404 404`, billing_admin: `${ok} ${ok} 403`, administrator: ok }) as const;

export const matrix = accessMatrix({
  'GET /billing/settings': {
    call: (c) => `/billing/settings?company=${c.place.companyId}`,
    expect: { anonymous: 401, billing_admin: '200 200 404', administrator: '200', others: '403' },
  },
  'PUT /billing/settings': {
    serial: true,
    call: async (c) => ({
      path: `/billing/settings?company=${c.place.companyId}`,
      body: {
        version: await settingsVersion(c),
        invoiceDay: 1,
        paymentTermDays: 14,
        numberPattern: 'INV/{YYYY}/{MM}/{seq}',
        signatoryName: 'Wahyu Pratama',
        signatoryTitle: 'Direktur Keuangan',
        autoIssue: true,
        notifyApprovers: true,
        reminderDays: 3,
      },
    }),
    expect: { anonymous: 401, billing_admin: '200 200 404', administrator: '200', others: '403' },
  },
  'POST /billing/runs': {
    // A month long past: nothing left to invoice, and re-running creates nothing twice.
    call: (c) => ({ path: '/billing/runs', body: { period: '2001-01', companyId: c.place.companyId } }),
    expect: { anonymous: 401, billing_admin: '200 200 404', administrator: '200', others: '403' },
  },
  'GET /invoices': {
    call: () => '/invoices',
    expect: { anonymous: 401, ...LISTS, others: '403' },
  },
  'GET /invoices/divisions': {
    call: () => '/invoices/divisions',
    expect: { anonymous: 401, ...LISTS, others: '403' },
  },
  'GET /invoices/export': {
    call: (c) => `/invoices/export?period=2026-11&company=${c.place.companyId}`,
    expect: { anonymous: 401, ...LISTS, others: '403' },
  },
  'GET /invoices/{id}': {
    call: async (c) => `/invoices/${(await shared(c, 'issued')).id}`,
    expect: { anonymous: 401, ...READERS, others: '403' },
  },
  'GET /invoices/{id}/document': {
    call: async (c) => `/invoices/${(await shared(c, 'issued')).id}/document`,
    expect: { anonymous: 401, ...READERS, others: '403' },
  },
  'GET /invoices/{id}/spreadsheet': {
    call: async (c) => `/invoices/${(await shared(c, 'issued')).id}/spreadsheet`,
    expect: { anonymous: 401, ...READERS, others: '403' },
  },
  'POST /invoices/{id}/issue': {
    call: async (c) => {
      const draft = await c.f.invoice(c.place);
      return { path: `/invoices/${draft.id}/issue`, body: { version: draft.version } };
    },
    expect: { anonymous: 401, ...PAYER('200'), others: '403' },
  },
  'POST /invoices/{id}/payments': {
    call: async (c) => {
      const invoice = await c.f.invoice(c.place, { status: 'issued' });
      return { path: `/invoices/${invoice.id}/payments`, body: { reference: 'TRF-001', paidOn: today(), version: invoice.version } };
    },
    expect: { anonymous: 401, ...PAYER('201'), others: '403' },
  },
  'GET /invoices/{id}/payment/proof': {
    call: async (c) => `/invoices/${(await shared(c, 'paid')).id}/payment/proof`,
    expect: { anonymous: 401, ...READERS, others: '403' },
  },
  'POST /invoices/{id}/disputes': {
    call: async (c) => {
      const invoice = await c.f.invoice(c.place, { status: 'issued' });
      return { path: `/invoices/${invoice.id}/disputes`, body: { chargeIds: [invoice.charge.id], reason: 'Ditagih dua kali' } };
    },
    expect: { anonymous: 401, ...PAYER('201'), others: '403' },
  },
  'POST /disputes/{id}/resolution': {
    // The cell's place provides; DevOps pays and disputed through a Billing Coordinator of its own.
    call: async (c) => {
      const invoice = await c.f.invoice(await payerFor(c), { provider: c.place, status: 'disputed' });
      return { path: `/disputes/${invoice.disputeId}/resolution`, body: { decision: 'reject', reason: 'Sesuai pemakaian' } };
    },
    expect: { anonymous: 401, ...PAYER('200'), others: '403' },
  },
  'POST /disputes/{id}/escalation': {
    call: async (c) => {
      const invoice = await c.f.invoice(c.place, { status: 'disputed' });
      await c.f.rejectDispute(invoice.disputeId as number, await c.f.place('DEVOPS'));
      return { path: `/disputes/${invoice.disputeId}/escalation`, body: { reason: 'Belum sesuai kontrak' } };
    },
    expect: { anonymous: 401, ...PAYER('200'), others: '403' },
  },
  'POST /disputes/{id}/file': {
    // Only whoever raised the dispute adds its file: the cell's actor raises it where they manage the payer's invoices.
    call: async (c) => {
      const invoice = await c.f.invoice(c.place, { status: 'issued' });
      const raiser = c.me && can(c.me, 'invoice:manage', c.place) ? c.me : await c.f.coordinator(c.place);
      const disputeId = await c.f.dispute(invoice.id, invoice.charge.id, raiser);
      return { path: `/disputes/${disputeId}/file`, upload: { name: 'bukti.png', type: 'image/png', data: PNG } };
    },
    expect: { anonymous: 401, ...PAYER('201'), others: '403' },
  },
  'GET /disputes/{id}/file': {
    call: async (c) => {
      const id = await c.shared('dispute-file', async () => {
        const invoice = await c.f.invoice(c.place, { status: 'disputed' });
        const { rows } = await c.ctx.pool.query('SELECT raised_by FROM invoice_disputes WHERE id = $1', [invoice.disputeId]);
        await attachDisputeFile(c.ctx, await c.f.actor(Number(rows[0].raised_by)), invoice.disputeId as number, {
          data: PNG,
          filename: 'bukti.png',
          fields: {},
        });
        return invoice.disputeId;
      });
      return `/disputes/${id}/file`;
    },
    expect: { anonymous: 401, ...READERS, others: '403' },
  },
  'GET /billing/dashboard': {
    call: (c) => `/billing/dashboard?company=${c.place.companyId}`,
    expect: { anonymous: 401, ...LISTS, approver: '403', others: '403' },
  },
  'GET /billing/dashboard/export': {
    call: (c) => `/billing/dashboard/export?company=${c.place.companyId}`,
    expect: { anonymous: 401, ...LISTS, approver: '403', others: '403' },
  },
  'GET /billing/budgets': {
    call: (c) => `/billing/budgets?company=${c.place.companyId}`,
    expect: { anonymous: 401, ...LISTS, approver: '403', others: '403' },
  },
  'GET /billing/budgets/mine': {
    call: () => '/billing/budgets/mine',
    expect: { anonymous: 401, others: '200' },
  },
  'GET /billing/budgets/{id}': {
    call: (c) => `/billing/budgets/${c.place.unitId}`,
    expect: { anonymous: 401, ...READERS, billing_admin: '200 200 404', approver: '403', others: '403' },
  },
  'PUT /billing/budgets/{id}': {
    // A division of its own outside the actor's unit, so the roles that may set it do not race on one version.
    serial: true,
    call: async (c) => {
      const division = c.scope === 'own' ? c.place : await c.f.division(c.place.companyId);
      const { rows } = await c.ctx.db.execute<{ version: number }>(
        sql`SELECT version FROM division_budgets WHERE unit_id = ${division.unitId}`,
      );
      return { path: `/billing/budgets/${division.unitId}`, body: { monthlyAmount: 5_000_000, version: Number(rows[0]?.version ?? 0) } };
    },
    expect: { anonymous: 401, billing_coordinator: '200 404 404', billing_admin: '200 200 404', administrator: '200', others: '403' },
  },
});
