import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act } from './support/actions.ts';
import { apiAs } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { baseUrl, launchBrowser, newPage } from './support/browser.ts';

let browser: Browser;
let gateway: Server;
/** Text messages the SMS gateway was asked to send. */
const sms: { to: string; text: string }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  // A stand-in for the organisation's SMS gateway: it keeps what it is asked to send.
  gateway = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      sms.push(JSON.parse(body));
      res.writeHead(200).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  const admin = await apiAs('admin@nusantara.test');
  const current = await admin.get('/settings/sms-gateway');
  await admin.put('/settings/sms-gateway', {
    version: current.version,
    enabled: true,
    url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    bodyTemplate: '{"to":"{phone}","text":"{message}"}',
  });
});
afterAll(async () => {
  await browser?.close();
  gateway?.close();
});

/** The SMS to `phone` whose text matches, once the server has sent it. */
async function smsTo(phone: string, pattern: RegExp): Promise<string> {
  let text = '';
  await expect
    .poll(() => (text = sms.find((m) => m.to === phone && pattern.test(m.text))?.text ?? ''), { timeout: 30_000, interval: 250 })
    .not.toBe('')
    .catch(async (error) => {
      const { secondProcess } = await import('./support/second-process.ts');
      const other = await secondProcess();
      const { rows } = await other.ctx.pool.query(
        'SELECT event, channel, status, last_error, address FROM notification_deliveries ORDER BY id DESC LIMIT 5',
      );
      await other.close();
      throw new Error(`${String(error)}\nsms: ${JSON.stringify(sms)}\ndeliveries: ${JSON.stringify(rows)}`);
    });
  return text;
}

/** A path of this app from a link in a text message. */
const pathOf = (text: string, marker: string) => {
  const url = text.split(/\s+/).find((w) => w.includes(marker)) ?? '';
  return url.slice(baseUrl().length);
};

const noSideways = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);

describe('a public disruption report on a phone', () => {
  it('goes from the report with evidence to the reporter’s survey, shown on the ticket', async () => {
    const png = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#e8590c' } })
      .png()
      .toBuffer();

    // 1. A resident opens Lapor Gangguan on a phone, without signing in: Indonesian first, English a tap away.
    const reporter = await newPage(browser, { width: 390, height: 844, locale: 'en' });
    const { page } = reporter;
    await page.goto('/report/kominfo-bukittinggi');
    await page.getByRole('heading', { name: 'Lapor Gangguan' }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-en').click();
    await page.getByRole('heading', { name: 'Report a disruption' }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-id').click();
    await page.getByRole('heading', { name: 'Lapor Gangguan' }).waitFor();
    await noSideways(page);

    // 2. They fill in 004's form with a photo as evidence and send it.
    await page.getByTestId('report-name').fill('Maya Sari');
    await page.getByTestId('report-phone').fill('0812-7788-9900');
    await page.getByTestId('report-address').fill('Simpang Panorama, dekat Taman Panorama');
    await page.getByTestId('report-kelurahan').fill('Bukit Cangang Kayu Ramang');
    await page.getByTestId('report-kecamatan').fill('Guguk Panjang');
    await page.getByTestId('report-serviceId').click();
    await page.getByRole('option', { name: 'CCTV Kota' }).click();
    await page.getByTestId('report-description').fill('CCTV di simpang Panorama mati sejak tadi malam.\nLayar pemantauan hanya hitam.');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('report-evidence').click()]);
    await chooser.setFiles({ name: 'cctv-mati.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-received').waitFor({ timeout: 20_000 });
    const number = (await page.getByTestId('report-number').textContent())?.trim() ?? '';
    const code = (await page.getByTestId('report-code').textContent())?.trim() ?? '';
    expect(number).toMatch(/^INC-\d{4}-\d{6}$/);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await noSideways(page);

    // 3. 004 Figure 10: an SMS with the number and the tracking link, to the number as E.164.
    const received = await smsTo('+6281277889900', new RegExp(number));
    const trackPath = pathOf(received, '/track/');
    expect(trackPath).toBe(`/track/${number}?code=${code}`);

    // 4. They follow the report from the link: status and their evidence, no session needed.
    await page.goto(trackPath);
    await page.getByTestId('tracked-status').waitFor();
    await page.getByTestId('tracked-timeline').getByText('cctv-mati.png').waitFor();
    await noSideways(page);

    // 5. Kominfo's agent sees the reporter beside the ticket, takes it, writes an internal note and resolves it.
    const agent = await newPage(browser);
    await signIn(agent.page, 'yoga@bukittinggi.test');
    await agent.page.goto(`/tickets/${number}`);
    await agent.page.getByTestId('ticket-contact-name').getByText('Maya Sari').waitFor();
    await agent.page.getByTestId('ticket-contact-kelurahan').getByText('Bukit Cangang Kayu Ramang').waitFor();
    await act(agent.page, 'take');
    await act(agent.page, 'start');
    await agent.page.getByTestId('internal-toggle').check();
    await agent.page.getByTestId('reply-body').fill('Catatan internal: kunci panel CCTV di pos jaga.');
    await agent.page.getByTestId('reply-submit').click();
    await agent.page.getByText('Catatan internal: kunci panel CCTV di pos jaga.').waitFor();
    await act(agent.page, 'resolve', async () => {
      await agent.page.getByTestId('resolve-summary').fill('Adaptor daya CCTV diganti, gambar kembali normal.');
    });

    // 6. The reporter hears by SMS, sees the resolution (never the internal note) and confirms it.
    const resolved = await smsTo('+6281277889900', /selesai ditangani/);
    expect(pathOf(resolved, '/survey/')).toMatch(/^\/survey\/\d+\./);
    await page.reload();
    await page.getByTestId('tracked-solution').getByText('Adaptor daya CCTV diganti').waitFor();
    expect(await page.getByTestId('tracked').textContent()).not.toContain('kunci panel');
    await page.getByTestId('tracked-confirm').click();
    await page.getByTestId('tracked-status').getByText('Ditutup').waitFor();

    // 7. The survey (004 Figure 11): three star questions and a suggestion, once, without signing in.
    await page.getByTestId('tracked-survey-open').click();
    await page.getByTestId('survey-number').waitFor();
    expect(await page.getByTestId('survey-number').inputValue()).toBe(number);
    await page.getByTestId('survey-service-5').click();
    await page.getByTestId('survey-restored-4').click();
    await page.getByTestId('survey-information-5').click();
    await page.getByTestId('survey-suggestion').fill('Petugas cepat datang, terima kasih.');
    await noSideways(page);
    await page.getByTestId('survey-send').click();
    await page.getByTestId('survey-thanks').waitFor();
    expect(reporter.errors).toEqual([]);

    // 8. The satisfaction shows on the ticket.
    await agent.page.reload();
    await agent.page.getByTestId('ticket-csat-state').getByText('Dijawab').waitFor();
    expect(await agent.page.getByTestId('ticket-csat-service').getAttribute('data-value')).toBe('5');
    expect(await agent.page.getByTestId('ticket-csat-restored').getAttribute('data-value')).toBe('4');
    await agent.page.getByTestId('ticket-csat-suggestion').getByText('Petugas cepat datang').waitFor();
    await reporter.context.close();
    await agent.context.close();
  });
});
