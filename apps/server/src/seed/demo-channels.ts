import { sql } from 'drizzle-orm';
import { createContact, createTicketForContact, decideTracked, replyTracked } from '../modules/contacts/index.ts';
import { loadActor } from '../modules/identity/index.ts';
import { issueFormToken, PROTECTION_DEFAULTS, submitReport } from '../modules/intake/index.ts';
import { ingestMail } from '../modules/mail-intake/index.ts';
import { answerSurvey } from '../modules/surveys/index.ts';
import { addComment, transitionTicket } from '../modules/tickets/index.ts';
import type { Actor } from '../platform/authz/actor.ts';
import type { AppContext } from '../platform/context.ts';
import type { Tx } from '../platform/db/client.ts';

/** The city's public services residents report disruptions of (004 Table 1 lists a company's own). */
const PUBLIC_SERVICES = [
  ['WIFI-KOTA', 'Wi-Fi Publik Kota', 'Masyarakat', 'Akses internet gratis di taman, alun-alun dan kantor kelurahan.'],
  ['WEB-PEMKOT', 'Website Pemerintah Kota', 'Masyarakat', 'Informasi dan berita resmi Pemerintah Kota Bukittinggi.'],
  ['SIPP', 'Aplikasi Perizinan Online', 'Masyarakat', 'Pengajuan dan pelacakan izin usaha secara daring.'],
  ['CCTV-KOTA', 'CCTV Kota', 'Masyarakat', 'Kamera pemantau lalu lintas dan ruang publik.'],
] as const;

/** Kominfo Bukittinggi's Lapor Gangguan form: on, for its "Pelapor Publik" unit and its desk, with the city's public services. */
export async function seedPublicForm(tx: Tx, companyId: number, unitId: number, teamId: number): Promise<void> {
  const ids: number[] = [];
  for (const [code, name, users, description] of PUBLIC_SERVICES) {
    const { rows } = await tx.execute<{ id: number }>(
      sql`INSERT INTO business_services (code, name, users_description, description) VALUES (${code}, ${name}, ${users}, ${description}) RETURNING id`,
    );
    ids.push(Number(rows[0]?.id));
  }
  await tx.execute(sql`
    INSERT INTO public_forms (company_id, slug, enabled, unit_id, team_id, service_ids, protection)
    VALUES (${companyId}, 'kominfo-bukittinggi', true, ${unitId}, ${teamId}, ${`{${ids.join(',')}}`}::bigint[], ${JSON.stringify(PROTECTION_DEFAULTS)}::jsonb)`);
}

const REPORTS = [
  {
    description: 'Wi-Fi publik di Taman Jam Gadang mati sejak pagi.\nPengunjung tidak bisa terhubung sama sekali.',
    service: 'WIFI-KOTA',
    name: 'Rahmat Hidayat',
    phone: '0812-6611-2001',
    email: null,
    address: 'Taman Jam Gadang, Jl. Istana',
    kelurahan: 'Benteng Pasar Atas',
    kecamatan: 'Guguk Panjang',
    method: 'web_form',
    state: 'new',
  },
  {
    description: 'Website Pemerintah Kota tidak bisa dibuka dari ponsel, muncul pesan "502 Bad Gateway".',
    service: 'WEB-PEMKOT',
    name: 'Siska Amelia',
    phone: '0813-6611-2002',
    email: 'siska.amelia@warga.test',
    address: 'Jl. Sudirman No. 12',
    kelurahan: 'Aur Tajungkang Tengah Sawah',
    kecamatan: 'Guguk Panjang',
    method: 'web_form',
    state: 'in_progress',
  },
  {
    description: 'CCTV di simpang Jambu Air tidak menampilkan gambar di layar pemantauan.',
    service: 'CCTV-KOTA',
    name: 'Hendri Saputra',
    phone: '0852-6611-2003',
    email: null,
    address: 'Simpang Jambu Air',
    kelurahan: 'Campago Ipuh',
    kecamatan: 'Mandiangin Koto Selayan',
    method: 'phone',
    state: 'resolved',
  },
  {
    description: 'Aplikasi perizinan online error saat mengunggah berkas persyaratan izin usaha.',
    service: 'SIPP',
    name: 'Yulia Fitri',
    phone: '0812-6611-2004',
    email: null,
    address: 'Jl. Ahmad Yani No. 40',
    kelurahan: 'Pakan Kurai',
    kecamatan: 'Guguk Panjang',
    method: 'walk_in',
    state: 'closed',
    survey: { answers: [5, 4, 5], suggestion: 'Waktu penanganan bisa lebih ditingkatkan' },
  },
  {
    description: 'Wi-Fi di kantor kelurahan sangat lambat, tidak bisa dipakai untuk layanan daring warga.',
    service: 'WIFI-KOTA',
    name: 'Doni Kurniawan',
    phone: '0813-6611-2005',
    email: null,
    address: 'Kantor Kelurahan Tarok Dipo',
    kelurahan: 'Tarok Dipo',
    kecamatan: 'Guguk Panjang',
    method: 'web_form',
    state: 'closed',
    survey: { answers: [2, 3, 3], suggestion: 'Penanganan terlalu lama, dua hari baru ada petugas datang.' },
  },
] as const;

