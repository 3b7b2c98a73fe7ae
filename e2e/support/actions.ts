import type { Page } from 'playwright-core';

/** Picks an option of a Mantine select, as a person would: open it, click the option. */
export async function choose(page: Page, testId: string, option: string | RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).click();
}

/** On the ticket page: press the action's button, fill its dialog if it has one, wait until the ticket is fetched again. */
export async function act(page: Page, action: string, fill: () => Promise<void> = async () => {}): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await fill();
  if (await page.getByTestId('action-submit').isVisible()) await page.getByTestId('action-submit').click();
  await page.waitForLoadState('networkidle');
}
