import type { Browser } from 'playwright-core';
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

const MIN = 60_000;

describe('SLA badge', () => {
  it('turns amber near the target, red after the breach, and lists the ticket under "breaching soon"', async () => {
    const requester = await apiAs(DEMO_ACCOUNTS.requester.email);
    const agentApi = await apiAs(DEMO_ACCOUNTS.agent.email);
    const me = await agentApi.get('/me');
    const ticket = await requester.post('/tickets', { title: 'Server penjualan tidak bisa diakses', urgency: 'high', impact: 'high' });
    await agentApi.post(`/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: me.user.id });
    const created = Date.parse(ticket.createdAt);

    const { context, page, errors } = await newPage(browser);
    try {
      await signIn(page, DEMO_ACCOUNTS.agent.email);
      await page.goto(`/tickets/${ticket.number}`);
      const badge = page.getByTestId('sla-badge').first();
      await expect.poll(() => badge.getAttribute('data-state'), { timeout: 10_000 }).toBe('ok');

      // Another server process runs the minutely SLA check at 46 of the 60 minutes.
      await checkSlas(other.ctx, created + 46 * MIN);
      await page.reload();
      await expect.poll(() => badge.getAttribute('data-state'), { timeout: 10_000 }).toBe('warning');
      expect(await badge.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');

      // Narrowed to the ticket: after the other journeys the queue holds more than one page.
      await page.goto(`/service-desk?queue=breaching&q=${ticket.number}`);
      await page.getByText(ticket.number).first().waitFor();

      await checkSlas(other.ctx, created + 61 * MIN);
      await page.goto(`/tickets/${ticket.number}`);
      await expect.poll(() => page.getByTestId('sla-badge').first().getAttribute('data-state'), { timeout: 10_000 }).toBe('breached');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
