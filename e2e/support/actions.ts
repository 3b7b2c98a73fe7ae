import type { Page, Response } from 'playwright-core';
import { expect } from 'vitest';

/** Picks an option of a Mantine select, as a person would: open it, click the option. */
export async function choose(page: Page, testId: string, option: string | RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).click();
}

const isWrite = (r: Response, url: RegExp) => r.request().method() !== 'GET' && url.test(r.url());

/** Does what `press` does and waits until the server has accepted the write it sends (to `url`). */
export async function saved(page: Page, press: () => Promise<unknown>, url = /\/api\/v1\//): Promise<Response> {
  const [response] = await Promise.all([page.waitForResponse((r) => isWrite(r, url)), press()]);
  expect(response.ok(), `${response.request().method()} ${response.url()} answered ${response.status()}`).toBe(true);
  return response;
}

const TICKET_WRITE = /\/api\/v1\/tickets\/\d+/;
const TIMELINE = /\/api\/v1\/tickets\/[^/]+\/timeline/;

/**
 * On the ticket page: press the action's button, fill its dialog if it has one, and wait until every write was
 * accepted (a dialog closes only then; some send two, e.g. a checklist before resolving) and the timeline was
 * fetched again after the last — the page has settled, so the next click lands where it was aimed.
 * (`waitForLoadState('networkidle')` would not do: it resolves at once on a page that was idle before.)
 */
export async function act(page: Page, action: string, fill: () => Promise<void> = async () => {}): Promise<void> {
  const writes: Response[] = [];
  const refreshes: number[] = [];
  const seen = (r: Response) => {
    if (isWrite(r, TICKET_WRITE)) writes.push(r);
    else if (r.request().method() === 'GET' && TIMELINE.test(r.url())) refreshes.push(r.request().timing().startTime);
  };
  page.on('response', seen);
  try {
    await page.getByTestId(`action-${action}`).click();
    await fill();
    const submit = page.getByTestId('action-submit');
    const dialog = await submit.isVisible();
    if (dialog) await submit.click();
    // The refresh a write causes starts once its answer has arrived.
    const answeredAt = (r: Response) => r.request().timing().startTime + r.request().timing().responseStart;
    await expect
      .poll(async () => {
        const refused = writes.find((w) => !w.ok());
        if (refused) return `${refused.request().method()} ${refused.url()} answered ${refused.status()}`;
        const last = writes.at(-1);
        const refreshed = last !== undefined && refreshes.some((started) => started >= answeredAt(last));
        return refreshed && (!dialog || (await submit.isHidden()));
      })
      .toBe(true);
  } finally {
    page.off('response', seen);
  }
}
