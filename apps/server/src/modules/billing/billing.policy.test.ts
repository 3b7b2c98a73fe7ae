import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { billingWorld } from '../../../test/support/billing-world.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { manualClock } from '../../platform/time/clock.ts';
import { loadActor } from '../identity/index.ts';
import { payerOf, providerOf } from './billing.invoices.ts';
import { nextStatus, payerActions, TRANSITIONS } from './billing.lifecycle.ts';
import { fullInvoices, invoiceView, ownLines, ownsLine, visibleInvoices } from './billing.policy.ts';
import { invoiceLines, invoices } from './billing.tables.ts';

const clock = manualClock('2026-09-01T03:00:00Z');
let t: TestApp;
let actors: Actor[];

beforeAll(async () => {
  t = await createTestApp({ clock });
  const world = await billingWorld(t, clock);
  // A spread of payers and providers, a sub-unit, and a company-wide and a sub-unit Billing Coordinator.
  await t.ctx.db.execute(sql`
    INSERT INTO role_grants (user_id, role, scope_kind, unit_id, company_id) VALUES
      (${world.user['teguh@nusantara.test']}, 'billing_coordinator', 'unit', ${world.unit.BIGDATA}, NULL),
      (${world.user['putri@nusantara.test']}, 'billing_coordinator', 'unit', ${world.unit['DEVOPS-PLT']}, NULL),
      (${world.user['dimas@nusantara.test']}, 'billing_coordinator', 'company', NULL, (SELECT company_id FROM units WHERE code = 'OPS'))`);
  await world.charge('siti@nusantara.test', 'consulting', 1, '2026-09-02T03:00:00Z');
  await world.charge('siti@nusantara.test', 'data', 1, '2026-09-03T03:00:00Z');
  await world.charge('teguh@nusantara.test', 'support', 1, '2026-09-04T03:00:00Z');
  await world.charge('putri@nusantara.test', 'data', 1, '2026-09-05T03:00:00Z');
  await world.charge('sri@nusantara.test', 'consulting', 1, '2026-09-06T03:00:00Z');
  clock.at('2026-10-01T02:00:00Z');
  await (await t.actingAs('billing_admin')).post('/api/v1/billing/runs', { period: '2026-09' });
  const ids = (await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM users ORDER BY id`)).rows.map((r) => Number(r.id));
  actors = (await Promise.all(ids.map((id) => loadActor(t.ctx.db, id)))).filter((a): a is Actor => a !== null);
});
afterAll(() => t.close());

describe('billing policy', () => {
  it('decides who sees which invoice, and how much, the same in memory and in SQL, for every user and invoice', async () => {
    const all = await t.ctx.db.select().from(invoices);
    const lines = await t.ctx.db.select().from(invoiceLines);
    expect(all.length).toBe(4);
    let seen = 0;
    for (const actor of actors) {
      const visible = new Set((await t.ctx.db.select({ id: invoices.id }).from(invoices).where(visibleInvoices(actor))).map((r) => r.id));
      const full = new Set((await t.ctx.db.select({ id: invoices.id }).from(invoices).where(fullInvoices(actor))).map((r) => r.id));
      const own = new Set((await t.ctx.db.select({ id: invoiceLines.id }).from(invoiceLines).where(ownLines(actor))).map((r) => r.id));
      for (const invoice of all) {
        const view = invoiceView(actor, {
          payer: payerOf(invoice),
          providers: lines.filter((l) => l.invoiceId === invoice.id).map(providerOf),
        });
        expect([actor.email, invoice.id, visible.has(invoice.id)]).toEqual([actor.email, invoice.id, view !== null]);
        expect([actor.email, invoice.id, full.has(invoice.id)]).toEqual([actor.email, invoice.id, view === 'full']);
        if (view) seen++;
      }
      for (const line of lines)
        expect([actor.email, line.id, own.has(line.id)]).toEqual([actor.email, line.id, ownsLine(actor, providerOf(line))]);
    }
    expect(seen).toBeGreaterThan(10);
  });

  it('lets a sub-unit’s Billing Coordinator see its own division’s lines only as a provider, not the division’s invoices', async () => {
    const putri = actors.find((a) => a.email === 'putri@nusantara.test') as Actor;
    const devopsInvoice = (
      await t.ctx.db
        .select()
        .from(invoices)
        .where(and(eq(invoices.period, '2026-09'), sql`${invoices.unitPath} = (SELECT path FROM units WHERE code = 'DEVOPS')`))
    )[0];
    expect(devopsInvoice).toBeDefined();
    const lines = await t.ctx.db
      .select()
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, devopsInvoice?.id ?? 0));
    expect(invoiceView(putri, { payer: payerOf(devopsInvoice as never), providers: lines.map(providerOf) })).toBeNull();
  });
});

describe('invoice lifecycle', () => {
  const facts = { dueDate: '2026-10-15', today: '2026-10-10', openDisputes: 0 };
  it('names the reason a step is refused', () => {
    expect(nextStatus('pay', { ...facts, status: 'disputed', openDisputes: 1 })).toEqual({ refused: 'INVOICE_DISPUTED' });
    expect(nextStatus('pay', { ...facts, status: 'paid' })).toEqual({ refused: 'INVOICE_PAID' });
    expect(nextStatus('pay', { ...facts, status: 'draft' })).toEqual({ refused: 'INVOICE_NOT_ISSUED' });
    expect(nextStatus('dispute', { ...facts, status: 'paid' })).toEqual({ refused: 'INVOICE_PAID' });
    expect(nextStatus('become_overdue', { ...facts, status: 'issued' })).toEqual({ refused: 'INVOICE_STATUS_CONFLICT' });
    expect(nextStatus('settle', { ...facts, status: 'disputed', openDisputes: 1 })).toEqual({ refused: 'INVOICE_STATUS_CONFLICT' });
  });

  it('returns a settled invoice to issued, or overdue once its due date has passed', () => {
    expect(nextStatus('settle', { ...facts, status: 'disputed' })).toEqual({ to: 'issued' });
    expect(nextStatus('settle', { ...facts, today: '2026-10-16', status: 'disputed' })).toEqual({ to: 'overdue' });
    expect(nextStatus('become_overdue', { ...facts, today: '2026-10-16', status: 'issued' })).toEqual({ to: 'overdue' });
  });

  it('offers the payer exactly the steps the table allows from each status', () => {
    expect(payerActions({ ...facts, status: 'draft' })).toEqual(['issue']);
    expect(payerActions({ ...facts, status: 'issued' })).toEqual(['pay', 'dispute']);
    expect(payerActions({ ...facts, status: 'overdue' })).toEqual(['pay', 'dispute']);
    expect(payerActions({ ...facts, status: 'disputed' })).toEqual(['dispute']);
    expect(payerActions({ ...facts, status: 'paid' })).toEqual([]);
    // Nothing leaves paid.
    expect(TRANSITIONS.some((tr) => tr.from.includes('paid'))).toBe(false);
  });
});
