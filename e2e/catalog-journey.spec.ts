import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';
import { choose } from './support/actions.ts';
import { apiAs } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { launchBrowser, newPage } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const NAME = 'Audit keamanan server';
/** A minimal PDF: the server checks the bytes, not the name. */
const SCOPE_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

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
    await provider.page.getByTestId('item-category-en').fill('Security');
    // DevOps has one team, so it is proposed as the fulfilling team.
    await expect.poll(() => provider.page.getByTestId('item-team').inputValue()).toBe('Layanan DevOps');
    await provider.page.getByTestId('item-rate-input').fill('500000');
    await provider.page.getByTestId('item-unit-label').fill('jam');
    await provider.page.getByTestId('field-add').click();
    await provider.page.getByTestId('field-0-key').fill('server');
    await provider.page.getByTestId('field-0-labelId').fill('Nama server');
    await provider.page.getByTestId('field-0-labelEn').fill('Server name');
    await provider.page.getByTestId('field-builder').getByRole('switch', { name: 'Wajib diisi' }).click();
    // A second, optional question asks for the scope document as a file.
    await provider.page.getByTestId('field-add').click();
    await choose(provider.page, 'field-1-type', 'Berkas');
    await provider.page.getByTestId('field-1-key').fill('scope');
    await provider.page.getByTestId('field-1-labelId').fill('Dokumen lingkup');
    await provider.page.getByTestId('field-1-labelEn').fill('Scope document');
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
    const attach = async (name: string, buffer: Buffer) => {
      const [chooser] = await Promise.all([requester.page.waitForEvent('filechooser'), requester.page.getByTestId('answer-scope').click()]);
      await chooser.setFiles({ name, mimeType: 'application/pdf', buffer });
    };
    // A web page named .pdf is refused on its bytes; the real PDF is taken.
    await attach('lingkup.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    await requester.page.getByText('Jenis berkas tidak diizinkan oleh kebijakan lampiran.').waitFor();
    await attach('lingkup-audit.pdf', SCOPE_PDF);
    await requester.page.getByText(/Terunggah/).waitFor();
    expect(await requester.page.getByTestId('order-estimate').textContent()).toMatch(/6\.000\.000/);
    await requester.page.getByTestId('order-submit').click();
    await requester.page.waitForURL(/\/catalog\/requests\/REQ-/);
    const number = (await requester.page.getByTestId('request-number').textContent())?.trim() ?? '';
    await requester.page.getByTestId('request-status').getByText('Menunggu persetujuan').waitFor();

    // 4. Produk's approver approves it from the queue.
    const approver = await newPage(browser);
    await signIn(approver.page, DEMO_ACCOUNTS.approver.email);
    await approver.page.goto('/catalog/approvals');
    const row = approver.page.getByTestId('approvals-pending-row').filter({ hasText: number });
    // The approver sees who asked, from which division.
    await row.getByText(DEMO_ACCOUNTS.requester.name).waitFor();
    await row.getByText('Produk').waitFor();
    await row.getByTestId('approval-approve').click();
    await approver.page.getByTestId('reason').fill('Sesuai anggaran keamanan.');
    await approver.page.getByTestId('form-submit').click();
    await approver.page.getByTestId('approvals-pending-row').filter({ hasText: number }).waitFor({ state: 'detached' });

    // 5. The provider starts work, records 10 actual hours and completes from the request page (resolving its ticket).
    await provider.page.goto(`/catalog/requests/${number}`);
    await provider.page.getByTestId('request-status').getByText('Sedang dikerjakan').waitFor();
    expect(await provider.page.getByTestId('fulfilment-ticket').getAttribute('href')).toMatch(/^\/tickets\/SR-/);
    // The provider downloads the requester's scope document from the request.
    const scope = provider.page.getByTestId('answer-file-scope');
    expect(await scope.textContent()).toContain('lingkup-audit.pdf');
    const download = await provider.page.request.get((await scope.getAttribute('href')) ?? '');
    expect(download.status()).toBe(200);
    expect(Buffer.compare(await download.body(), SCOPE_PDF)).toBe(0);
    await provider.page.getByTestId('fulfilment-start').click();
    await provider.page.getByTestId('fulfilment-start').waitFor({ state: 'detached' });
    await provider.page.getByTestId('actual-quantity').fill('10');
    await provider.page.getByTestId('actual-save').click();
    await provider.page.getByTestId('request-actual').getByText('10 jam').waitFor();
    await provider.page.getByTestId('complete-summary').fill('Audit selesai, laporan dikirim.');
    await provider.page.getByTestId('complete-submit').click();
    await provider.page.getByTestId('request-status').getByText('Selesai dikerjakan').waitFor();
    expect(await provider.page.getByTestId('request-charge').textContent()).toMatch(/5\.000\.000/);

    // 6. The requester sees the approval and confirms; the request closes with its charge.
    await requester.page.goto(`/catalog/requests/${number}`);
    await requester.page.getByTestId('approval-step').getByText('Disetujui').waitFor();
    await requester.page.getByTestId('approval-step').getByText('Sesuai anggaran keamanan.').waitFor();
    await requester.page.getByTestId('fulfilment-confirm').click();
    await requester.page.getByTestId('request-status').getByText('Ditutup').waitFor();
    expect(await requester.page.getByTestId('request-charge').textContent()).toMatch(/5\.000\.000/);

    // 7. The charge shows as spent for Produk and earned for DevOps, each on its own Billing Coordinator's page.
    const billing = await newPage(browser);
    await signIn(billing.page, DEMO_ACCOUNTS.billing_coordinator.email);
    await billing.page.goto('/billing/charges');
    const spent = billing.page.getByTestId('charges-spent-row').filter({ hasText: number });
    expect(await spent.getByTestId('charge-amount').textContent()).toMatch(/5\.000\.000/);
    const devopsBilling = await newPage(browser);
    await signIn(devopsBilling.page, 'wulan@nusantara.test');
    await devopsBilling.page.goto('/billing/charges');
    const earned = devopsBilling.page.getByTestId('charges-earned-row').filter({ hasText: number });
    expect(await earned.getByTestId('charge-amount').textContent()).toMatch(/5\.000\.000/);
    // The month's total is the sum of its rows (the demo has earlier DevOps charges this month too).
    const rupiah = (text: string | null) => (/[-−]/.test(text ?? '') ? -1 : 1) * Number((text ?? '').replace(/\D/g, ''));
    const rows = await devopsBilling.page.getByTestId('charges-earned-row').getByTestId('charge-amount').allTextContents();
    expect(rupiah(await devopsBilling.page.getByTestId('charges-earned-total').textContent())).toBe(
      rows.reduce((sum, row) => sum + rupiah(row), 0),
    );

    // The refused upload is the only failed call the browser saw.
    expect(requester.errors).toEqual([expect.stringMatching(/status of 415/)]);
    requester.errors.length = 0;
    for (const session of [provider, manager, requester, approver, billing, devopsBilling]) {
      expect(session.errors).toEqual([]);
      await session.context.close();
    }
  });

  it('lets a requester name a colleague in an order form and shows the answers by name', async () => {
    const requester = await newPage(browser, { width: 390 });
    try {
      await signIn(requester.page, DEMO_ACCOUNTS.requester.email);
      await requester.page.goto('/catalog?q=Konsultasi');
      await requester.page.getByTestId('catalog-items').getByText('Konsultasi fitur').click();
      await requester.page.getByTestId('answer-topic').fill('Ekspor laporan ke Excel');
      await requester.page.getByTestId('answer-owner').fill('Hen');
      await requester.page.getByRole('option', { name: /Hendra Gunawan/ }).click();
      await requester.page.getByTestId('order-submit').click();
      await requester.page.waitForURL(/\/catalog\/requests\/REQ-/);
      const answers = requester.page.getByTestId('request-answers');
      await answers.getByText('Hendra Gunawan').waitFor();
      await answers.getByText('Ekspor laporan ke Excel').waitFor();
      expect(requester.errors).toEqual([]);
    } finally {
      await requester.context.close();
    }
  });

  it('lets an administrator set a division’s days to decide per approval step', async () => {
    const units = (await (await apiAs(DEMO_ACCOUNTS.administrator.email)).get('/units?q=Keuangan&pageSize=5')).items;
    const keuangan = units.find((u: { code: string }) => u.code === 'FIN');
    const admin = await newPage(browser);
    try {
      await signIn(admin.page, DEMO_ACCOUNTS.administrator.email);
      await admin.page.goto(`/catalog/chain?unit=${keuangan.id}`);
      const days = admin.page.getByTestId('chain-step').first().getByTestId('chain-expiry');
      await days.fill('');
      await admin.page.getByTestId('chain-save').click();
      await admin.page.getByText('Antara 1 dan 30 hari.').waitFor();
      await days.fill('5');
      await admin.page.getByTestId('chain-save').click();
      await admin.page.getByText('Alur persetujuan disimpan.').waitFor();
      await admin.page.reload();
      await expect
        .poll(() => admin.page.getByTestId('chain-step').first().getByTestId('chain-expiry').inputValue(), { timeout: 10_000 })
        .toBe('5');
      expect(admin.errors).toEqual([]);
    } finally {
      await admin.context.close();
    }
  });

  it('shows a lead which hand-logged requests deserve a catalog item, and not a requester', async () => {
    const requesterApi = await apiAs(DEMO_ACCOUNTS.requester.email);
    for (const n of [1, 2])
      await requesterApi.post('/tickets', { type: 'request', title: `Minta akses VPN tamu ${n}`, urgency: 'low', impact: 'low' });
    const lead = await newPage(browser);
    const requester = await newPage(browser, { width: 390 });
    try {
      await signIn(lead.page, DEMO_ACCOUNTS.team_lead.email);
      await lead.page.goto('/catalog/gaps');
      const uncategorised = lead.page.getByTestId('gaps-table').getByRole('row').filter({ hasText: 'Tanpa kategori' });
      expect(Number((await uncategorised.getByRole('cell').nth(1).textContent())?.trim())).toBeGreaterThanOrEqual(2);
      await signIn(requester.page, DEMO_ACCOUNTS.requester.email);
      await requester.page.goto('/catalog');
      await requester.page.getByRole('tab', { name: 'Permintaan' }).waitFor();
      expect(await requester.page.getByRole('tab', { name: 'Celah katalog' }).count()).toBe(0);
      expect([...lead.errors, ...requester.errors]).toEqual([]);
    } finally {
      await lead.context.close();
      await requester.context.close();
    }
  });
});
