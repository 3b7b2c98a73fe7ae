import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';
import { apiAs } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { launchBrowser, newPage } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('knowledge base and problems', () => {
  it('deflects a ticket with a suggested article, drafts one from a solution, reviews it, and finds it by another word form', async () => {
    const leadApi = await apiAs(DEMO_ACCOUNTS.team_lead.email);
    const before = (await leadApi.get('/knowledge/stats')).deflections;

    // 1. A requester types a title; the demo's printer article answers it, and no ticket is filed.
    const requester = await newPage(browser);
    await signIn(requester.page, DEMO_ACCOUNTS.requester.email);
    await requester.page.goto('/tickets/new');
    await requester.page.getByTestId('ticket-title').fill('Printer lantai 2 tidak mau mencetak');
    const suggestion = requester.page.getByTestId('ticket-suggestion').filter({ hasText: 'Printer tidak bisa cetak' });
    await suggestion.waitFor();
    await suggestion.getByTestId('ticket-suggestion-solved').click();
    await requester.page.waitForURL((url) => url.pathname === '/');
    await expect.poll(async () => (await leadApi.get('/knowledge/stats')).deflections, { timeout: 10_000 }).toBe(before + 1);

    // 2. An agent drafts an article in one click from a resolved ticket, and sends it for review.
    const api = await apiAs(DEMO_ACCOUNTS.requester.email);
    const agentApi = await apiAs(DEMO_ACCOUNTS.agent.email);
    const me = await agentApi.get('/me');
    const ticket = await api.post('/tickets', { title: 'Tidak bisa memindai ke folder jaringan', urgency: 'low', impact: 'low' });
    await agentApi.post(`/tickets/${ticket.id}/transitions`, { to: 'in_progress', assigneeId: me.user.id });
    await agentApi.post(`/tickets/${ticket.id}/transitions`, {
      to: 'resolved',
      solutionSummary: 'Kata sandi akun pemindai diperbarui di mesin fotokopi.',
    });
    const agent = await newPage(browser);
    await signIn(agent.page, DEMO_ACCOUNTS.agent.email);
    await agent.page.goto(`/tickets/${ticket.number}`);
    await agent.page.getByTestId('article-draft').click();
    await agent.page.waitForURL(/\/knowledge\/\d+$/);
    await agent.page.getByText('Kata sandi akun pemindai diperbarui').waitFor();
    await agent.page.getByTestId('article-submit').click();
    await agent.page
      .getByTestId('article-working')
      .getByText(/menunggu tinjauan/)
      .waitFor();
    const articleUrl = agent.page.url();

    // 3. The team lead finds it in the review queue and publishes it.
    const lead = await newPage(browser);
    await signIn(lead.page, DEMO_ACCOUNTS.team_lead.email);
    await lead.page.goto('/knowledge?view=review');
    await lead.page.getByTestId('knowledge-item').filter({ hasText: 'Tidak bisa memindai ke folder jaringan' }).click();
    await lead.page.getByTestId('article-approve').click();
    await lead.page.getByTestId('article-history').getByText('Terbit').waitFor();

    // 4. The requester finds it with another word form ("pemindaian" for "memindai").
    await requester.page.goto('/knowledge?q=pemindaian');
    await requester.page.getByTestId('knowledge-item').filter({ hasText: 'Tidak bisa memindai ke folder jaringan' }).waitFor();
    await requester.page.goto(articleUrl);
    await requester.page.getByTestId('article-solved').waitFor();
  });

  it('hints a known error on a like incident, and resolves a problem with its incidents', async () => {
    const requester = await apiAs(DEMO_ACCOUNTS.requester.email);
    const agentApi = await apiAs(DEMO_ACCOUNTS.agent.email);
    const me = await agentApi.get('/me');
    const categories = await requester.get('/ticket-categories?pageSize=200');
    const printing = categories.items.find((c: { code: string }) => c.code === 'HW-PRINT');
    const incident = await requester.post('/tickets', {
      title: 'Printer lantai 5 macet lagi',
      urgency: 'medium',
      impact: 'low',
      categoryId: printing.id,
    });
    await agentApi.post(`/tickets/${incident.id}/transitions`, { to: 'in_progress', assigneeId: me.user.id });

    const agent = await newPage(browser);
    await signIn(agent.page, DEMO_ACCOUNTS.agent.email);
    await agent.page.goto(`/tickets/${incident.number}`);
    const hint = agent.page.getByTestId('problem-hints');
    await hint.getByText(/Matikan printer 30 detik|matikan printer 30 detik/i).waitFor();
    await hint.getByTestId('problem-hint-link').click();
    await hint.getByTestId('problem-hint-link').waitFor({ state: 'detached' });

    const lead = await newPage(browser);
    await signIn(lead.page, DEMO_ACCOUNTS.team_lead.email);
    await lead.page.goto('/problems?status=known_error');
    await lead.page.getByTestId('problem-table').getByText('Printer jaringan sering macet').waitFor();
    await lead.page.getByTestId('problem-table').getByRole('link').first().click();
    await lead.page.getByTestId('problem-incidents-card').getByText(incident.number).waitFor();
    await lead.page.getByTestId('problem-action-resolve').click();
    await lead.page.getByTestId('problem-fix').fill('Firmware printer diperbarui ke versi 4.2 di semua lantai.');
    await lead.page.getByTestId('problem-note').fill('Firmware printer diperbarui; mohon coba cetak lagi.');
    await lead.page.getByTestId('problem-step-submit').click();
    const outcome = lead.page.getByTestId('problem-outcome');
    await outcome.getByText(new RegExp(incident.number)).waitFor();
    expect((await requester.get(`/tickets/${incident.id}`)).status).toBe('resolved');
  });
});
