import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';
import { apiAs } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { launchBrowser, newPage } from './support/browser.ts';

// Issue 16 point 19 (001 §3.7, SOP & Panduan Pengguna): the guides in docs/guide are
// illustrated by these browser runs, which take every screenshot the guides name
// (docs/guide/images, committed with the guides and bundled into the help menu),
// and the help menu shows each reader their guide in their language.

// The guides' pictures are rewritten only by `npm run guide:images`; an ordinary run takes them
// into a scratch folder (so `npm test` leaves the tree clean) and checks each is in docs/guide/images.
const GUIDE_IMAGES = join(import.meta.dirname, '../docs/guide/images');
const updating = process.env.GUIDE_IMAGES === 'update';
const IMAGES = updating ? GUIDE_IMAGES : mkdtempSync(join(tmpdir(), 'guide-images-'));
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(IMAGES, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  if (!updating) rmSync(IMAGES, { recursive: true, force: true });
});

async function shoot(email: string, path: string, ready: (page: Page) => Promise<unknown>, name: string) {
  const { context, page, errors } = await newPage(browser, { width: 1280, height: 800 });
  try {
    await signIn(page, email);
    await page.goto(path);
    await ready(page);
    await page.waitForLoadState('networkidle');
    const file = join(IMAGES, name);
    await page.screenshot({ path: file });
    expect(statSync(file).size).toBeGreaterThan(10_000);
    expect(existsSync(join(GUIDE_IMAGES, name)), `${name} is not in docs/guide/images: npm run guide:images`).toBe(true);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}

describe('user guide', () => {
  it('takes the screenshots the guides show, each from the role the guide is for', async () => {
    const siti = await apiAs(DEMO_ACCOUNTS.requester.email);
    const ticket = (await siti.get('/tickets?queue=my_requests&pageSize=1')).items[0];
    const problem = (await (await apiAs(DEMO_ACCOUNTS.agent.email)).get('/problems?pageSize=1')).items[0];
    const { requester, agent, team_lead, administrator } = DEMO_ACCOUNTS;
    await shoot(
      requester.email,
      '/tickets/new',
      (p) => p.getByTestId('ticket-title').fill('Printer tidak bisa mencetak'),
      'new-ticket.png',
    );
    await shoot(requester.email, `/tickets/${ticket.number}`, (p) => p.getByText(ticket.number).first().waitFor(), 'ticket-requester.png');
    await shoot(
      requester.email,
      '/',
      async (p) => {
        await p.getByTestId('global-search-open').click();
        await p.getByTestId('global-search-input').fill('printer');
        await p.getByTestId('global-search-result').first().waitFor();
      },
      'global-search.png',
    );
    await shoot(agent.email, '/service-desk?queue=all', (p) => p.getByTestId('ticket-title-cell').first().waitFor(), 'queue.png');
    await shoot(agent.email, `/tickets/${ticket.number}`, (p) => p.getByText(ticket.number).first().waitFor(), 'ticket-agent.png');
    await shoot(team_lead.email, '/knowledge?view=review', (p) => p.getByTestId('knowledge-list').waitFor(), 'article-review.png');
    await shoot(agent.email, `/problems/${problem.id}`, (p) => p.getByText(problem.number).first().waitFor(), 'problem.png');
    await shoot(requester.email, '/catalog', (p) => p.getByTestId('catalog-items').waitFor(), 'catalog.png');
    await shoot(administrator.email, '/admin/service-desk', (p) => p.getByRole('tab').first().waitFor(), 'admin-service-desk.png');
  });

  for (const locale of ['id', 'en'] as const)
    it(`shows a requester their guide first, in ${locale}, with its pictures, on a phone too`, async () => {
      // Dimas is only a requester; his language is set on his profile and put back after.
      const dimas = await apiAs('dimas@nusantara.test');
      const setLocale = async (to: 'id' | 'en') => dimas.patch('/me', { version: (await dimas.get('/me')).user.version, locale: to });
      await setLocale(locale);
      const { context, page, errors } = await newPage(browser, { width: 390, height: 844, locale });
      try {
        await signIn(page, 'dimas@nusantara.test');
        await page.goto('/help');
        const text = page.getByTestId('guide-text');
        await text
          .getByRole('heading', { name: locale === 'id' ? /Panduan pemohon/ : /Requester guide/ })
          .first()
          .waitFor();
        const image = text.locator('img').first();
        await image.waitFor();
        await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
        await setLocale('id');
      }
    });
});
