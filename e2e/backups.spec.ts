import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';
import { signIn } from './support/auth.ts';
import { launchBrowser, newPage } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('backups', () => {
  it('lets an Administrator back up now, see the run and download its archive', async () => {
    const { context, page, errors } = await newPage(browser);
    try {
      await signIn(page, DEMO_ACCOUNTS.administrator.email);
      await page.goto('/admin/backups');
      const schedule = page.getByTestId('backups-schedule');
      await schedule.waitFor();
      expect(await schedule.textContent()).toMatch(/01:30 \(Asia\/Jakarta\).*30 hari/);
      const before = await page.getByTestId('backups-table-row').count();
      await page.getByTestId('backup-now').click();
      await expect.poll(() => page.getByTestId('backups-table-row').count(), { timeout: 30_000 }).toBeGreaterThan(before);
      await page.getByTestId('backup-status-succeeded').first().waitFor({ timeout: 60_000 });
      const href = await page.getByTestId('backup-download').first().getAttribute('href');
      const archive = await page.request.get(href ?? '');
      expect(archive.status()).toBe(200);
      expect(archive.headers()['content-type']).toBe('application/gzip');
      // gzip magic bytes
      expect([...(await archive.body()).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('is not offered to a Division Admin, and the server refuses it too', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, DEMO_ACCOUNTS.division_admin.email);
      await page.getByTestId('nav-administration').click();
      expect(await page.getByTestId('nav-admin-backups').count()).toBe(0);
      expect((await page.request.get('/api/v1/backups')).status()).toBe(403);
    } finally {
      await context.close();
    }
  });
});
