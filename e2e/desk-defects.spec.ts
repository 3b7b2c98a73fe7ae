import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';
import { act, choose } from './support/actions.ts';
import { apiAs } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { launchBrowser, newPage } from './support/browser.ts';

// Issue 16, "defects users hit" 1–8: each as a person meets it in the browser.

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'ish-defects-'));
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const marker = () => Date.now().toString(36);

/** DevOps' published VM item: 8 VMs (Rp 6.000.000) wait for Produk's approver. */
async function vmItem(as: Awaited<ReturnType<typeof apiAs>>): Promise<{ id: number }> {
  const items: { id: number; published: { nameId: string } | null }[] = (await as.get('/catalog/items?q=VM')).items;
  const vm = items.find((i) => i.published?.nameId === 'Penyediaan VM');
  if (!vm) throw new Error('demo item "Penyediaan VM" not found');
  return vm;
}

describe('defects users hit', () => {
  it('1: shows my open tickets and the approvals waiting for me as they are, not as fixed empty states', async () => {
    const requester = await apiAs(DEMO_ACCOUNTS.requester.email);
    const ticket = await requester.post('/tickets', { title: `Proyektor ruang rapat mati ${marker()}`, urgency: 'medium', impact: 'low' });
    const vm = await vmItem(requester);
    // Rp 6.000.000, above Produk's threshold: it waits for Hendra.
    const request = await requester.post('/service-requests', { itemId: vm.id, quantity: 8, answers: { os: 'ubuntu' } });

    const siti = await newPage(browser);
    await signIn(siti.page, DEMO_ACCOUNTS.requester.email);
    await siti.page.getByTestId('widget-open-tickets').getByText(ticket.number).waitFor();
    const open = (await requester.get('/tickets?queue=my_requests&status=new,assigned,in_progress,pending,resolved&pageSize=1')).total;
    expect(await siti.page.getByTestId('widget-open-tickets-count').textContent()).toBe(String(open));
    await siti.page.getByTestId('widget-open-tickets').getByRole('link', { name: 'Semua tiket saya' }).click();
    await siti.page.waitForURL(/\/service-desk\?.*queue=my_requests/);

    const hendra = await newPage(browser);
    await signIn(hendra.page, DEMO_ACCOUNTS.approver.email);
    const approvals = hendra.page.getByTestId('widget-pending-approvals');
    await approvals.getByText(request.number).waitFor();
    const approver = await apiAs(DEMO_ACCOUNTS.approver.email);
    const waiting = (await approver.get('/approvals?state=pending&pageSize=1')).total;
    expect(waiting).toBeGreaterThan(0);
    expect(await hendra.page.getByTestId('widget-pending-approvals-count').textContent()).toBe(String(waiting));
    // Decided, it leaves the card.
    const step = (await approver.get('/approvals?state=pending&pageSize=100')).items.find(
      (a: { request: { number: string } }) => a.request.number === request.number,
    );
    await approver.post(`/approvals/${step.id}/decision`, { decision: 'approve', comment: 'Disetujui.' });
    await hendra.page.reload();
    await hendra.page
      .getByTestId('widget-pending-approvals-count')
      .getByText(String(waiting - 1), { exact: true })
      .waitFor();
    expect(await approvals.getByText(request.number).count()).toBe(0);

    // Nobody waits for the agent: the card says so.
    const budi = await newPage(browser);
    await signIn(budi.page, DEMO_ACCOUNTS.agent.email);
    await budi.page.getByTestId('widget-pending-approvals').getByText('Tidak ada permintaan yang menunggu persetujuan Anda.').waitFor();
    await budi.page.getByTestId('widget-assigned').waitFor();
    for (const session of [siti, hendra, budi]) await session.context.close();
  });

  it('2: checks files before sending, and keeps a file that failed after creation on the ticket page to retry', async () => {
    const html = join(dir, 'halaman.html');
    writeFileSync(html, '<html><body>bukan gambar</body></html>');
    const disguised = join(dir, 'bukti.png');
    writeFileSync(disguised, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const { page } = await newPage(browser);
    await signIn(page, DEMO_ACCOUNTS.requester.email);
    await page.goto('/tickets/new');
    await page.getByTestId('ticket-title').fill(`Lampiran uji ${marker()}`);
    // The policy is shown in the picker, and a refused type is said at once: nothing can be sent.
    await page.getByText(/Diizinkan: .*\.png.*maksimal 10 MB/).waitFor();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('ticket-attachment').click()]);
    await chooser.setFiles(html);
    await page.getByText(/halaman\.html.*tidak diizinkan/).waitFor();
    expect(await page.getByTestId('ticket-submit').isDisabled()).toBe(true);
    // A file the browser cannot judge (its bytes are not an image) fails on the server after the ticket exists.
    const [again] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('ticket-attachment').click()]);
    await again.setFiles(disguised);
    await page.getByTestId('ticket-submit').click();
    await page.waitForURL(/\/tickets\/INC-/);
    const failed = page.getByTestId('attachment-failed');
    await failed.getByText(/bukti\.png: .*tidak diizinkan/).waitFor();
    await page.getByTestId('attachment-retry').click();
    await failed.getByText(/bukti\.png/).waitFor();
    expect(await page.getByTestId('attachment-list').getByText('bukti.png').count()).toBe(0);
  });

  it('3: offers a lead of another team neither Take nor Start, and an "Assign to…" that works', async () => {
    const requester = await apiAs(DEMO_ACCOUNTS.requester.email);
    const eko = await apiAs('eko@nusantara.test');
    const ticket = await requester.post('/tickets', { title: `Switch lantai 7 mati ${marker()}`, urgency: 'high', impact: 'medium' });
    const infra = (await eko.get('/teams?q=INFRA')).items[0];
    await eko.patch(`/tickets/${ticket.id}`, { version: ticket.version, teamId: infra.id });
    const { page } = await newPage(browser);
    await signIn(page, DEMO_ACCOUNTS.team_lead.email); // Dewi: a lead, not in Infrastruktur
    await page.goto(`/tickets/${ticket.number}`);
    await page.getByTestId('action-assign-to').waitFor();
    expect(await page.getByTestId('action-take').count()).toBe(0);
    expect(await page.getByTestId('action-start').count()).toBe(0);
    await page.getByTestId('action-assign-to').click();
    await choose(page, 'assign-person', 'Joko Susilo');
    await page.getByTestId('assign-submit').click();
    await page.getByText('Joko Susilo').first().waitFor();
    await page.getByTestId('action-start').waitFor();
    await act(page, 'start');
    await page.getByText('Diproses').first().waitFor();
  });

  it('4: says a queue search is limited to its tab, offers all tickets, and searches everything from the header', async () => {
    const requester = await apiAs(DEMO_ACCOUNTS.requester.email);
    const ticket = await requester.post('/tickets', { title: `Proyektor aula ${marker()}`, urgency: 'low', impact: 'low' });
    const part = ticket.number.slice(-6);
    const { page } = await newPage(browser);
    await signIn(page, DEMO_ACCOUNTS.agent.email);
    await page.goto(`/service-desk?queue=team&q=${part}`);
    await page
      .getByTestId('search-scope')
      .getByText(/antrean “Tim saya” saja/)
      .waitFor();
    await page.getByTestId('search-everywhere').click();
    await page.getByTestId('ticket-table').getByText(ticket.number).waitFor();
    await page
      .getByTestId('search-scope')
      .getByText(/semua tiket/)
      .waitFor();

    // The header search, opened with the keyboard.
    await page.keyboard.press('Control+k');
    await page.getByTestId('global-search-input').fill(part);
    await page.getByTestId('global-search-tickets').getByText(ticket.number).waitFor();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/tickets/${ticket.number}`));
  });

  it('5: shows the whole escalation on the timeline and keeps the L1 agent’s internal notes', async () => {
    const requester = await apiAs(DEMO_ACCOUNTS.requester.email);
    const ticket = await requester.post('/tickets', { title: `Server arsip lambat ${marker()}`, urgency: 'medium', impact: 'medium' });
    const { page } = await newPage(browser);
    await signIn(page, DEMO_ACCOUNTS.agent.email);
    await page.goto(`/tickets/${ticket.number}`);
    await act(page, 'take');
    await act(page, 'start');
    await act(page, 'escalate', async () => {
      await choose(page, 'escalate-team', 'Infrastruktur');
      await page.getByTestId('action-reason').fill('Perlu cek disk server');
    });
    const entry = page.locator('[data-kind="escalated"]');
    await entry.getByText(/Fungsional: 1 → L2 – tim spesialis · Infrastruktur · Perlu cek disk server/).waitFor();
    await page.getByTestId('internal-toggle').waitFor();
    await page.getByTestId('internal-toggle').check();
    await page.getByTestId('reply-body').fill('Catatan: disk 95% penuh');
    await page.getByTestId('reply-submit').click();
    await page.locator('[data-kind="internal_note"]').getByText('Catatan: disk 95% penuh').waitFor();
  });

  it('6: numbers a fulfilment ticket SR-… and names its service and request', async () => {
    const requester = await apiAs(DEMO_ACCOUNTS.requester.email);
    const requests = await requester.get('/service-requests?pageSize=50');
    const request = requests.items.find((r: { ticket: unknown }) => r.ticket);
    expect(request).toBeDefined();
    const { page } = await newPage(browser);
    await signIn(page, DEMO_ACCOUNTS.requester.email);
    await page.goto(`/tickets/${request.ticket.number}`);
    expect(await page.getByTestId('ticket-number').textContent()).toMatch(/^SR-\d{4}-\d{6}$/);
    await page.getByTestId('ticket-origin').getByText(`${request.number} · ${request.item.name}`).waitFor();
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe(request.item.name);
  });

  it('7: gives titles room at 1280 px and lets people choose the columns', async () => {
    const requester = await apiAs(DEMO_ACCOUNTS.requester.email);
    const title = `Aplikasi absensi menolak login setelah pembaruan kata sandi ${marker()}`;
    const ticket = await requester.post('/tickets', { title, urgency: 'low', impact: 'low' });
    const { page } = await newPage(browser, { width: 1280 });
    await signIn(page, DEMO_ACCOUNTS.agent.email);
    await page.goto(`/service-desk?queue=all&q=${ticket.number}`);
    const cell = page.getByTestId('ticket-title-cell').filter({ hasText: title });
    await cell.waitFor();
    // Eleven words fit on at most two lines: the title is not cut to a few words.
    const box = await cell.boundingBox();
    expect(box?.width).toBeGreaterThan(350);
    expect(box?.height).toBeLessThan(50);
    expect(await cell.textContent()).toBe(title);
    await page.getByTestId('columns-toggle').click();
    await page.getByTestId('column-team').check();
    await page.getByTestId('column-sla').uncheck();
    await page.keyboard.press('Escape');
    await page.getByTestId('ticket-table').getByRole('columnheader', { name: 'Tim', exact: true }).waitFor();
    await page.reload();
    await page.getByTestId('ticket-table').getByRole('columnheader', { name: 'Tim', exact: true }).waitFor();
    expect(await page.getByTestId('ticket-table').getByRole('columnheader', { name: 'SLA', exact: true }).count()).toBe(0);
  });

  it('8: exports the current list with its filters as XLSX', async () => {
    const requester = await apiAs(DEMO_ACCOUNTS.requester.email);
    const ticket = await requester.post('/tickets', { title: `Ekspor uji ${marker()}`, urgency: 'low', impact: 'low' });
    const { page } = await newPage(browser);
    await signIn(page, DEMO_ACCOUNTS.team_lead.email);
    await page.goto(`/service-desk?queue=all&q=${ticket.number}`);
    await page.getByTestId('ticket-table').getByText(ticket.number).waitFor();
    await page.getByTestId('export-toggle').click();
    const href = await page.getByTestId('export-xlsx').getAttribute('href');
    expect(href).toContain(`q=${ticket.number}`);
    expect(href).toContain('queue=all');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^tickets-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = join(dir, 'export.xlsx');
    await download.saveAs(file);
    // A zip (XLSX) holding the ticket's number in its shared strings.
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    // Requesters are not offered it.
    const requesterPage = await newPage(browser);
    await signIn(requesterPage.page, DEMO_ACCOUNTS.requester.email);
    await requesterPage.page.goto('/service-desk');
    await requesterPage.page.getByTestId('ticket-new').waitFor();
    expect(await requesterPage.page.getByTestId('export-toggle').count()).toBe(0);
  });
  it('9: a missing page keeps the navigation, and the browser’s validation speaks the app’s language', async () => {
    // An English browser, an Indonesian user: the bubble must not say "Please fill out this field."
    const { context, page } = await newPage(browser, { locale: 'en' });
    await signIn(page, DEMO_ACCOUNTS.requester.email);
    await page.goto('/tickets/new');
    const message = await page.getByTestId('ticket-title').evaluate((input: HTMLInputElement) => {
      let said = '';
      input.addEventListener('invalid', () => (said = input.validationMessage), { once: true });
      input.value = '';
      input.reportValidity();
      return said;
    });
    expect(message).toBe('Wajib diisi.');
    // The field is not left blocked: filled in, it is valid again.
    await page.getByTestId('ticket-title').fill('Monitor berkedip');
    await expect.poll(() => page.getByTestId('ticket-title').evaluate((input: HTMLInputElement) => input.checkValidity())).toBe(true);

    await page.goto('/halaman-yang-tidak-ada');
    await page.getByText('Halaman tidak ditemukan').waitFor();
    await page.getByTestId('global-search-open').waitFor();
    await context.close();
  });
  it('9: a requester withdraws a request that waits for approval, and it leaves the approver’s queue', async () => {
    const requester = await apiAs(DEMO_ACCOUNTS.requester.email);
    const vm = await vmItem(requester);
    const request = await requester.post('/service-requests', { itemId: vm.id, quantity: 8, answers: { os: 'ubuntu' } });
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO_ACCOUNTS.requester.email);
    await page.goto(`/catalog/requests/${request.number}`);
    await page.getByTestId('request-withdraw').click();
    await page.getByTestId('reason').fill('Sudah tidak diperlukan.');
    await page.getByTestId('form-submit').click();
    await page.getByTestId('request-status').getByText('Dibatalkan').waitFor();
    await page.getByText('Ditarik pemohon').first().waitFor();
    expect(await page.getByTestId('request-withdraw').count()).toBe(0);
    const approver = await apiAs(DEMO_ACCOUNTS.approver.email);
    const waiting = (await approver.get('/approvals?state=pending&pageSize=100')).items;
    expect(waiting.some((a: { request: { number: string } }) => a.request.number === request.number)).toBe(false);
    await context.close();
  });
  it('9: the audit log reads in words and names, not codes and ids', async () => {
    await apiAs(DEMO_ACCOUNTS.requester.email); // a fresh sign-in of Siti's
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO_ACCOUNTS.administrator.email);
    await page.goto('/admin/audit');
    await page.getByTestId('audit-actor').fill('siti@');
    const row = page.getByRole('row').filter({ hasText: 'siti@nusantara.test' }).first();
    await row.getByTestId('audit-action-label').getByText('Masuk', { exact: true }).first().waitFor();
    expect(await row.getByTestId('audit-target-label').textContent()).toBe('Pengguna: Siti Rahmawati');
    expect(await page.getByText('auth.login', { exact: true }).count()).toBe(0);
    await context.close();
  });
  it('9: a Division Admin sent back from a page is told why, and the version history fits at 1280 px', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO_ACCOUNTS.division_admin.email);
    await page.goto('/admin/sla');
    await page.waitForURL((url) => url.pathname === '/');
    await page
      .getByTestId('landing-denied')
      .getByText(/\/admin\/sla/)
      .waitFor();
    await context.close();

    const requester = await apiAs(DEMO_ACCOUNTS.requester.email);
    const vm = await vmItem(requester);
    const manager = await newPage(browser, { width: 1280, height: 800 });
    await signIn(manager.page, DEMO_ACCOUNTS.catalog_manager.email);
    await manager.page.goto(`/catalog/items/${vm.id}`);
    const history = manager.page.getByTestId('version-history');
    await history.getByTestId('version-history-row').first().waitFor();
    // Nothing inside is cut or scrolls sideways.
    const clipped = await history.evaluate(
      (root) =>
        [root, ...root.querySelectorAll('*')].filter(
          (el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible',
        ).length,
    );
    expect(clipped).toBe(0);
    await manager.context.close();
  });

  it('9: tab rows scroll sideways on a 390 px phone instead of being cut or wrapped', async () => {
    const { context, page } = await newPage(browser, { width: 390, height: 800 });
    await signIn(page, DEMO_ACCOUNTS.team_lead.email);
    for (const path of ['/service-desk', '/reports']) {
      await page.goto(path);
      const list = page.getByRole('tablist').first();
      await list.getByRole('tab').first().waitFor();
      const row = await list.evaluate((el) => {
        const tabs = [...el.querySelectorAll('[role="tab"]')].map((t) => t.getBoundingClientRect());
        return {
          overflowX: getComputedStyle(el).overflowX,
          scrolls: el.scrollWidth > el.clientWidth,
          oneRow: new Set(tabs.map((r) => Math.round(r.top))).size === 1,
          pageWidth: document.documentElement.scrollWidth,
        };
      });
      // More tabs than fit: one row that scrolls, and the page itself stays 390 px wide.
      expect(row).toEqual({ overflowX: 'auto', scrolls: true, oneRow: true, pageWidth: 390 });
      // The last tab is reached by scrolling the row, and shows whole.
      const last = list.getByRole('tab').last();
      await last.scrollIntoViewIfNeeded();
      const box = await last.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    }
    await context.close();
  });

  it('9: the ticket category picker is a tree, not a list with "— —" prefixes', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO_ACCOUNTS.requester.email);
    await page.goto('/tickets/new');
    await page.getByTestId('ticket-category').click();
    const parent = page.getByRole('option').filter({ hasText: /^Perangkat Keras$/ });
    const child = page.getByRole('option').filter({ hasText: /^Komputer$/ });
    await child.waitFor();
    // Sub-categories sit a level below their parent, drawn by indentation, not by dashes in their names.
    expect(await parent.getAttribute('aria-level')).toBe('1');
    expect(await parent.getAttribute('aria-expanded')).toBe('true');
    expect(await child.getAttribute('aria-level')).toBe('2');
    const names = await page.getByRole('option').allTextContents();
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((n) => /^\s*[—–-]/.test(n))).toEqual([]);
    // Collapsing the parent hides its sub-categories.
    await parent.getByRole('button', { name: 'Tutup' }).click();
    await child.waitFor({ state: 'detached' });
    await parent.getByRole('button', { name: 'Buka' }).click();
    await child.click();
    expect(await page.getByTestId('ticket-category').inputValue()).toBe('Komputer');
    await context.close();
  });
});
