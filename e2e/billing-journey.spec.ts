import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPeriod } from '../apps/server/src/modules/billing/index.ts';
import { manualClock } from '../apps/server/src/platform/time/clock.ts';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';
import { apiAs } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { launchBrowser, newPage } from './support/browser.ts';
import { secondProcess } from './support/second-process.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** Rupiah shown on screen as a number: "Rp 1.250.000" → 1250000, "-Rp 400.000" → -400000. */
const rupiah = (text: string | null) => (/[-−]/.test(text ?? '') ? -1 : 1) * Number((text ?? '').replace(/\D/g, ''));
/** This month in WIB as YYYY-MM, and the next month's first day at 01:00 WIB (the invoice day of the run). */
const now = new Date();
const period = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);
const [year, month] = period.split('-').map(Number) as [number, number];
const invoiceDay = new Date(Date.UTC(year, month, 1, 1 - 7));
const monthLabel = new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
  new Date(Date.UTC(year, month - 1, 1)),
);
/** A one-pixel PNG: a transfer receipt the server accepts on its bytes. */
const RECEIPT = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

async function totalOf(page: Page) {
  return rupiah(await page.getByTestId('invoice-total').textContent());
}

describe('billing journey', () => {
  it('takes a month’s invoice from the run through a partly accepted dispute to payment with proof, seen on both sides and on the dashboard', async () => {
    // Produk orders 2.5 hours of DevOps' feature consultation (Rp 1.000.000), which DevOps fulfils this month.
    const siti = await apiAs(DEMO_ACCOUNTS.requester.email);
    const andi = await apiAs(DEMO_ACCOUNTS.service_provider.email);
    const items = (await siti.get('/catalog/items?q=Konsultasi')).items;
    const consultation = items.find((i: { published: { name: string } }) => i.published.name === 'Konsultasi fitur');
    const order = await siti.post('/service-requests', {
      itemId: consultation.id,
      quantity: 2.5,
      answers: { topic: 'Tagihan otomatis per divisi' },
    });
    const me = await andi.get('/me');
    await andi.post(`/tickets/${order.ticket.id}/transitions`, { to: 'in_progress', assigneeId: me.user.id });
    const fresh = await andi.get(`/service-requests/${order.id}`);
    await andi.post(`/service-requests/${order.id}/complete`, {
      version: fresh.version,
      actualQuantity: 2.5,
      solutionSummary: 'Dua setengah jam sesi desain.',
    });

    // The month's run, as the schedule does it on the invoice day at 01:00 WIB, from another server process.
    const other = await secondProcess({ clock: manualClock(invoiceDay) });
    try {
      await runPeriod(other.ctx, {
        companyId: me.company.id,
        period,
        trigger: 'schedule',
        actorId: null,
        source: { actorId: null, actorEmail: null, ip: null },
      });
    } finally {
      await other.close();
    }

    // 1. Produk's Billing Coordinator is told in the app and opens the invoice from the bell.
    const payer = await newPage(browser);
    await signIn(payer.page, DEMO_ACCOUNTS.billing_coordinator.email);
    await payer.page.getByTestId('notification-bell').click();
    await payer.page.getByTestId('notification-list').getByText(`Tagihan internal Produk periode ${monthLabel}`).click();
    await payer.page.waitForURL(/\/billing\/invoices\/\d+$/);
    const invoiceUrl = new URL(payer.page.url()).pathname;
    await payer.page.getByTestId('invoice-status').getByText('Terbit').waitFor();
    const devops = payer.page.getByTestId('provider-lines').filter({ hasText: 'DevOps' });
    const line = devops.getByTestId('invoice-lines-row').filter({ hasText: order.number });
    expect(rupiah(await line.getByTestId('line-amount').textContent())).toBe(1_000_000);
    const total = await totalOf(payer.page);
    // The total is the sum of the lines shown.
    const amounts = await payer.page.getByTestId('line-amount').allTextContents();
    expect(total).toBe(amounts.reduce((sum, a) => sum + rupiah(a), 0));

    // 2. It disputes the consultation: only half of the session took place.
    await devops.getByTestId('dispute-open').click();
    await payer.page.getByRole('checkbox', { name: new RegExp(order.number) }).check();
    await payer.page.getByTestId('dispute-reason').fill('Sesi kedua dibatalkan, hanya satu jam yang terpakai.');
    await payer.page.getByTestId('form-submit').click();
    await payer.page.getByTestId('invoice-status').getByText('Disanggah').waitFor();
    expect(await payer.page.getByTestId('payment-open').count()).toBe(0);

    // 3. DevOps' Billing Coordinator sees its own lines and the dispute, and accepts Rp 400.000 of it.
    const provider = await newPage(browser);
    await signIn(provider.page, 'wulan@nusantara.test');
    await provider.page.goto(invoiceUrl);
    await provider.page.getByTestId('invoice-provider-view').waitFor();
    expect(await provider.page.getByTestId('provider-lines').filter({ hasText: 'Big Data' }).count()).toBe(0);
    const dispute = provider.page.getByTestId('dispute').filter({ hasText: 'Sesi kedua dibatalkan' });
    await dispute.getByTestId('dispute-answer').click();
    await provider.page.getByTestId('answer-part').click();
    await provider.page.getByTestId('answer-amount').fill('400000');
    await provider.page.getByTestId('answer-reason').fill('Disetujui: 1 jam tidak terpakai.');
    await provider.page.getByTestId('form-submit').click();
    await dispute.getByTestId('dispute-status').getByText('Diterima').waitFor();

    // 4. The invoice total falls by exactly Rp 400.000, shown as an adjustment line.
    await payer.page.reload();
    await payer.page.getByTestId('invoice-status').getByText('Terbit').waitFor();
    expect(await totalOf(payer.page)).toBe(total - 400_000);
    const adjustment = payer.page.getByTestId('invoice-lines-row').filter({ has: payer.page.getByTestId('line-kind') });
    expect(rupiah(await adjustment.getByTestId('line-amount').textContent())).toBe(-400_000);

    // 5. The payer confirms payment with a transfer receipt.
    await payer.page.getByTestId('payment-open').click();
    await payer.page.getByTestId('payment-reference-input').fill('TRF/PRD/E2E-01');
    const [chooser] = await Promise.all([payer.page.waitForEvent('filechooser'), payer.page.getByTestId('payment-proof-input').click()]);
    await chooser.setFiles({ name: 'bukti-transfer.png', mimeType: 'image/png', buffer: RECEIPT });
    await payer.page.getByTestId('form-submit').click();
    await payer.page.getByTestId('invoice-status').getByText('Lunas').waitFor();
    expect(await payer.page.getByTestId('payment-reference').textContent()).toBe('TRF/PRD/E2E-01');

    // 6. The provider sees it paid, with the proof.
    await provider.page.reload();
    await provider.page.getByTestId('invoice-status').getByText('Lunas').waitFor();
    const proof = provider.page.getByTestId('payment-proof');
    expect(await proof.textContent()).toBe('bukti-transfer.png');
    const download = await provider.page.request.get((await proof.getAttribute('href')) ?? '');
    expect(download.status()).toBe(200);
    expect(Buffer.compare(await download.body(), RECEIPT)).toBe(0);

    // 7. The dashboard shows the month's spend and revenue, as the charges ledger counts them.
    const executive = await apiAs(DEMO_ACCOUNTS.executive.email);
    const units = (await executive.get('/units?pageSize=200')).items as { id: number; code: string }[];
    const unitId = (code: string) => units.find((u) => u.code === code)?.id;
    const spent = (await executive.get(`/charges?division=${unitId('PRODUK')}&period=${period}`)).spent.total;
    const earned = (await executive.get(`/charges?division=${unitId('DEVOPS')}&period=${period}`)).earned.total;
    const board = await newPage(browser);
    await signIn(board.page, DEMO_ACCOUNTS.executive.email);
    await board.page.goto(`/billing/dashboard?from=${period}&to=${period}`);
    const spendRow = board.page.getByTestId('spend-table-row').filter({ hasText: 'Produk' });
    expect(rupiah(await spendRow.getByTestId('spend-amount').textContent())).toBe(spent);
    const revenueRow = board.page.getByTestId('revenue-table-row').filter({ hasText: 'DevOps' });
    expect(rupiah(await revenueRow.getByTestId('revenue-amount').textContent())).toBe(earned);
    expect(spent).toBeGreaterThanOrEqual(1_000_000 - 400_000);

    for (const session of [payer, provider, board]) {
      expect(session.errors).toEqual([]);
      await session.context.close();
    }
  });

  it('shows a phone the invoice list and the dashboard without sideways scrolling', async () => {
    const phone = await newPage(browser, { width: 390, height: 844 });
    try {
      await signIn(phone.page, DEMO_ACCOUNTS.billing_coordinator.email);
      await phone.page.goto('/billing');
      await phone.page.getByTestId('invoices-row').first().waitFor();
      await phone.page.goto('/billing/dashboard');
      await phone.page.getByTestId('dashboard-spend').waitFor();
      const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.context.close();
    }
  });
});
