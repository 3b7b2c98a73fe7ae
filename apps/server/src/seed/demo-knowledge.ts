import { sql } from 'drizzle-orm';
import { loadActor } from '../modules/identity/index.ts';
import { createArticle, knowledgeCategories, recordDeflection, stepArticle } from '../modules/knowledge/index.ts';
import { createProblem, stepProblem } from '../modules/problems/index.ts';
import type { Actor } from '../platform/authz/actor.ts';
import type { AppContext } from '../platform/context.ts';

/**
 * A knowledge base worth searching (bilingual articles, one agents-only, one
 * drafted from a resolved ticket, one waiting for review) and two problems
 * behind the demo's recurring incidents — a known error with its workaround
 * published, one under investigation — made through the real services.
 */
export async function seedDemoKnowledge(ctx: AppContext): Promise<void> {
  const as = async (email: string): Promise<Actor> => {
    const { rows } = await ctx.db.execute<{ id: number }>(sql`SELECT id FROM users WHERE email = ${email}`);
    const actor = await loadActor(ctx.db, Number(rows[0]?.id));
    if (!actor) throw new Error(`demo user ${email} missing`);
    return actor;
  };
  const [budi, dewi, siti] = [await as('budi@nusantara.test'), await as('dewi@nusantara.test'), await as('siti@nusantara.test')];
  const categories = await ctx.db
    .insert(knowledgeCategories)
    .values([
      { code: 'HW', nameId: 'Perangkat keras', nameEn: 'Hardware', sort: 1 },
      { code: 'ACCESS', nameId: 'Akun & akses', nameEn: 'Accounts & access', sort: 2 },
      { code: 'NET', nameId: 'Jaringan & email', nameEn: 'Network & email', sort: 3 },
    ])
    .returning({ id: knowledgeCategories.id, code: knowledgeCategories.code });
  const category = (code: string) => categories.find((c) => c.code === code)?.id ?? null;

  /** Written by Budi, published by Dewi (or left waiting for her). */
  const article = async (content: Record<string, unknown>, publish = true) => {
    const id = await createArticle(ctx, budi, content);
    const version = async () =>
      Number((await ctx.db.execute<{ version: number }>(sql`SELECT version FROM knowledge_articles WHERE id = ${id}`)).rows[0]?.version);
    await stepArticle(ctx, budi, id, 'submit', { version: await version() });
    if (publish) await stepArticle(ctx, dewi, id, 'approve', { version: await version() });
    return id;
  };
  const printer = await article({
    titleId: 'Printer tidak bisa cetak: antrean macet',
    titleEn: 'Printer does not print: stuck queue',
    bodyId:
      '<h3>Gejala</h3><p>Dokumen dikirim ke printer tetapi tidak keluar; antrean menunjukkan status <i>Error</i>.</p><h3>Penyelesaian</h3><ol><li>Buka <b>Pengaturan → Printer</b>, pilih printer, lalu <b>Buka antrean</b>.</li><li>Batalkan semua dokumen.</li><li>Matikan printer 30 detik, nyalakan lagi, lalu cetak ulang.</li></ol>',
    bodyEn:
      '<h3>Symptoms</h3><p>Documents go to the printer but nothing comes out; the queue says <i>Error</i>.</p><h3>Solution</h3><ol><li>Open <b>Settings → Printers</b>, choose the printer, then <b>Open queue</b>.</li><li>Cancel every document.</li><li>Switch the printer off for 30 seconds, on again, and print again.</li></ol>',
    categoryId: category('HW'),
    tags: ['printer', 'antrean'],
  });
  await article({
    titleId: 'Reset kata sandi akun aplikasi SIK',
    titleEn: 'Resetting your SIK application password',
    bodyId:
      '<p>Di halaman masuk SIK pilih <b>Lupa kata sandi</b>, isi email dinas, lalu ikuti tautan yang dikirim. Tautan berlaku 1 jam.</p>',
    bodyEn:
      '<p>On the SIK sign-in page choose <b>Forgot password</b>, enter your work email and follow the link sent to you. It is valid for an hour.</p>',
    categoryId: category('ACCESS'),
    tags: ['kata sandi', 'sik'],
  });
  await article({
    titleId: 'Menyambung ke Wi-Fi tamu',
    titleEn: 'Connecting to the guest Wi-Fi',
    bodyId: '<p>Pilih jaringan <b>Nusantara-Tamu</b>, buka peramban, dan masukkan kode harian dari resepsionis.</p>',
    bodyEn: '<p>Choose the <b>Nusantara-Tamu</b> network, open a browser and enter the daily code from reception.</p>',
    categoryId: category('NET'),
    tags: ['wifi'],
  });
  await article({
    titleId: 'Menjalankan ulang layanan aplikasi keuangan',
    bodyId:
      '<p>Khusus petugas: hentikan layanan <code>sik-api</code>, kosongkan <code>/var/log/sik</code> bila penuh, jalankan lagi, lalu pantau 1 jam.</p>',
    categoryId: category('HW'),
    visibility: 'agents',
    tags: ['server', 'sik'],
  });
  // Drafted in one click from a resolved email ticket (003 §2), reviewed like any other.
  const { rows: emailTickets } = await ctx.db.execute<{ id: number }>(sql`
    SELECT t.id FROM tickets t JOIN ticket_categories c ON c.id = t.category_id JOIN companies co ON co.id = t.company_id
    WHERE c.code = 'INFRA-EMAIL' AND t.status IN ('resolved', 'closed') AND t.solution_summary IS NOT NULL AND co.code = 'NDS'
    ORDER BY t.id LIMIT 1`);
  if (emailTickets[0]) await article({ fromTicketId: Number(emailTickets[0].id), categoryId: category('NET'), tags: ['email'] });
  await article(
    { titleId: 'Konfigurasi VPN untuk kerja jarak jauh', bodyId: '<p>Pasang aplikasi VPN kantor, masuk dengan akun dinas.</p>' },
    false,
  );
  // Two requesters found their answer instead of filing a ticket.
  await recordDeflection(ctx, siti, printer, 'printer tidak mencetak');
  await recordDeflection(ctx, siti, printer, 'antrean printer');

  // The printer incidents keep coming back: a known error with its workaround published.
  const incidents = async (code: string, limit: number) =>
    (
      await ctx.db.execute<{ number: string }>(sql`
      SELECT t.number FROM tickets t JOIN ticket_categories c ON c.id = t.category_id JOIN companies co ON co.id = t.company_id
      WHERE c.code = ${code} AND co.code = 'NDS' AND t.type = 'incident' ORDER BY t.created_at DESC LIMIT ${limit}`)
    ).rows.map((r) => r.number);
  const printing = Number(
    (await ctx.db.execute<{ id: number }>(sql`SELECT id FROM ticket_categories WHERE code = 'HW-PRINT'`)).rows[0]?.id,
  );
  const known = await createProblem(ctx, dewi, {
    title: 'Printer jaringan sering macet',
    description: '<p>Printer jaringan di beberapa lantai berhenti mencetak beberapa kali seminggu.</p>',
    serviceId: null,
    categoryId: printing || null,
    ownerId: null,
    incidents: await incidents('HW-PRINT', 4),
  });
  const version = async () =>
    Number((await ctx.db.execute<{ version: number }>(sql`SELECT version FROM problems WHERE id = ${known}`)).rows[0]?.version);
  await stepProblem(ctx, dewi, known, { version: await version(), action: 'investigate', resolveIncidents: false });
  await stepProblem(ctx, dewi, known, {
    version: await version(),
    action: 'known_error',
    rootCause: 'Firmware printer versi lama kehabisan memori antrean saat menerima dokumen besar.',
    workaround: 'Batalkan antrean, matikan printer 30 detik, lalu cetak ulang dokumen dalam beberapa bagian.',
    resolveIncidents: false,
  });
  const network = Number(
    (await ctx.db.execute<{ id: number }>(sql`SELECT id FROM ticket_categories WHERE code = 'INFRA-NET-DOWN'`)).rows[0]?.id,
  );
  const investigating = await createProblem(ctx, dewi, {
    title: 'Internet kantor cabang putus setiap hujan deras',
    description: '<p>Dicurigai perangkat radio link di atap.</p>',
    serviceId: null,
    categoryId: network || null,
    ownerId: null,
    incidents: await incidents('INFRA-NET-DOWN', 3),
  });
  await stepProblem(ctx, dewi, investigating, {
    version: Number(
      (await ctx.db.execute<{ version: number }>(sql`SELECT version FROM problems WHERE id = ${investigating}`)).rows[0]?.version,
    ),
    action: 'investigate',
    resolveIncidents: false,
  });
}
