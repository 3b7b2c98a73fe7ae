import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';
import { act, choose } from './support/actions.ts';
import { signIn } from './support/auth.ts';
import { launchBrowser, newPage } from './support/browser.ts';

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'ish-journey-'));
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('ticket journey', () => {
  it('goes from a requester’s report to a locked ticket with its Berita Acara', async () => {
    const png = join(dir, 'bukti.png');
    writeFileSync(
      png,
      await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c92a2a' } })
        .png()
        .toBuffer(),
    );

    // 1. The requester files a ticket with a screenshot.
    const requester = await newPage(browser);
    await signIn(requester.page, DEMO_ACCOUNTS.requester.email);
    await requester.page.goto('/tickets/new');
    await requester.page.getByTestId('ticket-title').fill('Aplikasi SIK tidak bisa dibuka');
    await requester.page.getByTestId('ticket-description').fill('Muncul pesan error 500 sejak pagi.');
    await choose(requester.page, 'ticket-urgency', 'Tinggi');
    const [chooser] = await Promise.all([
      requester.page.waitForEvent('filechooser'),
      requester.page.getByTestId('ticket-attachment').click(),
    ]);
    await chooser.setFiles(png);
    await requester.page.getByTestId('ticket-submit').click();
    await requester.page.waitForURL(/\/tickets\/INC-/);
    const number = (await requester.page.getByTestId('ticket-number').textContent())?.trim() ?? '';
    expect(number).toMatch(/^INC-\d{4}-\d{6}$/);
    await requester.page.getByTestId('attachment-list').getByText('bukti.png').waitFor();

    // 2. The service desk agent takes it, starts work and escalates to the L2 infrastructure team.
    const agent = await newPage(browser);
    await signIn(agent.page, DEMO_ACCOUNTS.agent.email);
    await agent.page.goto(`/tickets/${number}`);
    await act(agent.page, 'take');
    await act(agent.page, 'start');
    await act(agent.page, 'escalate', async () => {
      await choose(agent.page, 'escalate-team', 'Infrastruktur');
      await agent.page.getByTestId('action-reason').fill('Perlu pengecekan server aplikasi');
    });
    await agent.page.getByText('Level 2').waitFor();

    // 3. The L2 engineer takes it over (it waits as assigned for the new team), starts and resolves it.
    const engineer = await newPage(browser);
    await signIn(engineer.page, 'joko@nusantara.test');
    await engineer.page.goto(`/tickets/${number}`);
    await act(engineer.page, 'take');
    await act(engineer.page, 'start');
    await act(engineer.page, 'resolve', async () => {
      await engineer.page.getByTestId('resolve-summary').fill('Layanan aplikasi dijalankan ulang dan disk log dibersihkan.');
      await engineer.page.getByTestId('resolve-checklist').fill('Cek log server\nBersihkan disk log\nRestart layanan');
    });
    await engineer.page.getByTestId('ticket-solution').getByText('Restart layanan').waitFor();

    // 4. The requester confirms: the ticket is locked.
    await requester.page.reload();
    await act(requester.page, 'confirm');
    await requester.page.getByTestId('ticket-locked').waitFor();
    expect(await requester.page.getByTestId('action-reopen').count()).toBe(0);

    // 5. The Berita Acara carries the number, the summary and the dates.
    const href = await requester.page.getByTestId('document-berita-acara').getAttribute('href');
    const pdf = await requester.context.request.get(href ?? '');
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const file = join(dir, 'ba.pdf');
    writeFileSync(file, await pdf.body());
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    expect(text).toContain(number);
    expect(text).toContain('Layanan aplikasi dijalankan ulang dan disk log dibersihkan.');
    expect(text).toContain('[x] Restart layanan');
    expect(text).toMatch(/Tanggal selesai\s+\d{1,2} \w+ \d{4}/);
    expect(text).toContain('Joko Susilo');

    for (const session of [requester, agent, engineer]) {
      expect(session.errors).toEqual([]);
      await session.context.close();
    }
  });
});
