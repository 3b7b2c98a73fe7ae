import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';
import { choose, saved } from './support/actions.ts';
import { apiAs } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { launchBrowser, newPage } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** A multi-select stays open after a pick; Escape closes it. */
async function chooseMany(page: Page, testId: string, option: string | RegExp) {
  await choose(page, testId, option);
  await page.keyboard.press('Escape');
}

/** The filter panel starts open only when filters are set; open it either way. */
async function openFilters(page: Page) {
  const toggle = page.getByTestId('filters-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

const rows = (page: Page) => page.getByTestId('ticket-select');
/** Lists refetch after debounced typing and saves: allow them time. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 15_000 });

describe('ticket workspace', () => {
  it('filters the queue, keeps a saved view, bulk-assigns with per-ticket results, and edits a ticket as the server allows', async () => {
    // Three P1 tickets carrying one search word: two new, one already closed (and so locked).
    const marker = `antrean${Date.now().toString(36)}`;
    const requester = await apiAs(DEMO_ACCOUNTS.requester.email);
    const leadApi = await apiAs(DEMO_ACCOUNTS.team_lead.email);
    const lead = await leadApi.get('/me');
    const p1 = { urgency: 'high', impact: 'high' };
    const a = await requester.post('/tickets', { title: `Printer ${marker} macet`, ...p1 });
    const b = await requester.post('/tickets', { title: `Scanner ${marker} rusak`, ...p1 });
    const c = await requester.post('/tickets', { title: `Monitor ${marker} berkedip`, ...p1 });
    await leadApi.post(`/tickets/${c.id}/transitions`, { to: 'in_progress', assigneeId: lead.user.id });
    await leadApi.post(`/tickets/${c.id}/transitions`, { to: 'resolved', solutionSummary: 'Kabel monitor diganti.' });
    await requester.post(`/tickets/${c.id}/transitions`, { to: 'closed' });

    const desk = await newPage(browser);
    const admin = await newPage(browser);
    const phone = await newPage(browser, { width: 390, height: 844 });
    try {
      const { page } = desk;
      await signIn(page, DEMO_ACCOUNTS.team_lead.email);

      // 1. Filter the whole queue by the search word, priority P1 and status "Baru".
      await page.goto('/service-desk?queue=all');
      await rows(page).first().waitFor();
      await page.getByTestId('ticket-search').fill(marker);
      await eventually(() => rows(page).count()).toBe(3);
      await openFilters(page);
      await chooseMany(page, 'filter-priority', 'P1 Kritis');
      await chooseMany(page, 'filter-status', 'Baru');
      await eventually(() => rows(page).count()).toBe(2);
      expect(new URL(page.url()).searchParams.get('status')).toBe('new');
      expect(new URL(page.url()).searchParams.get('priority')).toBe('P1');

      // 2. Save it as a view, leave, and reopen it from the picker.
      await page.getByTestId('views-menu').click();
      await page.getByTestId('view-save').click();
      await page.getByTestId('view-name').fill('P1 baru');
      await page.getByTestId('form-submit').click();
      await page.getByTestId('views-menu').getByText('P1 baru').waitFor();
      await page.goto('/service-desk?queue=mine');
      await page.getByTestId('views-menu').click();
      await page.getByTestId('view-open').getByText('P1 baru').click();
      await eventually(() => rows(page).count()).toBe(2);
      expect(new URL(page.url()).searchParams.get('queue')).toBe('all');
      await page.getByTestId('ticket-table').getByText(a.number).waitFor();
      await page.getByTestId('ticket-table').getByText(b.number).waitFor();

      // 3. Without the status filter, tick all three and assign them: the closed one is refused, with its reason.
      await openFilters(page);
      await page.getByTestId('filters-clear').click();
      await eventually(() => rows(page).count()).toBe(3);
      await page.getByTestId('ticket-select-all').click();
      await page.getByTestId('bulk-bar').getByText('3 tiket dipilih').waitFor();
      await page.getByTestId('bulk-assign').click();
      await choose(page, 'bulk-team', 'Service Desk');
      await page.getByTestId('bulk-assignee').fill('Budi');
      await page.getByRole('option', { name: 'Budi Santoso' }).click();
      await page.getByTestId('form-submit').click();
      const results = page.getByTestId('bulk-result');
      await eventually(() => results.count()).toBe(3);
      for (const ticket of [a, b]) expect(await results.filter({ hasText: ticket.number }).getAttribute('data-ok')).toBe('true');
      const refused = results.filter({ hasText: c.number });
      expect(await refused.getAttribute('data-ok')).toBe('false');
      expect(await refused.textContent()).toMatch(/dikunci/);
      await page.getByTestId('bulk-results-close').click();
      expect((await leadApi.get(`/tickets/${a.id}`)).assignee.name).toBe('Budi Santoso');

      // 4. Override A's priority with a reason: the timeline says from what to what, and why.
      await page.goto(`/tickets/${a.number}`);
      await page.getByTestId('priority-override').click();
      await choose(page, 'priority-value', 'P2 Tinggi');
      await page.getByTestId('priority-reason').fill('Hanya satu pengguna terdampak');
      await page.getByTestId('form-submit').click();
      await page.getByTestId('timeline').getByText('P1 → P2 · Hanya satu pengguna terdampak').waitFor();

      // 5. Add a checklist item and tick it; it stays ticked after a reload.
      await page.getByTestId('checklist-new').fill('Bersihkan roller kertas');
      await page.getByTestId('checklist-add').click();
      const item = page.getByTestId('checklist-item').filter({ hasText: 'Bersihkan roller kertas' });
      await item.waitFor();
      // The box is ticked once the server has saved the list.
      await item.getByRole('checkbox').click();
      await eventually(() => item.getByRole('checkbox').isChecked()).toBe(true);
      await page.reload();
      await eventually(() => item.getByRole('checkbox').isChecked()).toBe(true);

      // 6. Link A to B; B shows the link back.
      await page.getByTestId('link-add').click();
      await page.getByTestId('link-other').fill(b.number);
      await page.getByTestId('form-submit').click();
      await page.getByTestId('ticket-link').getByText(b.number).waitFor();
      await page.goto(`/tickets/${b.number}`);
      await page.getByTestId('ticket-link').getByText(a.number).waitFor();
      // From B the link can be removed again, for both.
      await page.getByTestId('link-remove').click();
      await eventually(() => page.getByTestId('ticket-link').count()).toBe(0);
      await page.getByText('melepas tautan tiket').first().waitFor();

      // 7. The Administrator renames "assigned" in Indonesian; the queue shows the new name. Then restores it.
      await signIn(admin.page, DEMO_ACCOUNTS.administrator.email);
      await admin.page.goto('/admin/service-desk?tab=labels');
      await admin.page.getByTestId('label-assigned-id').fill('Ditangani');
      await saved(admin.page, () => admin.page.getByTestId('status-labels-save').click());
      await page.goto(`/service-desk?queue=all&q=${marker}`);
      const rowOf = (number: string) => page.getByTestId('ticket-table').getByRole('row').filter({ hasText: number });
      await rowOf(a.number).getByText('Ditangani').waitFor();
      await admin.page.getByTestId('label-assigned-id').fill('');
      await saved(admin.page, () => admin.page.getByTestId('status-labels-save').click());
      await page.reload();
      await rowOf(a.number).getByText('Ditugaskan').waitFor();

      // 8. At phone width the queue is a list of cards, and nothing scrolls sideways.
      await signIn(phone.page, DEMO_ACCOUNTS.team_lead.email);
      await phone.page.goto(`/service-desk?queue=all&q=${marker}`);
      await eventually(() => phone.page.getByTestId('ticket-card').count()).toBe(3);
      expect(await phone.page.getByTestId('ticket-table').count()).toBe(0);
      expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

      for (const session of [desk, admin, phone]) expect(session.errors).toEqual([]);
    } finally {
      for (const session of [desk, admin, phone]) await session.context.close();
    }
  });

  it('resolves tickets in bulk from the queue with one solution summary, by keyboard, each ticket answering for itself', async () => {
    // Two tickets the lead is working and one nobody has started yet (a new ticket cannot be resolved).
    const marker = `selesai${Date.now().toString(36)}`;
    const requester = await apiAs(DEMO_ACCOUNTS.requester.email);
    const leadApi = await apiAs(DEMO_ACCOUNTS.team_lead.email);
    const lead = await leadApi.get('/me');
    const a = await requester.post('/tickets', { title: `Wi-Fi ${marker} putus` });
    const b = await requester.post('/tickets', { title: `VPN ${marker} gagal` });
    const fresh = await requester.post('/tickets', { title: `Mouse ${marker} rusak` });
    for (const x of [a, b]) await leadApi.post(`/tickets/${x.id}/transitions`, { to: 'in_progress', assigneeId: lead.user.id });

    const { context, page, errors } = await newPage(browser);
    try {
      await signIn(page, DEMO_ACCOUNTS.team_lead.email);
      await page.goto(`/service-desk?queue=all&q=${marker}`);
      await eventually(() => rows(page).count()).toBe(3);
      await page.getByTestId('ticket-select-all').click();
      await page.getByTestId('bulk-bar').getByText('3 tiket dipilih').waitFor();

      // The bulk bar works from the keyboard: focus "Selesaikan", press Enter.
      await page.getByTestId('bulk-resolve').focus();
      await page.keyboard.press('Enter');
      const solution = page.getByTestId('bulk-solution');
      await solution.waitFor();
      // Without a summary the server refuses the whole change and says so at the field; nothing changes.
      await page.getByTestId('form-submit').click();
      await page.getByText('Ringkasan solusi wajib diisi untuk menyelesaikan tiket.').first().waitFor();
      expect((await leadApi.get(`/tickets/${a.id}`)).status).toBe('in_progress');

      await solution.fill('Access point lantai 2 diganti.');
      await choose(page, 'bulk-fulfilment', 'Sementara');
      await page.getByTestId('form-submit').click();
      const results = page.getByTestId('bulk-result');
      await eventually(() => results.count()).toBe(3);
      for (const ticket of [a, b]) expect(await results.filter({ hasText: ticket.number }).getAttribute('data-ok')).toBe('true');
      const refused = results.filter({ hasText: fresh.number });
      expect(await refused.getAttribute('data-ok')).toBe('false');
      expect(await refused.textContent()).toMatch(/dari Baru ke Terselesaikan tidak diizinkan/);
      await page.getByTestId('bulk-results-close').click();
      for (const ticket of [a, b])
        expect(await leadApi.get(`/tickets/${ticket.id}`)).toMatchObject({
          status: 'resolved',
          solutionSummary: 'Access point lantai 2 diganti.',
          fulfilment: 'temporary',
        });
      expect((await leadApi.get(`/tickets/${fresh.id}`)).status).toBe('new');
      // The one console error is the refused empty summary's 400.
      expect(errors).toEqual([expect.stringMatching(/status of 400/)]);
    } finally {
      await context.close();
    }
  });

  it('lets an agent log a ticket for a caller, in the caller’s unit, with the channel they used', async () => {
    const { context, page, errors } = await newPage(browser);
    try {
      await signIn(page, DEMO_ACCOUNTS.agent.email);
      await page.goto('/tickets/new');
      await page.getByTestId('ticket-for').getByText('Untuk penelepon').click();
      await page.getByTestId('ticket-requester').fill('Siti');
      await page.getByRole('option', { name: /Siti Rahmawati/ }).click();
      await choose(page, 'ticket-channel', 'Datang langsung');
      await page.getByTestId('ticket-contact-phone').fill('0812-5555-0101');
      await page.getByTestId('ticket-title').fill('Proyektor ruang rapat tidak menyala');
      await page.getByTestId('ticket-submit').click();
      await page.waitForURL(/\/tickets\/INC-/);
      const number = (await page.getByTestId('ticket-number').textContent())?.trim() ?? '';
      const ticket = await (await apiAs(DEMO_ACCOUNTS.agent.email)).get(`/tickets/${number}`);
      expect(ticket.requester.name).toBe(DEMO_ACCOUNTS.requester.name);
      expect(ticket.unit.name).toBe('Produk');
      expect(ticket.channel).toBe('walk_in');
      expect(ticket.contactPhone).toBe('0812-5555-0101');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
