import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';
import { choose } from './support/actions.ts';
import { apiAs } from './support/api.ts';
import { signIn } from './support/auth.ts';
import { launchBrowser, newPage } from './support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const TITLE = 'Migrasi antrean pembayaran PosPay ke Kafka';
const MINUTE = 60_000;

/** `YYYY-MM-DDTHH:mm` as a datetime-local input holds it, for an instant read in WIB. */
function wib(ms: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Jakarta',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Waits until the change page shows this status. */
const statusIs = (page: Page, label: string) => page.getByTestId('change-status').getByText(label, { exact: true }).waitFor();

describe('change management journey', () => {
  it('goes from a DevOps engineer’s high-risk change through review, three CAB votes, scheduling, a failed implementation and its review to closure', async () => {
    const now = Date.now();
    const agusApi = await apiAs(DEMO_ACCOUNTS.change_manager.email);
    const pospay = (await agusApi.get('/business-services?q=PosPay&pageSize=5')).items[0];
    // The journey implements now: a month-end freeze declared for these days would close the gate, so the
    // Change Manager ends any freeze around today first (declaring and ending freezes is tested on the server).
    for (const f of (await agusApi.get('/change-freezes')).items as { id: number; version: number; startsAt: string; endsAt: string }[])
      if (Date.parse(f.startsAt) < now + 3 * 3600_000 && Date.parse(f.endsAt) > now - 3600_000)
        await agusApi.patch(`/change-freezes/${f.id}`, { version: f.version, active: false });
    // Another change already holds PosPay later today: the clashing slot.
    const putriApi = await apiAs(DEMO_ACCOUNTS.change_requester.email);
    const booked = await putriApi.post('/changes', {
      title: 'Naikkan versi TLS gateway PosPay',
      reason: 'Keamanan',
      impact: 'Tanpa henti',
      implementationPlan: 'Terapkan konfigurasi',
      testPlan: 'Uji transaksi',
      rollbackPlan: 'Kembalikan konfigurasi',
      serviceIds: [pospay.id],
      riskAnswers: { production: false, usersAffected: 'none', testedInStaging: true, rollbackTested: true, doneBefore: true },
      plannedStart: new Date(now + 4 * 3600_000).toISOString(),
      plannedEnd: new Date(now + 6 * 3600_000).toISOString(),
      submit: true,
    });
    await agusApi.post(`/changes/${booked.id}/transitions`, { to: 'pending_approval' });
    await agusApi.post(`/changes/${booked.id}/transitions`, { to: 'approved' });

    // 1. A DevOps engineer raises a normal change; the questionnaire's defaults make it high risk.
    const putri = await newPage(browser);
    await signIn(putri.page, DEMO_ACCOUNTS.change_requester.email);
    await putri.page.getByTestId('tile-changes').click();
    await putri.page.getByTestId('change-new').click();
    await putri.page.getByTestId('change-title').fill(TITLE);
    await putri.page.getByTestId('change-description').fill('Memindahkan antrean pembayaran dari RabbitMQ ke Kafka.');
    await putri.page.getByTestId('change-reason').fill('RabbitMQ tidak sanggup menahan lonjakan akhir bulan.');
    await putri.page.getByTestId('change-impact').fill('Pembayaran PosPay tertunda hingga 5 menit.');
    await putri.page.getByTestId('change-implementationPlan').fill('1. Alihkan produsen\n2. Kuras antrean lama\n3. Alihkan konsumen');
    await putri.page.getByTestId('change-testPlan').fill('Uji 1.000 transaksi di staging.');
    await choose(putri.page, 'change-services', /PosPay/);
    await putri.page.keyboard.press('Escape');
    await putri.page.getByTestId('change-start').fill(wib(now + 26 * 3600_000));
    await putri.page.getByTestId('change-end').fill(wib(now + 28 * 3600_000));
    await choose(putri.page, 'change-implementer', /Rudi Hartono/);
    await putri.page.getByTestId('change-task-add').click();
    await putri.page.getByTestId('change-task-0').fill('Alihkan produsen');
    await putri.page.getByTestId('change-task-add').click();
    await putri.page.getByTestId('change-task-1').fill('Alihkan konsumen');
    expect(await putri.page.getByTestId('change-risk-questions').getByTestId('change-risk').textContent()).toBe('Risiko Tinggi');
    // Without a rollback plan the submission is refused and the field says why.
    await putri.page.getByTestId('change-submit').click();
    await putri.page.getByText('Wajib diisi sebelum diajukan.').waitFor();
    await putri.page.getByTestId('change-rollbackPlan').fill('Alihkan produsen dan konsumen kembali ke RabbitMQ.');
    await putri.page.getByTestId('change-submit').click();
    await putri.page.waitForURL(/\/changes\/CHG-\d{4}-\d{6}$/);
    const number = (await putri.page.getByTestId('change-number').textContent())?.trim() ?? '';
    await statusIs(putri.page, 'Diajukan');

    // 2. The Change Manager finds it in the review queue, reviews it and sends it to the CAB.
    const agus = await newPage(browser);
    await signIn(agus.page, DEMO_ACCOUNTS.change_manager.email);
    await agus.page.goto('/changes/review');
    await agus.page.getByTestId('changes-review').getByText(number).click();
    await agus.page.getByTestId('action-start_review').click();
    await statusIs(agus.page, 'Ditinjau');
    await agus.page.getByTestId('action-send_to_approval').click();
    await statusIs(agus.page, 'Menunggu Persetujuan');
    await agus.page.getByTestId('change-approval').getByText('Diputuskan CAB').waitFor();

    // 3. Three CAB members vote from their queue; the third vote reaches the quorum and approves it.
    for (const [i, email] of [DEMO_ACCOUNTS.cab_member.email, 'indra@nusantara.test', 'sekar@nusantara.test'].entries()) {
      const member = await newPage(browser, { width: i === 1 ? 390 : 1280 });
      await signIn(member.page, email);
      await member.page.goto('/changes/votes');
      await member.page.getByTestId('changes-votes').getByText(number).click();
      await member.page.getByTestId('vote-comment').fill(i === 0 ? 'Rencana rollback jelas.' : 'Setuju.');
      await member.page.getByTestId('vote-send').click();
      await member.page.getByTestId('change-votes').getByTestId('change-vote').nth(i).waitFor();
      if (i === 2) await statusIs(member.page, 'Disetujui');
      expect(member.errors).toEqual([]);
      await member.context.close();
    }

    // 4. The Change Manager schedules it: the clashing slot is warned about, then a free slot (now) is confirmed.
    await agus.page.reload();
    await statusIs(agus.page, 'Disetujui');
    await agus.page.getByTestId('action-schedule').click();
    await agus.page.getByTestId('schedule-start').fill(wib(now + 4.5 * 3600_000));
    await agus.page.getByTestId('schedule-end').fill(wib(now + 5.5 * 3600_000));
    await agus.page.getByTestId('schedule-conflicts').getByText(booked.number, { exact: false }).waitFor();
    // Once the new window is checked, the clash is gone; the demo's implementer may have other work today, acknowledged.
    const minute = (ms: number) => Math.floor(ms / MINUTE) * MINUTE;
    const [start, end] = [minute(now - 10 * MINUTE), minute(now + 2 * 3600_000)];
    const checked = agus.page.waitForResponse((r) => {
      const asked = new URL(r.url());
      return (
        asked.pathname.endsWith('/conflicts') &&
        Date.parse(asked.searchParams.get('start') ?? '') === start &&
        Date.parse(asked.searchParams.get('end') ?? '') === end
      );
    });
    await agus.page.getByTestId('schedule-start').fill(wib(start));
    await agus.page.getByTestId('schedule-end').fill(wib(end));
    const answer = (await (await checked).json()) as { items: { kind: string }[] };
    expect(JSON.stringify(answer.items)).not.toContain(booked.number);
    await expect.poll(() => agus.page.getByTestId('schedule-conflicts').getByText(booked.number).count(), { timeout: 15_000 }).toBe(0);
    if (answer.items.some((c) => c.kind !== 'freeze')) await agus.page.getByTestId('schedule-accept').check();
    await agus.page.getByTestId('form-submit').click();
    await statusIs(agus.page, 'Dijadwalkan');
    await agus.page.goto('/changes/calendar?view=list');
    // A window across midnight (in WIB) is listed under both of its days.
    await agus.page.getByTestId('calendar-list').locator(`[data-number="${number}"]`).first().waitFor();

    // 5. The implementer runs it from their queue, ticks a task, and it fails: the rollback was executed.
    const rudi = await newPage(browser, { width: 390 });
    await signIn(rudi.page, DEMO_ACCOUNTS.implementer.email);
    await rudi.page.goto('/changes/implementation');
    await rudi.page.getByTestId('changes-implementation').getByText(number).click();
    await rudi.page.getByTestId('action-start').click();
    await statusIs(rudi.page, 'Sedang Berjalan');
    // The tick is the server's: it shows once the change comes back.
    await rudi.page.getByTestId('change-task-check-0').click();
    await rudi.page.getByTestId('change-tasks').getByText('Rudi Hartono', { exact: false }).waitFor();
    await rudi.page.getByTestId('action-fail').click();
    await rudi.page.getByTestId('fail-notes').fill('Konsumen Kafka tertinggal; lalu lintas dikembalikan ke RabbitMQ.');
    await rudi.page.getByTestId('form-submit').click();
    await statusIs(rudi.page, 'Gagal');
    await rudi.page.getByTestId('change-result').getByText('Rollback dijalankan', { exact: false }).waitFor();

    // 6. It cannot close before its post-implementation review; the requester writes it and the Change Manager closes it.
    await agus.page.goto(`/changes/${number}`);
    await agus.page.getByTestId('action-close').click();
    await agus.page.getByText('Tinjauan pasca-implementasi wajib ditulis sebelum perubahan ini ditutup.').waitFor();
    await putri.page.reload();
    await putri.page.getByTestId('review-edit').click();
    await putri.page.getByTestId('review-sideEffects').fill('Pembayaran tertunda 4 menit.');
    await putri.page.getByTestId('review-incidentsCaused').fill('Tidak ada insiden.');
    await putri.page.getByTestId('review-lessonsLearned').fill('Uji konsumen dengan volume akhir bulan.');
    await putri.page.getByTestId('review-followUpActions').fill('Jadwalkan ulang setelah uji beban.');
    await putri.page.getByTestId('review-save').click();
    await putri.page.getByTestId('change-review').getByText('Ditinjau oleh Putri Ayu Lestari', { exact: false }).waitFor();
    await agus.page.reload();
    await agus.page.getByTestId('action-close').click();
    await statusIs(agus.page, 'Ditutup');
    const timeline = agus.page.getByTestId('timeline');
    await timeline.getByText('Gagal → Ditutup').waitFor();
    expect(await timeline.getByTestId('timeline-entry').filter({ hasText: 'memberi suara' }).count()).toBe(3);

    // The refused submission and the refused closure are the only failed calls the browsers saw.
    expect(putri.errors).toEqual([expect.stringMatching(/status of 400/)]);
    expect(agus.errors).toEqual([expect.stringMatching(/status of 409/)]);
    expect(rudi.errors).toEqual([]);
    for (const session of [putri, agus, rudi]) await session.context.close();
  });
});
