import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSlas } from '../apps/server/src/modules/sla/index.ts';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';
import { apiAs } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { launchBrowser, newPage } from './support/browser.ts';
import { secondProcess } from './support/second-process.ts';

let browser: Browser;
let other: Awaited<ReturnType<typeof secondProcess>>;
beforeAll(async () => {
  browser = await launchBrowser();
  other = await secondProcess();
});
afterAll(async () => {
  await browser?.close();
  await other?.close();
});

const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

/** Exports the report on screen in `format` and returns the saved file's path. */
async function exportAs(page: Page, format: 'pdf' | 'xlsx', dir: string) {
  await page.getByTestId('report-export').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`report-export-${format}`).click()]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return { path, name: download.suggestedFilename() };
}

describe('reports', () => {
  it('the Executive opens the dashboard, drills from SLA breached into the tickets, and exports the recap as PDF and XLSX', async () => {
    // A P1 ticket whose clocks have run out (the SLA checker of a second process, two hours on).
    const marker = `terlambat${Date.now().toString(36)}`;
    const requester = await apiAs(DEMO_ACCOUNTS.requester.email);
    const ticket = await requester.post('/tickets', { title: `Server ${marker} mati`, urgency: 'high', impact: 'high' });
    await checkSlas(other.ctx, Date.now() + 2 * 3_600_000);
    const executiveApi = await apiAs(DEMO_ACCOUNTS.executive.email);
    const dashboard = await executiveApi.get('/reports/dashboard');
    expect(dashboard.breached).toBeGreaterThan(0);

    const { page, context, errors } = await newPage(browser);
    const dir = mkdtempSync(join(tmpdir(), 'ish-report-'));
    try {
      await signIn(page, DEMO_ACCOUNTS.executive.email);
      // The landing page shows the Executive's figures; the tile opens the module's dashboard.
      await page.getByTestId('widget-executive').getByTestId('figure-breached').waitFor();
      await page.getByTestId('tile-reports').click();
      await page.waitForURL('**/reports');
      await expect.poll(() => page.getByTestId('figure-breached-value').textContent()).toBe(String(dashboard.breached));

      // "SLA breached" opens exactly those tickets in the Service Desk list.
      await page.getByTestId('figure-breached').click();
      await page.waitForURL((url) => url.pathname === '/service-desk' && url.searchParams.get('sla') === 'breached');
      const url = new URL(page.url());
      expect(url.searchParams.get('createdFrom')).toBe(dashboard.from);
      const listed = await executiveApi.get(`/tickets?${url.searchParams.toString()}`);
      expect(listed.total).toBe(dashboard.breached);
      await page.getByTestId('ticket-search').fill(marker);
      await eventually(() => page.getByText(ticket.number).first().isVisible()).toBe(true);
      expect((await executiveApi.get(`/tickets?${url.searchParams.toString()}&q=${marker}`)).items).toHaveLength(1);

      // The recap by unit and status, exported.
      await page.goto('/reports/tickets?rows=unit&columns=status');
      await page.getByTestId('recap-table').waitFor();
      const recap = await executiveApi.get('/reports/tickets?rows=unit&columns=status');
      await expect.poll(() => page.getByTestId('recap-total').textContent()).toBe(String(recap.totals.all));

      const pdf = await exportAs(page, 'pdf', dir);
      expect(pdf.name).toMatch(/^tickets-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.pdf$/);
      const text = execFileSync('pdftotext', ['-layout', pdf.path, '-'], { encoding: 'utf8' });
      expect(text).toContain('Grup Nusantara');
      expect(text).toContain('REKAP TIKET');
      expect(text).toMatch(/Periode 1 \S+ \d{4} s\.d\. \d+ \S+ \d{4}/);
      expect(text).toContain('Filter: semua data dalam cakupan Anda');
      expect(text).toMatch(/Dibuat \d+/);
      expect(text).toMatch(/Halaman 1 dari \d+/);
      expect(text).toContain('Unit/SKPD');
      expect(text).toMatch(new RegExp(`Jumlah.*\\b${recap.totals.all}\\b`));

      const xlsx = await exportAs(page, 'xlsx', dir);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(readFileSync(xlsx.path) as unknown as ArrayBuffer);
      const sheet = book.worksheets[0];
      const cells: unknown[][] = [];
      sheet?.eachRow((row) => {
        cells.push((row.values as unknown[]).slice(1));
      });
      expect(cells[0]?.[0]).toBe('Rekap Tiket');
      const header = cells.find((r) => r[0] === 'Unit/SKPD');
      expect(header).toEqual(['Unit/SKPD', ...recap.columns.map((c: { label: string }) => c.label), 'Jumlah']);
      expect(cells.at(-1)).toEqual(['Jumlah', ...recap.totals.columns, recap.totals.all]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the dashboard and a readable chart on a phone', async () => {
    const { page, context, errors } = await newPage(browser, { width: 390, height: 844 });
    try {
      await signIn(page, DEMO_ACCOUNTS.executive.email);
      await page.goto('/reports/sla');
      await page.getByTestId('sla-table').waitFor();
      // The chart fits the screen; the table scrolls inside its card, not the page.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      expect(await page.locator('.recharts-surface').first().isVisible()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
