import { sql } from 'drizzle-orm';
import { businessMinutesBetween, loadCalendar } from '../modules/calendars/index.ts';
import { startSla } from '../modules/sla/index.ts';
import { DEFAULT_MATRIX, type Level, type TicketStatus, ticketComments, ticketEvents, tickets } from '../modules/tickets/index.ts';
import type { Tx } from '../platform/db/client.ts';
import { nextNumber } from '../platform/numbering/numbering.ts';

/** A small deterministic generator, so every demo database looks the same. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

const TITLES = [
  ['Printer lantai 3 tidak bisa mencetak', 'HW-PRINT'],
  ['Komputer sangat lambat, dicurigai virus', 'HW-PC-VIRUS'],
  ['Laptop gagal booting setelah update', 'HW-PC-BOOT'],
  ['Server aplikasi keuangan down', 'HW-SRV-DOWN'],
  ['Kabel LAN ruang rapat putus', 'HW-CABLE-CUT'],
  ['Internet kantor cabang mati', 'INFRA-NET-DOWN'],
  ['Wi-Fi tamu tidak bisa terhubung', 'INFRA-NET'],
  ['Tidak bisa mengirim email dinas', 'INFRA-EMAIL'],
  ['Zoom rapat pimpinan putus-putus', 'INFRA-VC'],
  ['Aplikasi absensi error saat login', 'APP-BUG'],
  ['Perbaikan halaman berita website dinas', 'APP-WEB'],
  ['Permintaan akses folder bersama', 'APP-ACCESS'],
  ['Reset kata sandi akun aplikasi SIK', 'APP-ACCESS'],
  ['Perpanjangan domain subdomain dinas', 'SVC-DOMAIN'],
  ['Pengadaan mouse dan keyboard baru', 'SVC-DEVICE'],
  ['Email mencurigakan meminta data login', 'SEC-BREACH'],
] as const;

const SUMMARIES = [
  'Driver diperbarui dan antrean cetak dibersihkan.',
  'Pemindaian antivirus penuh, berkas karantina dihapus.',
  'Konfigurasi dipulihkan dari cadangan terakhir.',
  'Kabel diganti dan koneksi diuji.',
  'Hak akses ditambahkan sesuai persetujuan atasan.',
  'Layanan dijalankan ulang dan dipantau 1 jam.',
];

/** A demo ticket's clocks as if it had been worked at those times: response and resolution in business minutes. */
async function settleClock(tx: Tx, ticketId: number, created: Date, responded: Date | null, resolved: Date | null) {
  if (!responded && !resolved) return;
  const { rows } = await tx.execute<{ calendar_id: number; response_target: number; resolution_target: number }>(
    sql`SELECT calendar_id, response_target, resolution_target FROM ticket_slas WHERE ticket_id = ${ticketId}`,
  );
  const clock = rows[0];
  if (!clock) return;
  const cal = await loadCalendar(tx, Number(clock.calendar_id));
  const spent = (to: Date | null) => (to ? businessMinutesBetween(created.getTime(), to.getTime(), cal) : null);
  const response = spent(responded ?? resolved);
  const resolution = spent(resolved);
  const outcome = (minutes: number | null, target: number) => (minutes === null ? null : minutes <= target ? 'met' : 'breached');
  await tx.execute(sql`
    UPDATE ticket_slas SET
      response_spent = ${response}, response_since = NULL, response_outcome = ${outcome(response, clock.response_target)},
      resolution_spent = coalesce(${resolution}, resolution_spent),
      resolution_since = CASE WHEN ${resolution}::float8 IS NULL THEN resolution_since END,
      resolution_outcome = ${outcome(resolution, clock.resolution_target)},
      next_check_at = CASE WHEN ${resolution}::float8 IS NULL THEN next_check_at END
    WHERE ticket_id = ${ticketId}`);
}

/**
 * A few hundred tickets over the last twelve months across units, statuses,
 * priorities and teams, so every screen of the demo looks lived in.
 */
