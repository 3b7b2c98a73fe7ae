import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';
import { apiAs } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { launchBrowser, newPage } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('attendance', () => {
  it('an agent checks in from the landing page on a phone, with a location note, once', async () => {
    const { page, context, errors } = await newPage(browser, { width: 390, height: 844 });
    try {
      await signIn(page, DEMO_ACCOUNTS.agent.email);
      const widget = page.getByTestId('widget-attendance');
      await widget.getByTestId('attendance-note').fill('Gedung Nusantara Lt. 5');
      await widget.getByTestId('attendance-check-in').click();
      await widget.getByTestId('attendance-in').waitFor();
      expect(await widget.getByTestId('attendance-check-in').count()).toBe(0);
      expect(await widget.getByTestId('attendance-check-out').isVisible()).toBe(true);

      // The server kept it: once a day, with the note.
      const api = await apiAs(DEMO_ACCOUNTS.agent.email);
      const today = await api.get('/attendance/today');
      expect(today.record).toMatchObject({ checkInNote: 'Gedung Nusantara Lt. 5' });
      await expect(api.post('/attendance/check-in', {})).rejects.toThrow(/409.*ALREADY_CHECKED_IN/);

      // After a reload the landing page still says so; the profile shows the same day.
      await page.reload();
      await page.getByTestId('widget-attendance').getByTestId('attendance-in').waitFor();
      await page.goto('/profile');
      await page.getByTestId('attendance-card').getByTestId('attendance-in').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
