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

describe('notifications', () => {
  it('rings the bell without a reload when an agent replies, opens the ticket and marks it read', async () => {
    const requesterApi = await apiAs(DEMO_ACCOUNTS.requester.email);
    const agentApi = await apiAs(DEMO_ACCOUNTS.agent.email);
    const ticket = await requesterApi.post('/tickets', { title: 'Monitor berkedip di ruang rapat', urgency: 'low', impact: 'low' });
    // The "we received your ticket" notice is worked out by a job just after the ticket is saved: read it too.
    await expect
      .poll(async () => (await requesterApi.get('/notifications')).items.some((n: { title: string }) => n.title.includes(ticket.number)), {
        timeout: 15_000,
      })
      .toBe(true);
    await requesterApi.post('/notifications/read', { all: true });

    const { context, page, errors } = await newPage(browser);
    try {
      await signIn(page, DEMO_ACCOUNTS.requester.email);
      const bell = page.getByTestId('notification-bell');
      await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifikasi');

      // The reply arrives over the server-sent event stream: no reload, no polling.
      await agentApi.post(`/tickets/${ticket.id}/comments`, { body: '<p>Teknisi segera datang.</p>' });
      await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 }).toBe('Notifikasi, 1 belum dibaca');

      await bell.click();
      const item = page.getByTestId('notification-list').locator('[data-unread="true"]').first();
      expect(await item.textContent()).toContain(ticket.number);
      await item.click();
      await page.waitForURL(`**/tickets/${ticket.number}`);
      await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifikasi');
      expect((await requesterApi.get('/notifications')).unread).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps the choice of channels per event from the profile', async () => {
    const { context, page, errors } = await newPage(browser, { width: 390 });
    try {
      await signIn(page, DEMO_ACCOUNTS.agent.email);
      await page.goto('/profile');
      const emailOnReply = page.getByRole('checkbox', { name: 'Balasan baru: Email' });
      expect(await emailOnReply.isChecked()).toBe(true);
      // Every channel's column fits the phone: nothing to scroll sideways to.
      const visibleRight = await page
        .getByTestId('notification-preferences')
        .evaluate((el) => (el.closest('.mantine-ScrollArea-root') ?? el).getBoundingClientRect().right);
      const sms = await page.getByRole('checkbox', { name: 'Balasan baru: SMS/WhatsApp' }).boundingBox();
      expect((sms?.x ?? Number.POSITIVE_INFINITY) + (sms?.width ?? 0)).toBeLessThanOrEqual(visibleRight);
      await emailOnReply.click();
      await page.getByRole('button', { name: 'Simpan pilihan' }).click();
      await page.getByText('Pilihan notifikasi disimpan.').waitFor();

      const agentApi = await apiAs(DEMO_ACCOUNTS.agent.email);
      const items: { event: string; channel: string; enabled: boolean }[] = (await agentApi.get('/me/notification-preferences')).items;
      expect(items.find((i) => i.event === 'reply_added' && i.channel === 'email')?.enabled).toBe(false);
      expect(items.find((i) => i.event === 'reply_added' && i.channel === 'in_app')?.enabled).toBe(true);
      await page.reload();
      expect(await page.getByRole('checkbox', { name: 'Balasan baru: Email' }).isChecked()).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