/**
 * Lapor Gangguan in use at Kominfo Bukittinggi: reports from residents in
 * every state (new, being handled with replies, resolved awaiting the
 * reporter, closed with the survey answered), email intake on the helpdesk
 * address, an external contact of PT Nusantara with a ticket on their behalf,
 * a reply held in the mail quarantine, and survey answers on earlier closed
 * tickets for the satisfaction reports. Made through the real services.
 */
export async function seedDemoChannels(ctx: AppContext): Promise<void> {
  const ids = Object.fromEntries(
    (await ctx.db.execute<{ id: number; email: string }>(sql`SELECT id, email FROM users`)).rows.map((r) => [r.email, Number(r.id)]),
  );
  const as = async (email: string): Promise<Actor> => {
    const actor = await loadActor(ctx.db, ids[email] ?? 0);
    if (!actor) throw new Error(`demo user ${email} missing`);
    return actor;
  };
  const yoga = await as('yoga@bukittinggi.test');
  const budi = await as('budi@nusantara.test');
  const services = Object.fromEntries(
    (await ctx.db.execute<{ id: number; code: string }>(sql`SELECT id, code FROM business_services`)).rows.map((r) => [
      r.code,
      Number(r.id),
    ]),
  );
  const { rows: forms } = await ctx.db.execute<{ company_id: number }>(
    sql`SELECT company_id FROM public_forms WHERE slug = 'kominfo-bukittinggi'`,
  );
  const kominfo = Number(forms[0]?.company_id);

  let n = 0;
  for (const report of REPORTS) {
    n++;
    // As a person would: the form handed out a minute ago, from an address of their own.
    const token = issueFormToken(ctx.env.APP_SECRET, kominfo, new Date(ctx.clock.now().getTime() - 60_000), 0);
    const fields: Record<string, string> = {
      method: report.method,
      name: report.name,
      phone: report.phone,
      address: report.address,
      kelurahan: report.kelurahan,
      kecamatan: report.kecamatan,
      serviceId: String(services[report.service]),
      description: report.description,
      formToken: token,
      ...(report.email ? { email: report.email } : {}),
    };
    const { number, trackingCode } = await submitReport(
      ctx,
      'kominfo-bukittinggi',
      { fields, files: [] },
      { ip: `10.99.0.${n}`, locale: 'id' },
    );
    const ticket = await ticketIdOf(ctx, number);
    if (report.state === 'new') continue;
    await transitionTicket(ctx, yoga, ticket, { to: 'in_progress', assigneeId: yoga.userId });
    await addComment(ctx, yoga, ticket, { body: '<p>Petugas kami sedang memeriksa gangguan ini di lokasi.</p>', internal: false });
    await addComment(ctx, yoga, ticket, { body: '<p>Perangkat di lokasi perlu dicek ulang besok pagi.</p>', internal: true });
    if (report.state === 'in_progress') {
      await replyTracked(ctx, number, trackingCode, '10.99.0.200', {
        body: 'Terima kasih, gangguan masih terjadi sampai siang ini.',
        files: [],
      });
      continue;
    }
    await transitionTicket(ctx, yoga, ticket, { to: 'resolved', solutionSummary: 'Perangkat diganti dan layanan diuji kembali.' });
    if (report.state === 'resolved') continue;
    await decideTracked(ctx, number, trackingCode, '10.99.0.200', { action: 'confirm' }, 'id');
    if ('survey' in report) await answerSurveyOfTicket(ctx, ticket, report.survey);
  }

  // An external contact of PT Nusantara (003), with a ticket the service desk logged for them on the phone.
  const contact = await createContact(
    ctx,
    budi,
    {
      companyId: budi.companyId,
      name: 'Andika Putra',
      email: 'andika@mitradata.test',
      phone: '+628116600123',
      organisation: 'CV Mitra Data',
      address: null,
      kelurahan: null,
      kecamatan: null,
      locale: 'id',
    },
    SYSTEM,
  );
  const onBehalf = await createTicketForContact(ctx, budi, contact.id, {
    unitId: budi.unitId,
    type: 'request',
    title: 'Akses VPN untuk konsultan CV Mitra Data',
    description: '<p>Konsultan membutuhkan akses VPN selama proyek migrasi data (Desember).</p>',
    urgency: 'medium',
    impact: 'low',
    channel: 'phone',
  });
  // Email to the helpdesk address: a user's request becomes a ticket; a reply from someone outside that ticket waits in quarantine.
  const mail = (from: string, subject: string, body: string, id: string) =>
    Buffer.from(
      `From: ${from}\r\nTo: helpdesk@nusantara.test\r\nSubject: ${subject}\r\nMessage-ID: <${id}@demo.nusantara.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`,
    );
  await ingestMail(
    ctx,
    mail(
      'Siti Rahmawati <siti@nusantara.test>',
      'Mohon instal font perusahaan di laptop',
      'Font resmi perusahaan belum ada di laptop saya.',
      'demo-1',
    ),
    { source: 'smtp', mailFrom: 'siti@nusantara.test' },
    { resolver: noDns },
  );
  await ingestMail(
    ctx,
    mail(
      'Hendra Gunawan <hendra@nusantara.test>',
      `Re: [${onBehalf.number}] Akses VPN`,
      'Sekalian buatkan akun VPN untuk saya juga.',
      'demo-2',
    ),
    { source: 'smtp', mailFrom: 'hendra@nusantara.test' },
    { resolver: noDns },
  );
  await seedSurveyAnswers(ctx);
}

