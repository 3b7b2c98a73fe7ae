import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';
import { apiAs } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { launchBrowser, newPage } from './support/browser.ts';

const TILES = ['core', 'service_desk', 'catalog', 'billing', 'reports', 'administration'] as const;
type Tile = (typeof TILES)[number];

// Every demo user is also a Requester of their own unit, so Core, Service Desk
// and Service Catalog are everyone's; the rest follow the role.
const common: Tile[] = ['core', 'service_desk', 'catalog'];
const EXPECTED: Record<keyof typeof DEMO_ACCOUNTS, Tile[]> = {
  requester: common,
  agent: common,
  team_lead: [...common, 'reports'],
  service_provider: common,
  catalog_manager: common,
  approver: common,
  billing_coordinator: [...common, 'billing'],
  billing_admin: [...common, 'billing'],
  change_requester: common,
  change_manager: common,
  cab_member: common,
  implementer: common,
  executive: [...common, 'billing', 'reports'],
  division_admin: [...common, 'administration'],
  administrator: [...TILES],
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('landing page per role', () => {
  for (const [role, account] of Object.entries(DEMO_ACCOUNTS) as [keyof typeof DEMO_ACCOUNTS, { email: string }][]) {
    it(`shows ${role} exactly their tiles`, async () => {
      const { context, page, errors } = await newPage(browser);
      try {
        await signIn(page, account.email);
        for (const tile of TILES) {
          const visible = await page.getByTestId(`tile-${tile}`).isVisible();
          expect(visible, `${role} → ${tile}`).toBe(EXPECTED[role].includes(tile));
        }
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

describe('changes waiting for me', () => {
  it('shows a CAB member the changes awaiting their vote and the Change Manager their review queue, as the API counts them', async () => {
    for (const [email, queue] of [
      ['indra@nusantara.test', 'votes'],
      [DEMO_ACCOUNTS.change_manager.email, 'review'],
    ] as const) {
      const { total } = await (await apiAs(email)).get(`/changes?queue=${queue}&pageSize=1`);
      expect(total, `${email} has demo changes waiting in ${queue}`).toBeGreaterThan(0);
      const { context, page, errors } = await newPage(browser);
      try {
        await signIn(page, email);
        const link = page.getByTestId(`widget-changes-${queue}`);
        await expect.poll(() => link.getAttribute('data-count')).toBe(String(total));
        await link.click();
        await page.waitForURL(`**/changes/${queue}`);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('tells a requester with no change role nothing about changes', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, DEMO_ACCOUNTS.requester.email);
      await page.getByTestId('widget-open-tickets').waitFor();
      expect(await page.getByTestId('widget-changes').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});

describe('language and phone', () => {
  it('switches the language and keeps it for the user', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, DEMO_ACCOUNTS.approver.email);
      const title = page.getByTestId('tile-catalog');
      expect(await title.textContent()).toMatch(/Katalog Layanan/);
      await page.getByTestId('language-switch').click();
      await page.getByTestId('language-en').click();
      await expect.poll(() => title.textContent()).toMatch(/Service Catalog/);
      // Saved on the user: a fresh browser session opens in English.
      const second = await newPage(browser);
      await signIn(second.page, DEMO_ACCOUNTS.approver.email);
      expect(await second.page.getByTestId('tile-catalog').textContent()).toMatch(/Service Catalog/);
      await second.context.close();
    } finally {
      await context.close();
    }
  });

  it('works on a 390 px wide phone', async () => {
    const { context, page, errors } = await newPage(browser, { width: 390, height: 844 });
    try {
      await signIn(page, DEMO_ACCOUNTS.administrator.email);
      for (const tile of TILES) expect(await page.getByTestId(`tile-${tile}`).isVisible()).toBe(true);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.getByTestId('nav-burger').click();
      await page.getByTestId('nav-administration').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('content security policy', () => {
  it('serves the app under a CSP without inline script, and the app runs with no violation', async () => {
    const { context, page, errors } = await newPage(browser);
    try {
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      const response = await page.goto('/');
      const csp = response?.headers()['content-security-policy'] ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(response?.headers()['x-frame-options']).toBe('DENY');
      await signIn(page, DEMO_ACCOUNTS.administrator.email);
      await page.getByTestId('tile-administration').click();
      // The Administrator's first administration screen: people.
      await page.waitForURL(/\/admin\/users/);
      await page.getByTestId('users-search').waitFor();
      expect(violations).toEqual([]);
      // The signed-out shell's 401 for /me is expected; nothing else may fail.
      expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('code and translations split by route', () => {
  it('the sign-in page fetches neither the signed-in pages nor other translations; built chunks are cached for good, the shell is not', async () => {
    const { context, page, errors } = await newPage(browser, { locale: 'en' });
    try {
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
      });
      const shell = await page.goto('/login');
      expect(shell?.headers()['cache-control']).toBe('no-cache');
      await page.getByTestId('login-submit').waitFor();
      expect(scripts.some((s) => /\/LoginPage-/.test(s))).toBe(true);
      expect(scripts.filter((s) => /\/(AppLayout|LandingPage|WorkspacePage|TicketPage)-/.test(s))).toEqual([]);
      const locales = scripts.filter((s) => s.includes('/locale-')).map((s) => /locale-(\w+-\w+)-/.exec(s)?.[1]);
      expect(locales).toEqual(expect.arrayContaining(['en-common', 'en-auth']));
      expect(locales.every((l) => /^(en|id)-(common|auth)$/.test(l ?? ''))).toBe(true);
      const asset = await page.request.get(scripts[0] as string);
      expect(asset.headers()['cache-control']).toBe('public, max-age=31536000, immutable');

      await signIn(page, DEMO_ACCOUNTS.requester.email);
      expect(scripts.some((s) => /\/LandingPage-/.test(s))).toBe(true);
      expect(scripts.some((s) => /\/locale-(en|id)-landing-/.test(s))).toBe(true);
      expect(await page.getByTestId('tile-core').textContent()).not.toMatch(/^\s*\w+\.\w+/);
      // The landing page's namespaces only, not every namespace of the language; the next page brings its own.
      const fetched = () => scripts.map((s) => /locale-\w+-(\w+)-/.exec(s)?.[1]).filter(Boolean);
      expect(fetched()).not.toEqual(expect.arrayContaining(['tickets']));
      expect(fetched()).not.toEqual(expect.arrayContaining(['admin']));
      await page.goto('/tickets/new');
      await expect.poll(() => fetched()).toEqual(expect.arrayContaining(['tickets']));
      await expect.poll(() => page.locator('main').textContent()).not.toMatch(/\b(tickets|common):[a-z]/);
      expect(errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
