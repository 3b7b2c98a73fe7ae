import { sql } from 'drizzle-orm';
import {
  type CreateChangeInput,
  castVote,
  createChange,
  createFreeze,
  createMeeting,
  createTemplate,
  createWindow,
  type RiskAnswers,
  readChangeSettings,
  saveReview,
  tickTask,
  transitionChange,
  writeChangeSettings,
} from '../modules/changes/index.ts';
import { loadActor } from '../modules/identity/index.ts';
import type { Actor } from '../platform/authz/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { localTime, zonedInstant } from '../platform/time/zoned.ts';

const SYSTEM = { actorId: null, actorEmail: 'seed', ip: null };
const ZONE = 'Asia/Jakarta';
const HOUR = 3600_000;

const TEMPLATE_BASE = {
  description: '',
  category: 'Operasional',
  teamId: null as number | null,
  active: true,
};

/**
 * Change management as it looks a few months in: templates of standard changes,
 * month-end and Lebaran freezes, maintenance windows, the CAB's rule and its
 * emergency members, and changes in every status over the last and next weeks
 * relative to the seeding date — one pair conflicting on a service, one failed
 * change with its post-implementation review — all made through the real
 * services at their own moments, so timelines, notices and rules are as in use.
 */
export async function seedDemoChanges(ctx: AppContext, seededAt = ctx.clock.now()): Promise<void> {
  const q = async <T>(query: ReturnType<typeof sql>) => (await ctx.db.execute(query)).rows as T[];
  const ids = Object.fromEntries(
    (await q<{ id: number; email: string }>(sql`SELECT id, email FROM users`)).map((r) => [r.email.split('@')[0], Number(r.id)]),
  );
  const service = Object.fromEntries(
    (await q<{ id: number; code: string }>(sql`SELECT id, code FROM business_services`)).map((r) => [r.code, Number(r.id)]),
  );
  const team = Number((await q<{ id: number }>(sql`SELECT id FROM teams WHERE code = 'DEVOPS-SVC'`))[0]?.id);
  const as = async (name: string): Promise<Actor> => {
    const actor = await loadActor(ctx.db, ids[name] ?? 0);
    if (!actor) throw new Error(`demo user ${name} missing`);
    return actor;
  };
  const [putri, andi, siti, galih, agus, maya, indra, sekar, rudi] = await Promise.all(
    ['putri', 'andi', 'siti', 'galih', 'agus', 'maya', 'indra', 'sekar', 'rudi'].map(as),
  );
  if (!putri || !andi || !siti || !galih || !agus || !maya || !indra || !sekar || !rudi) return;

  // "d days from the seeding date at hh:mm WIB".
  const today = localTime(seededAt, ZONE);
  const at = (days: number, hour: number, minute = 0) => {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + days));
    return zonedInstant(ZONE, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), hour, minute);
  };
  const before = (d: Date, hours: number) => new Date(d.getTime() - hours * HOUR);
  // Changes planned ahead were raised and decided in the days before the seeding date, never after it.
  const ago = (hours: number) => before(seededAt, hours);

  const settings = await readChangeSettings(ctx.db);
  await writeChangeSettings(
    ctx,
    agus,
    {
      ...settings.value,
      cabRule: 'majority',
      quorum: 3,
      emergencyCabUserIds: [maya.userId, indra.userId],
      emergencyQuorum: 2,
      version: settings.version,
    },
    SYSTEM,
  );

  const restart = await createTemplate(
    ctx,
    agus,
    {
      ...TEMPLATE_BASE,
      name: 'Restart layanan aplikasi',
      description: 'Menjalankan ulang layanan aplikasi yang tidak merespons, tanpa perubahan versi.',
      reason: 'Layanan tidak merespons atau memori bocor.',
      impact: 'Layanan terputus kurang dari 5 menit.',
      implementationPlan: '1. Umumkan di kanal operasional\n2. systemctl restart pada tiap node bergiliran\n3. Pantau log 10 menit',
      testPlan: 'Cek endpoint /health dan satu transaksi uji.',
      rollbackPlan: 'Tidak ada perubahan versi; bila gagal naik, pulihkan node dari snapshot terakhir.',
      tasks: ['Umumkan di kanal operasional', 'Restart node bergiliran', 'Cek endpoint kesehatan'],
      serviceIds: [service.IPOS ?? 0],
      teamId: team,
      durationMinutes: 30,
    },
    SYSTEM,
  );
  const patch = await createTemplate(
    ctx,
    agus,
    {
      ...TEMPLATE_BASE,
      name: 'Patch OS bulanan',
      description: 'Pembaruan keamanan sistem operasi bulanan pada server aplikasi.',
      reason: 'Pembaruan keamanan bulanan dari vendor sistem operasi.',
      impact: 'Server dimulai ulang satu per satu; layanan tetap tersedia lewat node lain.',
      implementationPlan: '1. apt update && apt upgrade di node pertama\n2. Reboot, cek layanan\n3. Ulangi untuk node berikutnya',
      testPlan: 'Layanan menjawab di setiap node setelah reboot; tidak ada galat baru di log.',
      rollbackPlan: 'Boot dengan kernel sebelumnya dari GRUB; pulihkan paket dari snapshot.',
      tasks: ['Patch dan reboot node 1', 'Patch dan reboot node 2', 'Verifikasi layanan'],
      serviceIds: [service.SIK ?? 0, service.SIMSDM ?? 0],
      teamId: team,
      durationMinutes: 120,
    },
    SYSTEM,
  );

  // Maintenance windows: Ipos on Sunday nights, Pos Giro Mobile on Saturday nights (both across midnight).
  await createWindow(
    ctx,
    agus,
    { serviceId: service.IPOS ?? 0, weekday: 7, startTime: '22:00', durationMinutes: 240, timeZone: ZONE },
    SYSTEM,
  );
  await createWindow(
    ctx,
    agus,
    { serviceId: service.PGM ?? 0, weekday: 6, startTime: '23:00', durationMinutes: 180, timeZone: ZONE },
    SYSTEM,
  );

  const lowRisk: RiskAnswers = { production: false, usersAffected: 'some', testedInStaging: true, rollbackTested: true, doneBefore: true };
  const mediumRisk: RiskAnswers = {
    production: true,
    usersAffected: 'some',
    testedInStaging: true,
    rollbackTested: true,
    doneBefore: false,
  };
  const highRisk: RiskAnswers = { production: true, usersAffected: 'all', testedInStaging: true, rollbackTested: false, doneBefore: false };
  const plans = {
    reason: 'Kebutuhan bisnis dan keamanan.',
    impact: 'Gangguan singkat pada layanan terdampak di luar jam kerja.',
    implementationPlan: '1. Siapkan paket rilis\n2. Terapkan di produksi\n3. Pantau 30 menit',
    testPlan: 'Uji fungsional di staging, lalu uji asap di produksi.',
    rollbackPlan: 'Kembalikan ke rilis sebelumnya dari artefak yang disimpan.',
    tasks: ['Siapkan paket rilis', 'Terapkan di produksi', 'Pantau 30 menit'],
  };
  const normal = (
    title: string,
    start: Date,
    hours: number,
    serviceIds: (number | undefined)[],
    risk: RiskAnswers,
    extra: Partial<CreateChangeInput> = {},
  ): CreateChangeInput => ({
    title,
    description: title,
    category: 'Aplikasi',
    ...plans,
    serviceIds: serviceIds.map((s) => s ?? 0),
    riskAnswers: risk,
    plannedStart: start.toISOString(),
    plannedEnd: new Date(start.getTime() + hours * HOUR).toISOString(),
    teamId: team,
    implementerId: rudi.userId,
    links: [],
    submit: false,
    unitIds: [],
    ...extra,
  });
  const go = (actor: Actor, id: number, to: Parameters<typeof transitionChange>[3]['to'], now: Date, extra: object = {}) =>
    transitionChange(ctx, actor, id, { to, acceptConflicts: true, ...extra }, now);
  const cabApproves = async (id: number, now: Date) => {
    for (const [i, voter] of [maya, indra, sekar].entries())
      await castVote(
        ctx,
        voter,
        id,
        { vote: 'approve', comment: i === 0 ? 'Rencana dan rollback jelas.' : undefined },
        new Date(now.getTime() + i * HOUR),
      );
  };
  const implement = async (id: number, start: Date, outcome: 'completed' | 'failed', extra: object = {}) => {
    const startedAt = new Date(start.getTime() + 5 * 60_000);
    await go(rudi, id, 'in_progress', startedAt);
    const tasks = await q<{ id: number }>(sql`SELECT id FROM change_tasks WHERE change_id = ${id} ORDER BY position`);
    for (const [i, task] of tasks.entries()) {
      if (outcome === 'failed' && i === tasks.length - 1) break;
      await tickTask(ctx, rudi, id, Number(task.id), true, new Date(startedAt.getTime() + (i + 1) * 10 * 60_000));
    }
    return go(rudi, id, outcome, new Date(startedAt.getTime() + HOUR), extra);
  };

  // Closed: last month's OS patch, a standard change approved at once.
  const osStart = at(-45, 22);
  let c = await createChange(
    ctx,
    andi,
    { templateId: patch.id, plannedStart: osStart.toISOString(), submit: true, ...none() },
    before(osStart, 96),
  );
  await go(agus, c.id, 'scheduled', before(osStart, 90));
  await implement(c.id, osStart, 'completed', { resultNotes: 'Semua node terpatch tanpa galat.' });
  await go(andi, c.id, 'closed', new Date(osStart.getTime() + 26 * HOUR));

  // Closed: an emergency fix decided by the emergency CAB, implemented, reviewed.
  const emStart = at(-30, 14);
  c = await createChange(
    ctx,
    putri,
    normal('Tambal celah keamanan Wahana.posindonesia', emStart, 1, [service.WAHANA], highRisk, {
      type: 'emergency',
      emergencyJustification: 'Celah unggah berkas dieksploitasi sejak pagi; data internal berisiko bocor.',
      submit: true,
    }),
    before(emStart, 3),
  );
  await castVote(ctx, maya, c.id, { vote: 'approve', comment: 'Darurat, setujui.' }, before(emStart, 2.5));
  await castVote(ctx, indra, c.id, { vote: 'approve' }, before(emStart, 2));
  await go(agus, c.id, 'scheduled', before(emStart, 1));
  await implement(c.id, emStart, 'completed', { resultNotes: 'Tambalan terpasang; unggah berkas divalidasi ulang.' });
  await saveReview(
    ctx,
    putri,
    c.id,
    {
      objectivesMet: true,
      sideEffects: 'Unggah berkas besar lebih lambat 2 detik.',
      incidentsCaused: 'Tidak ada.',
      lessonsLearned: 'Pindai dependensi setiap minggu, bukan setiap bulan.',
      followUpActions: 'Jadwalkan pemindaian dependensi mingguan di pipeline.',
    },
    new Date(emStart.getTime() + 20 * HOUR),
  );
  await go(agus, c.id, 'closed', new Date(emStart.getTime() + 21 * HOUR));

  // Failed, with its review written: the PosPay database migration rolled back.
  const failStart = at(-12, 22);
  c = await createChange(
    ctx,
    putri,
    normal('Migrasi basis data PosPay ke klaster baru', failStart, 3, [service.POSPAY], highRisk, { submit: true }),
    before(failStart, 8 * 24),
  );
  await go(agus, c.id, 'under_review', before(failStart, 7 * 24));
  await go(agus, c.id, 'pending_approval', before(failStart, 7 * 24 - 1));
  await cabApproves(c.id, before(failStart, 6 * 24));
  await go(agus, c.id, 'scheduled', before(failStart, 5 * 24));
  await implement(c.id, failStart, 'failed', {
    rollbackExecuted: true,
    resultNotes: 'Replikasi tertinggal 12 menit saat pengalihan; koneksi dikembalikan ke klaster lama.',
  });
  await saveReview(
    ctx,
    putri,
    c.id,
    {
      objectivesMet: false,
      sideEffects: 'Transaksi PosPay tertunda sekitar 10 menit selama rollback.',
      incidentsCaused: 'Keluhan pembayaran tertunda dari dua kantor cabang.',
      lessonsLearned: 'Periksa lag replikasi sebelum pengalihan; uji beban pada volume akhir bulan.',
      followUpActions: 'Tambah pemantauan lag replikasi; jadwalkan ulang migrasi setelah uji beban.',
    },
    new Date(failStart.getTime() + 30 * HOUR),
  );

  // Rejected by the CAB, and cancelled by its requester.
  const rejStart = at(-8, 21);
  c = await createChange(
    ctx,
    galih,
    normal('Hapus fitur cetak resi lama di Ipos', rejStart, 2, [service.IPOS], highRisk, { submit: true }),
    before(rejStart, 96),
  );
  await go(agus, c.id, 'pending_approval', before(rejStart, 90));
  for (const voter of [maya, indra, sekar])
    await castVote(ctx, voter, c.id, { vote: 'reject', comment: 'Kantor cabang masih memakai resi lama.' }, before(rejStart, 80));
  const canStart = at(-4, 20);
  c = await createChange(ctx, siti, normal('Ubah format laporan SIK', canStart, 1, [service.SIK], lowRisk), before(canStart, 72));
  await go(siti, c.id, 'cancelled', before(canStart, 48), { reason: 'Digabung dengan perubahan laporan kuartal.' });

  // Completed yesterday, not closed yet: a standard restart.
  const restartStart = at(-1, 22);
  c = await createChange(
    ctx,
    andi,
    { templateId: restart.id, plannedStart: restartStart.toISOString(), submit: true, ...none() },
    before(restartStart, 5),
  );
  await go(agus, c.id, 'scheduled', before(restartStart, 4));
  await implement(c.id, restartStart, 'completed', { resultNotes: 'Ipos kembali merespons normal.' });

  // In progress now: a low-risk change the Change Manager approved.
  const nowStart = new Date(Math.floor(seededAt.getTime() / (15 * 60_000)) * 15 * 60_000 - 30 * 60_000);
  c = await createChange(
    ctx,
    putri,
    normal('Tambah replika baca basis data SIM SDM', nowStart, 3, [service.SIMSDM], lowRisk, { submit: true }),
    before(nowStart, 72),
  );
  await go(agus, c.id, 'pending_approval', before(nowStart, 70));
  await go(agus, c.id, 'approved', before(nowStart, 69), { comment: 'Risiko rendah, silakan.' });
  await go(agus, c.id, 'scheduled', before(nowStart, 48));
  await go(rudi, c.id, 'in_progress', new Date(nowStart.getTime() + 5 * 60_000));

  // Scheduled and approved next week on the same service, overlapping: the calendar's conflict.
  const tlsStart = at(5, 20);
  c = await createChange(
    ctx,
    putri,
    normal('Perbarui sertifikat TLS Website posindonesia', tlsStart, 2, [service.WEB], mediumRisk, { submit: true }),
    ago(72),
  );
  await go(agus, c.id, 'pending_approval', ago(70));
  await cabApproves(c.id, ago(60));
  await go(agus, c.id, 'scheduled', ago(48));
  const cdnStart = at(5, 21);
  c = await createChange(
    ctx,
    andi,
    normal('Pindahkan Website posindonesia ke CDN baru', cdnStart, 2, [service.WEB], lowRisk, { submit: true }),
    ago(40),
  );
  await go(agus, c.id, 'pending_approval', ago(39));
  await go(agus, c.id, 'approved', ago(38), { comment: 'Disetujui; jadwal berbenturan dengan pembaruan TLS, koordinasikan.' });

  // Waiting for the CAB (one vote in), with a CAB meeting on the agenda.
  const k8sStart = at(12, 22);
  c = await createChange(
    ctx,
    andi,
    normal('Upgrade klaster Kubernetes produksi ke 1.34', k8sStart, 4, [service.PGM, service.POSPAY], highRisk, { submit: true }),
    ago(120),
  );
  await go(agus, c.id, 'under_review', ago(110));
  await go(agus, c.id, 'pending_approval', ago(100));
  await castVote(ctx, maya, c.id, { vote: 'approve', comment: 'Sudah diuji di staging dua minggu.' }, ago(96));
  const meetingAt = at(2, 10);
  await createMeeting(
    ctx,
    agus,
    {
      title: 'Rapat CAB mingguan',
      startsAt: meetingAt.toISOString(),
      endsAt: new Date(meetingAt.getTime() + HOUR).toISOString(),
      location: 'Ruang Rapat Gedung Nusantara Lt. 5',
      companyId: null,
    },
    ago(95),
  );

  // Under review, submitted (raised from Siti's service request), and a draft.
  const pgmStart = at(15, 23);
  c = await createChange(
    ctx,
    putri,
    normal('Integrasi Pos Giro Mobile dengan gateway pembayaran baru', pgmStart, 3, [service.PGM], mediumRisk, { submit: true }),
    ago(100),
  );
  await go(agus, c.id, 'under_review', ago(90));
  const request = (
    await q<{ number: string }>(sql`SELECT number FROM service_requests WHERE requester_id = ${siti.userId} ORDER BY id DESC LIMIT 1`)
  )[0];
  const lbStart = at(20, 22);
  await createChange(
    ctx,
    siti,
    normal('Notifikasi WhatsApp untuk status pesanan', lbStart, 2, [service.POSPAY], mediumRisk, {
      submit: true,
      links: request ? [{ kind: 'request', ref: request.number }] : [],
    }),
    ago(100),
  );
  await createChange(
    ctx,
    galih,
    normal('Otomasi cadangan harian SIM SDM', at(25, 21), 2, [service.SIMSDM], lowRisk, { rollbackPlan: '' }),
    seededAt,
  );

  // Freezes, declared last (a freeze declared after scheduling shows as a conflict and closes the gate): month-end
  // closing around the last and next month-ends, and Lebaran 2027 (Idul Fitri 10–11 March 2027).
  for (const offset of [-1, 0, 1, 2]) {
    const month = new Date(Date.UTC(today.year, today.month - 1 + offset + 1, 1));
    const y = month.getUTCFullYear();
    const m = month.getUTCMonth() + 1;
    const lastDay = new Date(Date.UTC(y, m - 1, 0));
    const starts = zonedInstant(ZONE, lastDay.getUTCFullYear(), lastDay.getUTCMonth() + 1, lastDay.getUTCDate() - 2);
    const ends = zonedInstant(ZONE, y, m, 3);
    const name = new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: ZONE }).format(before(ends, 72));
    await createFreeze(
      ctx,
      agus,
      {
        name: `Tutup buku akhir bulan ${name}`,
        reason: 'Closing keuangan bulanan: sistem keuangan tidak boleh berubah.',
        companyId: null,
        startsAt: starts.toISOString(),
        endsAt: ends.toISOString(),
      },
      SYSTEM,
    );
  }
  await createFreeze(
    ctx,
    agus,
    {
      name: 'Libur Lebaran 2027',
      reason: 'Idul Fitri 1448 H dan cuti bersama: tim minimal, hanya perubahan darurat.',
      companyId: null,
      startsAt: zonedInstant(ZONE, 2027, 3, 3).toISOString(),
      endsAt: zonedInstant(ZONE, 2027, 3, 18).toISOString(),
    },
    SYSTEM,
  );
}

/** The optional fields of a change created from a template, left to the template. */
function none() {
  return {
    description: '',
    reason: '',
    category: '',
    impact: '',
    implementationPlan: '',
    testPlan: '',
    rollbackPlan: '',
    serviceIds: [],
    unitIds: [],
    links: [],
  };
}
