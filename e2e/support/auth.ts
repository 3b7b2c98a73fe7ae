import type { Page } from 'playwright-core';

export const DEMO_PASSWORD = 'Sandi12345';

/** Signs in through the login form, as a person would, and waits for the landing page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.getByTestId('tile-core').waitFor();
}