/** The demo has no DNS to ask: every domain publishes nothing (no SPF, DKIM or DMARC). */
const noDns = async (name: string): Promise<string[]> => {
  throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};

const SYSTEM = { actorId: null, actorEmail: 'seed', ip: null };

/** A resolved report's survey, answered by its reporter from the link they were sent. */
async function answerSurveyOfTicket(ctx: AppContext, ticketId: number, survey: { answers: readonly number[]; suggestion: string }) {
  const { rows } = await ctx.db.execute<{ link: string }>(sql`
    SELECT variables->>'survey_link' AS link FROM notification_deliveries
    WHERE ticket_id = ${ticketId} AND variables ? 'survey_link' ORDER BY id LIMIT 1`);
  const token = rows[0]?.link.split('/survey/')[1];
  if (token) await answerSurvey(ctx, token, '10.99.0.201', { answers: [...survey.answers], suggestion: survey.suggestion });
}

/**
 * Satisfaction answers on the service desk's earlier closed tickets, so the
 * CSAT reports show months, teams and agents (the demo tickets were loaded
 * before surveys existed; each answer keeps the team, agent and category of its ticket).
 */
async function seedSurveyAnswers(ctx: AppContext): Promise<void> {
  await ctx.db.execute(sql`
    INSERT INTO surveys (ticket_id, company_id, unit_path, team_id, assignee_id, category_id, requester_id, sent_at, expires_at, answered_at, q1, q2, q3, suggestion)
    SELECT t.id, t.company_id, t.unit_path, t.team_id, t.assignee_id, t.category_id, t.requester_id, t.closed_at, t.closed_at + interval '14 days',
      t.closed_at + interval '1 day', 3 + (t.id % 3), 2 + ((t.id * 7) % 4), 3 + ((t.id * 3) % 3),
      CASE WHEN t.id % 5 = 0 THEN 'Petugas ramah dan cepat tanggap.' WHEN t.id % 7 = 0 THEN 'Mohon kabar perkembangan lebih sering.' END
    FROM tickets t
    WHERE t.status = 'closed' AND t.closed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM surveys s WHERE s.ticket_id = t.id)
    ORDER BY t.id LIMIT 60`);
}

async function ticketIdOf(ctx: AppContext, number: string): Promise<number> {
  const { rows } = await ctx.db.execute<{ id: number }>(sql`SELECT id FROM tickets WHERE number = ${number}`);
  return Number(rows[0]?.id);
}
