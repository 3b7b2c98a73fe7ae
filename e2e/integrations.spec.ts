import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';
import { startTestProvider } from '../apps/server/test/support/oidc-provider.ts';
import { apiAs } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { baseUrl, launchBrowser, newPage } from './support/browser.ts';

let browser: Browser;
let idp: Awaited<ReturnType<typeof startTestProvider>>;

beforeAll(async () => {
  browser = await launchBrowser();
  idp = await startTestProvider({
    clientId: 'ish-e2e',
    clientSecret: 'rahasia-klien-e2e-yang-panjang',
    redirectUris: [`${baseUrl()}/api/v1/auth/oidc/kantor-e2e/callback`],
  });
  const admin = await apiAs(DEMO_ACCOUNTS.administrator.email);
  const me = await admin.get('/me');
  await admin.post('/oidc-providers', {
    companyId: me.company.id,
    slug: 'kantor-e2e',
    name: 'Akun Kantor',
    issuer: idp.issuer,
    clientId: 'ish-e2e',
    clientSecret: 'rahasia-klien-e2e-yang-panjang',
    allowedDomains: ['nusantara.test'],
    // No unit claim from this provider: new people start in the Administrator's unit.
    defaultUnitId: me.unit.id,
  });
});
afterAll(async () => {
  await browser?.close();
  await idp?.close();
});

describe('integrations', () => {
  it('a new person signs in with the identity provider from the sign-in page and lands on their landing page', async () => {
    idp.signInAs({ sub: 'e2e-rina', email: 'rina.sso@nusantara.test', email_verified: true, name: 'Rina Sso' });
    const { context, page, errors } = await newPage(browser);
    try {
      await page.goto('/login');
      await page.getByTestId('sso-kantor-e2e').click();
      await page.waitForURL((url) => url.href.startsWith(baseUrl()) && !url.pathname.startsWith('/login'));
      await page.getByTestId('tile-core').waitFor();
      await expect.poll(() => page.getByText('Rina Sso').first().isVisible()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('an email outside the allowed domains is refused on the sign-in page, in words', async () => {
    idp.signInAs({ sub: 'e2e-luar', email: 'tamu@contoh.com', email_verified: true });
    const { context, page } = await newPage(browser, { locale: 'en' });
    try {
      await page.goto('/login');
      await page.getByTestId('sso-kantor-e2e').click();
      await page.getByTestId('sso-error').waitFor();
      expect(await page.getByTestId('sso-error').textContent()).toContain('email domain');
    } finally {
      await context.close();
    }
  });

  it('an Administrator creates a service token and sees it once', async () => {
    const { context, page, errors } = await newPage(browser);
    try {
      await signIn(page, DEMO_ACCOUNTS.administrator.email);
      await page.goto('/admin/integrations');
      await page.getByTestId('tab-service-tokens').click();
      await page.getByTestId('service-token-name').fill('Monitoring Zabbix');
      // The pills input's wrapper takes the pointer: open the list as a person does, by clicking the field.
      await page.getByTestId('service-token-scopes').click({ force: true });
      await page.getByRole('option', { name: 'Membaca tiket' }).click();
      await page.keyboard.press('Escape');
      await page.getByTestId('scope-company').click();
      await page.getByRole('option').first().click();
      await page.getByTestId('service-token-create').click();
      const secret = page.getByTestId('service-token-secret');
      await secret.waitFor();
      const token = (await secret.textContent()) ?? '';
      expect(token).toMatch(/^ish_/);
      // The token works at once, and only for what its scope allows.
      const res = await fetch(`${baseUrl()}/api/v1/tickets`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      // Shown once: after a reload only its name and first characters are listed.
      await page.reload();
      await page.getByTestId('tab-service-tokens').click();
      await page.getByText('Monitoring Zabbix').waitFor();
      expect(await page.getByTestId('service-token-secret').count()).toBe(0);
      expect(await page.content()).not.toContain(token);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
  it('an Administrator maps a claim value to a unit on the provider, and the next new person lands there', async () => {
    const { context, page, errors } = await newPage(browser, { locale: 'en' });
    try {
      await signIn(page, DEMO_ACCOUNTS.administrator.email);
      await page.goto('/admin/integrations');
      await page.getByTestId('tab-sso').click();
      await page.getByTestId('sso-edit-kantor-e2e').click();
      const form = page.getByTestId('sso-edit-form');
      await form.getByTestId('sso-unit-claim').fill('department');
      await form.getByTestId('sso-map-add').click();
      await form.getByTestId('sso-map-value-0').fill('Tim Produk');
      await form.getByTestId('sso-map-unit-0').fill('PRODUK');
      await page.getByRole('option', { name: /^PRODUK · / }).click();
      await form.getByTestId('sso-save').click();
      await form.waitFor({ state: 'detached' });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
    const admin = await apiAs(DEMO_ACCOUNTS.administrator.email);
    const provider = (await admin.get('/oidc-providers')).items.find((p: { slug: string }) => p.slug === 'kantor-e2e');
    expect(provider).toMatchObject({ unitClaim: 'department', unitMapping: { 'Tim Produk': 'PRODUK' } });

    idp.signInAs({
      sub: 'e2e-dimas',
      email: 'dimas.sso@nusantara.test',
      email_verified: true,
      name: 'Dimas Sso',
      department: 'Tim Produk',
    });
    const signingIn = await newPage(browser);
    try {
      await signingIn.page.goto('/login');
      await signingIn.page.getByTestId('sso-kantor-e2e').click();
      await signingIn.page.getByTestId('tile-core').waitFor();
    } finally {
      await signingIn.context.close();
    }
    const found = await admin.get('/users?q=dimas.sso%40nusantara.test');
    expect(found.items.map((u: { unit: { code: string } }) => u.unit.code)).toEqual(['PRODUK']);
  });
});
