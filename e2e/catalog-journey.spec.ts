import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';
import { act, choose } from './support/actions.ts';
import { apiAs } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { launchBrowser, newPage } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const NAME = 'Audit keamanan server';

describe('service catalog journey', () => {
  it('goes from a provider’s new per-hour service to a charge on both divisions’ pages', async () => {
    // 1. The provider registers a per-hour item with one required field and submits it.
    const provider = await newPage(browser);
    await signIn(provider.page, DEMO_ACCOUNTS.service_provider.email);
    await provider.page.goto('/catalog/provide');
    await provider.page.getByTestId('item-new').click();
    await provider.page.getByTestId('item-nameId').fill(NAME);
    await provider.page.getByTestId('item-nameEn').fill('Server security audit');
    await provider.page.getByTestId('item-category').fill('Keamanan');
    await choose(provider.page, 'item-team', 'Layanan DevOps');
    await provider.page.getByTestId('item-rate-input').fill('500000');
    await provider.page.getByTestId('item-unit-label').fill('jam');
    await provider.page.getByTestId('field-add').click();
    await provider.page.getByTestId('field-0-key').fill('server');
    await provider.page.getByTestId('field-0-labelId').fill('Nama server');
    await provider.page.getByTestId('field-0-labelEn').fill('Server name');
    await provider.page.getByTestId('field-builder').getByRole('switch', { name: 'Wajib diisi' }).click();
    await provider.page.getByTestId('item-save').click();
    await provider.page.waitForURL(/\/catalog\/provide\/\d+$/);
    await provider.page.getByTestId('item-submit').click();
    await provider.page.getByTestId('item-state').getByText('Menunggu tinjauan').waitFor();
    const itemPath = new URL(provider.page.url()).pathname.replace('/provide/', '/items/');

    // 2. The Catalog Manager finds it in the review queue and publishes it.
    const manager = await newPage(browser);
    await signIn(manager.page, DEMO_ACCOUNTS.catalog_manager.email);
    await manager.page.goto('/catalog/review');
    await manager.page.getByTestId('items-review').getByText(NAME).click();
    await manager.page.waitForURL((url) => url.pathname === itemPath);
    await manager.page.getByTestId('item-approve').click();
    await manager.page.getByTestId('item-state').getByText('Terbit').waitFor();

    // 3. The requester orders 12 hours (Rp 6.000.000, above Produk's Rp 5.000.000 threshold).
    const requester = await newPage(browser);
    await signIn(requester.page, DEMO_ACCOUNTS.requester.email);
    await requester.page.goto('/catalog');
    await requester.page.getByTestId('catalog-search').fill('Audit keamanan');
    await requester.page.waitForURL(/q=Audit/);
    await requester.page.getByTestId('catalog-items').getByText(NAME).click();
    await requester.page.getByTestId('order-quantity').fill('12');
    await requester.page.getByTestId('answer-server').fill('app-prod-01');
    expect(await requester.page.getByTestId('order-estimate').textContent()).toMatch(/6\.000\.000/);
    await requester.page.getByTestId('order-submit').click();
    await requester.page.waitForURL(/\/catalog\/requests\/REQ-/);
    const number = (await requester.page.getByTestId('request-number').textContent())?.trim() ?? '';
    await requester.page.getByTestId('request-status').getByText('Menunggu persetujuan').waitFor();

    // 4. Produk's approver approves it from the queue.
    const approver = await newPage(browser);
    await signIn(approver.page, DEMO_ACCOUNTS.approver.email);
    await approver.page.goto('/catalog/approvals');
    await approver.page.getByTestId('approvals-pending-row').filter({ hasText: number }).getByTestId('approval-approve').click();
    await approver.page.getByTestId('reason').fill('Sesuai anggaran keamanan.');
    await approver.page.getByTestId('form-submit').click();
    await approver.page.getByTestId('approvals-pending-row').filter({ hasText: number }).waitFor({ state: 'detached' });

    // 5. The provider records 10 actual hours, then resolves the fulfilment ticket.
    await provider.page.goto(`/catalog/requests/${number}`);
    await provider.page.getByTestId('request-status').getByText('Sedang dikerjakan').waitFor();
    await provider.page.getByTestId('actual-quantity').fill('10');
    await provider.page.getByTestId('actual-save').click();
    await provider.page.getByTestId('request-actual').getByText('10 jam').waitFor();
    const ticket = (await provider.page.getByTestId('fulfilment-ticket').textContent())?.trim() ?? '';
    await provider.page.getByTestId('fulfilment-ticket').click();
    await provider.page.waitForURL(`**/tickets/${ticket}`);
    await act(provider.page, 'take');
    await act(provider.page, 'start');
    await act(provider.page, 'resolve', () => provider.page.getByTestId('resolve-summary').fill('Audit selesai, laporan dikirim.'));
    await provider.page.getByTestId('action-resolve').waitFor({ state: 'detached' });

    // 6. The requester confirms on the ticket; the request closes with its charge.
    await requester.page.goto(`/tickets/${ticket}`);
    await act(requester.page, 'confirm');
    await requester.page.getByTestId('ticket-locked').waitFor();
    await requester.page.goto(`/catalog/requests/${number}`);
    await requester.page.getByTestId('request-status').getByText('Ditutup').waitFor();
    expect(await requester.page.getByTestId('request-charge').textContent()).toMatch(/5\.000\.000/);

    // 7. The charge shows as spent for Produk (its Billing Coordinator) and earned for DevOps (the executive reads every division).
    const billing = await newPage(browser);
    await signIn(billing.page, DEMO_ACCOUNTS.billing_coordinator.email);
    await billing.page.goto('/catalog/charges');
    const spent = billing.page.getByTestId('charges-spent-row').filter({ hasText: number });
    expect(await spent.getByTestId('charge-amount').textContent()).toMatch(/5\.000\.000/);
    const units = (await (await apiAs(DEMO_ACCOUNTS.administrator.email)).get('/units?q=DEVOPS&pageSize=5')).items;
    const devops = units.find((u: { code: string }) => u.code === 'DEVOPS');
    const executive = await newPage(browser);
    await signIn(executive.page, DEMO_ACCOUNTS.executive.email);
    await executive.page.goto(`/catalog/charges?division=${devops.id}`);
    const earned = executive.page.getByTestId('charges-earned-row').filter({ hasText: number });
    expect(await earned.getByTestId('charge-amount').textContent()).toMatch(/5\.000\.000/);
    expect(await executive.page.getByTestId('charges-earned-total').textContent()).toMatch(/5\.000\.000/);

    for (const session of [provider, manager, requester, approver, billing, executive]) {
      expect(session.errors).toEqual([]);
      await session.context.close();
    }
  });
});
