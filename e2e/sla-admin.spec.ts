import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';
import { choose } from './support/actions.ts';
import { apiAs } from './support/api.ts';
import { DEMO_PASSWORD, signIn } from './support/auth.ts';
import { launchBrowser, newPage } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const suffix = Date.now().toString(36);

/** Saves the open dialog and waits until it has closed (the server accepted it). */
async function submit(page: Page) {
  await page.getByTestId('form-submit').click();
  await page.getByTestId('form-submit').waitFor({ state: 'detached' });
}

const rowOf = (page: Page, table: string, text: string) => page.getByTestId(`${table}-row`).filter({ hasText: text });

describe('SLA and notification administration', () => {
  it('lets an Administrator set calendars, holidays, policies, rules, templates and the SMS gateway', async () => {
    const adminApi = await apiAs(DEMO_ACCOUNTS.administrator.email);
    // A policy of its own, inactive, so editing it changes no other journey's tickets.
    const policyName = `Kebijakan uji ${suffix}`;
    const calendars = (await adminApi.get('/calendars')).items as { id: number; always: boolean }[];
    const policy = await adminApi.post('/sla-policies', {
      nameId: policyName,
      nameEn: `Test policy ${suffix}`,
      ticketType: 'question',
      priority: 'P4',
      categoryId: null,
      serviceId: null,
      responseMinutes: 60,
      resolutionMinutes: 480,
      calendarId: calendars.find((c) => !c.always)?.id,
    });
    await adminApi.patch(`/sla-policies/${policy.id}`, { version: policy.version, active: false });

    const { context, page, errors } = await newPage(browser);
    try {
      await signIn(page, DEMO_ACCOUNTS.administrator.email);
      await page.getByTestId('nav-administration').click();
      await page.getByTestId('nav-admin-sla').click();
      await page.waitForURL(/\/admin\/sla/);

      // 1. A business calendar in WITA with a lunch break on Monday and a half day on Saturday.
      const calendarName = `Kantor Makassar ${suffix}`;
      await page.getByTestId('sla-tab-calendars').click();
      await page.getByTestId('calendar-create').click();
      await page.getByTestId('calendar-name-id').fill(calendarName);
      await page.getByTestId('calendar-name-en').fill(`Makassar office ${suffix}`);
      await choose(page, 'calendar-timezone', /Asia\/Makassar/);
      const monday = page.getByTestId('calendar-day-1');
      await monday.getByTestId('window-end').fill('12:00');
      await monday.getByTestId('window-add').click();
      await monday.getByTestId('window-start').nth(1).fill('13:00');
      await monday.getByTestId('window-end').nth(1).fill('17:00');
      const saturday = page.getByTestId('calendar-day-6');
      await saturday.getByTestId('day-open').check({ force: true });
      await saturday.getByTestId('window-start').fill('08:00');
      await saturday.getByTestId('window-end').fill('12:00');
      await submit(page);
      await rowOf(page, 'calendars-table', calendarName).waitFor();
      const calendar = ((await adminApi.get('/calendars')).items as { id: number; name: string }[]).find((c) => c.name === calendarName);
      expect(calendar).toMatchObject({
        nameEn: `Makassar office ${suffix}`,
        timeZone: 'Asia/Makassar',
        always: false,
        hours: [
          [],
          [
            [480, 720],
            [780, 1020],
          ],
          [[480, 1020]],
          [[480, 1020]],
          [[480, 1020]],
          [[480, 1020]],
          [[480, 720]],
        ],
      });

      // 2. A local day off on that calendar, on the 15th of this month.
      const holidayName = `Hari jadi kantor ${suffix}`;
      await page.getByTestId('sla-tab-holidays').click();
      await choose(page, 'holidays-calendar', calendarName);
      await page.getByTestId('holiday-create').click();
      await page.getByTestId('holiday-name-id').fill(holidayName);
      await page.getByTestId('holiday-name-en').fill(`Office anniversary ${suffix}`);
      await page.getByTestId('holiday-kind').getByText('Libur lokal').click();
      const today = new Date();
      const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-15`;
      await page.getByTestId('holiday-day').click();
      await page
        .getByRole('button', {
          name: new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${day}T12:00:00`)),
        })
        .click();
      await submit(page);
      await rowOf(page, 'holidays-table', holidayName).waitFor();
      const holidays = (await adminApi.get(`/holidays?from=${day}&to=${day}&calendarId=${calendar?.id}`)).items;
      expect(holidays).toContainEqual(
        expect.objectContaining({
          name: holidayName,
          nameEn: `Office anniversary ${suffix}`,
          kind: 'local',
          calendarId: calendar?.id,
          day,
        }),
      );

      // 3. New targets for a policy, typed as hours and minutes and shown that way in the list.
      await page.getByTestId('sla-tab-policies').click();
      await rowOf(page, 'policies-table', policyName).getByTestId('policy-edit').click();
      await page.getByTestId('policy-response-hours').fill('2');
      await page.getByTestId('policy-response-minutes').fill('30');
      await page.getByTestId('policy-resolution-hours').fill('16');
      await page.getByTestId('policy-resolution-minutes').fill('0');
      await submit(page);
      const policyRow = rowOf(page, 'policies-table', policyName);
      await expect.poll(() => policyRow.getByTestId('policy-response-value').textContent()).toBe('2 jam 30 menit');
      expect(await policyRow.getByTestId('policy-resolution-value').textContent()).toBe('16 jam');
      expect((await adminApi.get('/sla-policies')).items).toContainEqual(
        expect.objectContaining({ id: policy.id, responseMinutes: 150, resolutionMinutes: 960, active: false }),
      );

      // 4. An escalation rule: idle for 6 hours → tell the executives (saved inactive, to leave other journeys alone).
      const ruleName = `Diam 6 jam → eksekutif ${suffix}`;
      await page.getByTestId('sla-tab-rules').click();
      await page.getByTestId('rule-create').click();
      await page.getByTestId('rule-name').fill(ruleName);
      await page.getByTestId('rule-trigger-idle').check();
      await page.getByTestId('rule-idle').fill('6');
      await choose(page, 'rule-action', 'Beri tahu suatu peran');
      await choose(page, 'rule-role', 'Eksekutif');
      await page.getByTestId('rule-active').uncheck({ force: true });
      await submit(page);
      await rowOf(page, 'rules-table', ruleName).getByText('Tidak ada pembaruan selama 6 jam').waitFor();
      expect((await adminApi.get('/escalation-rules')).items).toContainEqual(
        expect.objectContaining({ name: ruleName, trigger: 'idle', idleHours: 6, action: 'notify_role', role: 'executive', active: false }),
      );

      // 5. An email template with variables, and its preview filled from the sample ticket.
      await page.getByTestId('nav-admin-notifications').click();
      await page.waitForURL(/\/admin\/notifications/);
      await choose(page, 'template-event', 'Pengingat menunggu jawaban');
      await page.getByTestId('template-locale').getByText('English').click();
      await page.getByTestId('template-subject').fill('[{number}] We are waiting for you');
      await page.getByTestId('template-body').fill('Hello {requester}, ticket {number} needs your answer: ');
      await page.getByTestId('template-var-title').click();
      expect(await page.getByTestId('template-body').inputValue()).toBe('Hello {requester}, ticket {number} needs your answer: {title}');
      // The preview follows the text before it is saved.
      const preview = page.getByTestId('template-preview-body');
      await expect
        .poll(() => preview.textContent())
        .toBe('Hello Siti Rahmawati, ticket INC-2026-000123 needs your answer: Internet kantor cabang mati');
      expect(await page.getByTestId('template-preview-subject').textContent()).toBe('[INC-2026-000123] We are waiting for you');
      await page.getByTestId('template-save').click();
      const saved = async () =>
        (
          (await adminApi.get('/notification-templates')).items as {
            event: string;
            locale: string;
            channel: string;
            custom: boolean;
            body: string;
          }[]
        ).find((x) => x.event === 'pending_reminder' && x.locale === 'en' && x.channel === 'email' && x.custom)?.body;
      await expect.poll(saved).toBe('Hello {requester}, ticket {number} needs your answer: {title}');
      // Back to the default text.
      await page.getByTestId('template-restore').click();
      await page.getByTestId('confirm').click();
      await expect.poll(() => page.getByTestId('template-custom').textContent()).toMatch(/bawaan/i);

      // 6. The SMS gateway: on, with its URL and an API key header.
      await page.getByTestId('notifications-tab-gateway').click();
      await page.getByTestId('gateway-enabled').check({ force: true });
      await page.getByTestId('gateway-url').fill('https://sms.example.test/send');
      await page.getByTestId('gateway-header-add').click();
      await page.getByTestId('gateway-header-name').nth(1).fill('Authorization');
      await page.getByTestId('gateway-header-value').nth(1).fill('Bearer rahasia');
      await page.getByTestId('gateway-save').click();
      await expect.poll(async () => (await adminApi.get('/settings/sms-gateway')).url).toBe('https://sms.example.test/send');
      expect(await adminApi.get('/settings/sms-gateway')).toMatchObject({
        enabled: true,
        method: 'POST',
        headers: { 'content-type': 'application/json', Authorization: 'Bearer rahasia' },
      });

      // 7. The delivery log filters by status.
      await page.getByTestId('notifications-tab-deliveries').click();
      await choose(page, 'deliveries-status', 'Dilewati');
      const statuses = () => page.getByTestId('deliveries-table-row').locator('.mantine-Badge-root').allTextContents();
      // Only skipped ones are listed (or none, when nothing was skipped), never the whole log.
      const skipped = (await adminApi.get('/notification-deliveries?status=skipped&pageSize=1')).total > 0;
      await expect
        .poll(async () => {
          const shown = await statuses();
          return skipped ? shown.length > 0 && shown.every((s) => /dilewati/i.test(s)) : shown.length === 0;
        })
        .toBe(true);

      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('keeps the SLA and notification sections from those who are not Administrators', async () => {
    for (const account of [DEMO_ACCOUNTS.agent, DEMO_ACCOUNTS.division_admin]) {
      const { context, page, errors } = await newPage(browser);
      try {
        await signIn(page, account.email);
        const administration = page.getByTestId('nav-administration');
        if (await administration.isVisible()) await administration.click();
        expect(await page.getByTestId('nav-admin-sla').count()).toBe(0);
        expect(await page.getByTestId('nav-admin-notifications').count()).toBe(0);
        for (const path of ['/admin/sla', '/admin/notifications']) {
          await page.goto(path);
          await page.waitForURL((url) => url.pathname === '/');
        }
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('offers a company’s Administrator their company’s settings only, never forms of the whole organisation', async () => {
    const adminApi = await apiAs(DEMO_ACCOUNTS.administrator.email);
    const unit = (await adminApi.get('/units?q=Diskominfo&pageSize=5')).items[0] as { id: number; companyId: number };
    const user = await adminApi.post('/users', {
      email: `admin-kominfo-${suffix}@bukittinggi.test`,
      name: 'Admin Kominfo',
      unitId: unit.id,
      password: DEMO_PASSWORD,
    });
    await adminApi.post(`/users/${user.id}/grants`, { role: 'administrator', scope: { kind: 'company', companyId: unit.companyId } });

    const { context, page, errors } = await newPage(browser);
    try {
      await signIn(page, user.email);
      await page.goto('/admin/settings');
      await page.getByTestId('settings-company-identity').waitFor();
      // An empty name shows the organisation's, which they read without reading the organisation's settings.
      const organisation = (await adminApi.get('/settings')).identity.organisationName;
      expect(await page.getByTestId('company-branding-name').getAttribute('placeholder')).toBe(organisation);
      await page.getByTestId('settings-organisation-only').waitFor();
      for (const form of ['settings-identity', 'settings-regional', 'settings-smtp'])
        expect(await page.getByTestId(form).count(), form).toBe(0);
      await page.goto('/admin/channels?tab=mail');
      await page.getByTestId('public-form-settings').waitFor();
      expect(await page.getByTestId('channels-tab-mail').count()).toBe(0);
      // Webhooks: for their company (or its units), never the whole organisation or another company.
      const company = ((await adminApi.get('/companies')).items as { id: number; name: string }[]).find((c) => c.id === unit.companyId);
      await page.goto('/admin/integrations');
      await page.getByTestId('scope-kind').click();
      await page.getByRole('option', { name: 'Perusahaan' }).waitFor();
      expect(await page.getByRole('option', { name: 'Seluruh organisasi' }).count()).toBe(0);
      await page.keyboard.press('Escape');
      await page.getByTestId('scope-company').click();
      await expect.poll(() => page.getByRole('option').allTextContents()).toEqual([company?.name]);
      await page.keyboard.press('Escape');
      await page.goto('/admin/sla');
      await page.getByTestId('sla-tab-calendars').waitFor();
      // The organisation's calendar is shown, not offered for editing.
      const organisationCalendar = rowOf(page, 'calendars-table', 'Jam kerja kantor (WIB)');
      await organisationCalendar.waitFor();
      expect(await organisationCalendar.getByTestId('calendar-edit').count()).toBe(0);
      for (const tab of ['sla-tab-policies', 'sla-tab-rules']) expect(await page.getByTestId(tab).count(), tab).toBe(0);
      for (const path of ['/admin/notifications', '/admin/backups', '/admin/service-desk']) {
        await page.goto(path);
        await page.waitForURL((url) => url.pathname === '/');
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }

    // The organisation's Administrator still has every form.
    const admin = await newPage(browser);
    try {
      await signIn(admin.page, DEMO_ACCOUNTS.administrator.email);
      await admin.page.goto('/admin/settings');
      await admin.page.getByTestId('settings-smtp').waitFor();
      expect(await admin.page.getByTestId('settings-organisation-only').count()).toBe(0);
      await admin.page.goto('/admin/channels?tab=mail');
      await admin.page.getByTestId('mail-settings').waitFor();
    } finally {
      await admin.context.close();
    }
  });

  it('fits a 390 px phone', async () => {
    const { context, page, errors } = await newPage(browser, { width: 390, height: 844 });
    try {
      await signIn(page, DEMO_ACCOUNTS.administrator.email);
      for (const path of ['/admin/sla?tab=calendars', '/admin/sla?tab=holidays', '/admin/sla?tab=rules', '/admin/notifications']) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), path).toBeLessThanOrEqual(0);
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
