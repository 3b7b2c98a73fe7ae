import type { Page } from 'playwright-core';

/** Picks an option of a Mantine select, as a person would: open it, click the option. */
export async function choose(page: Page, testId: string, option: string | RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).click();
}

/**
 * On the ticket page: press the action's button, fill its dialog if it has one, and wait until the server has answered
 * and the timeline is fetched again — the page has settled, so the next click lands where it was aimed.
 * (`waitForLoadState('networkidle')` would not do: it resolves at once on a page that was idle before.)
 */
export async function act(page: Page, action: string, fill: () => Promise<void> = async () => {}): Promise<void> {
  const refetched = page.waitForResponse((r) => r.request().method() === 'GET' && /\/api\/v1\/tickets\/[^/]+\/timeline/.test(r.url()));
  await saved(page, async () => {
    await page.getByTestId(`action-${action}`).click();
    await fill();
    if (await page.getByTestId('action-submit').isVisible()) await page.getByTestId('action-submit').click();
  });
  await refetched;
}

/** Does what `press` does and waits until the server has answered the write it sends. */
export async function saved(page: Page, press: () => Promise<unknown>): Promise<void> {
  const answered = page.waitForResponse((r) => r.request().method() !== 'GET' && r.url().includes('/api/v1/'));
  await press();
  await answered;
}