export async function seedDemoTickets(tx: Tx, count = 320): Promise<void> {
  const rnd = random(20261125);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const { rows: requesters } = await tx.execute<{
    id: number;
    unit_id: number;
    path: string;
    company_id: number;
    code: string;
    name: string;
    email: string;
  }>(sql`
    SELECT u.id, u.unit_id, un.path, un.company_id, un.code, u.name, u.email FROM users u JOIN units un ON un.id = u.unit_id
    WHERE un.code IN ('PRODUK', 'BIGDATA', 'OPS', 'DEVOPS', 'DEVOPS-PLT', 'FIN', 'DIR', 'DINKES') ORDER BY u.id`);
  const { rows: teams } = await tx.execute<{ id: number; code: string; members: number[] }>(sql`
    SELECT t.id, t.code, array_agg(m.user_id ORDER BY m.user_id) AS members FROM teams t JOIN team_members m ON m.team_id = t.id
    WHERE t.code IN ('SD', 'INFRA', 'KOMINFO-SD') GROUP BY t.id, t.code`);
  const { rows: categories } = await tx.execute<{ id: number; code: string }>(sql`SELECT id, code FROM ticket_categories`);
  const { rows: services } = await tx.execute<{ id: number }>(sql`SELECT id FROM business_services`);
  const categoryId = new Map(categories.map((c) => [c.code, Number(c.id)]));
  const levels: Level[] = ['high', 'medium', 'medium', 'low', 'low'];
  const now = Date.now();
  const dates = Array.from({ length: count }, () => now - Math.floor(rnd() * 365 * 24 * 60) * 60_000).sort((a, b) => a - b);

  for (const createdMs of dates) {
    const requester = pick(requesters);
    const [title, category] = pick(TITLES);
    const urgency = pick(levels);
    const impact = pick(levels);
    const ageDays = (now - createdMs) / 86_400_000;
    const status: TicketStatus =
      ageDays > 30
        ? rnd() < 0.93
          ? 'closed'
          : 'cancelled'
        : pick(['new', 'assigned', 'in_progress', 'in_progress', 'pending', 'resolved', 'closed'] as const);
    const team =
      requester.code === 'DINKES' ? teams.find((t) => t.code === 'KOMINFO-SD') : pick(teams.filter((t) => t.code !== 'KOMINFO-SD'));
    const assigned = status !== 'new' && status !== 'cancelled';
    const assignee = assigned && team ? pick(team.members) : null;
    const created = new Date(createdMs);
    const minutes = (n: number) => new Date(createdMs + n * 60_000);
    const started = ['in_progress', 'pending', 'resolved', 'closed'].includes(status) ? minutes(20 + Math.floor(rnd() * 240)) : null;
    const resolved = ['resolved', 'closed'].includes(status) ? minutes(300 + Math.floor(rnd() * 2880)) : null;
    const closed = status === 'closed' ? minutes(3000 + Math.floor(rnd() * 4000)) : null;
    const summary = resolved ? pick(SUMMARIES) : null;
    const number = await nextNumber(tx, 'ticket', 'INC-{yyyy}-{seq:6}', {
      at: created,
      timeZone: 'Asia/Jakarta',
      unitCode: requester.code,
    });
    const [ticket] = await tx
      .insert(tickets)
      .values({
        number,
        type: category.startsWith('SVC') || category === 'APP-ACCESS' ? 'request' : 'incident',
        title,
        descriptionHtml: `<p>${title}. Mohon segera ditindaklanjuti.</p>`,
        categoryId: categoryId.get(category) ?? null,
        serviceId: rnd() < 0.4 ? Number(pick(services).id) : null,
        companyId: Number(requester.company_id),
        requesterId: Number(requester.id),
        unitId: Number(requester.unit_id),
        unitPath: requester.path,
        contactName: requester.name,
        contactEmail: requester.email,
        channel: pick(['web', 'web', 'web', 'phone', 'email', 'walk_in'] as const),
        urgency,
        impact,
        priority: DEFAULT_MATRIX[urgency][impact],
        teamId: status === 'new' ? null : (team?.id ?? null),
        assigneeId: assignee,
        status,
        pendingReason: status === 'pending' ? pick(['requester', 'vendor', 'other'] as const) : null,
        solutionSummary: summary,
        fulfilment: summary ? 'permanent' : null,
        locked: status === 'closed',
        createdBy: Number(requester.id),
        createdAt: created,
        firstResponseAt: started,
        startedAt: started,
        resolvedAt: resolved,
        closedAt: closed,
        cancelledAt: status === 'cancelled' ? minutes(90) : null,
        updatedAt: closed ?? resolved ?? started ?? created,
        timeSpentMinutes: started ? 15 + Math.floor(rnd() * 180) : 0,
      })
      .returning({ id: tickets.id });
    if (!ticket) continue;
    // Tickets carry their SLA clocks from when they were filed: open ones still run (the badges show ok,
    // warning and breached), finished ones were decided by when they were answered and resolved.
    if (status !== 'cancelled') {
      await startSla(tx, ticket.id);
      await settleClock(tx, ticket.id, created, started, resolved);
    }
    const events: (typeof ticketEvents.$inferInsert)[] = [
      { ticketId: ticket.id, actorId: Number(requester.id), kind: 'created', at: created, data: { number } },
    ];
    if (assignee)
      events.push({
        ticketId: ticket.id,
        actorId: assignee,
        kind: 'assigned',
        at: minutes(10),
        data: { assigneeId: [null, assignee], teamId: [null, team?.id] },
      });
    if (started)
      events.push({
        ticketId: ticket.id,
        actorId: assignee,
        kind: 'status_changed',
        at: started,
        data: { status: ['assigned', 'in_progress'], action: 'start' },
      });
    if (resolved) {
      const [reply] = await tx
        .insert(ticketComments)
        .values({ ticketId: ticket.id, authorId: assignee ?? Number(requester.id), bodyHtml: `<p>${summary}</p>`, createdAt: resolved })
        .returning({ id: ticketComments.id });
      events.push({ ticketId: ticket.id, actorId: assignee, kind: 'comment', at: resolved, data: { commentId: reply?.id } });
      events.push({
        ticketId: ticket.id,
        actorId: assignee,
        kind: 'status_changed',
        at: resolved,
        data: { status: ['in_progress', 'resolved'], action: 'resolve', solutionSummary: summary },
      });
    }
    if (closed)
      events.push({
        ticketId: ticket.id,
        actorId: Number(requester.id),
        kind: 'status_changed',
        at: closed,
        data: { status: ['resolved', 'closed'], action: 'confirm' },
      });
    await tx.insert(ticketEvents).values(events);
  }
}
