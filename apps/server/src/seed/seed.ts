import { DEFAULT_TIME_ZONE, type Role } from '@ish/shared';
import { sql } from 'drizzle-orm';
import { roleGrants, users } from '../modules/identity/index.ts';
import { companies, locations, teamMembers, teams, units, vendors } from '../modules/org/index.ts';
import { rebuildReports } from '../modules/reports/index.ts';
import { companyBranding, settings } from '../modules/settings/index.ts';
import { checkSlas } from '../modules/sla/index.ts';
import type { AppContext } from '../platform/context.ts';
import type { Tx } from '../platform/db/client.ts';
import { hashPassword } from '../platform/security/passwords.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';
import { seedDemoAttendance } from './demo-attendance.ts';
import { seedDemoBilling } from './demo-billing.ts';
import { seedDemoCatalog } from './demo-catalog.ts';
import { seedDemoChanges } from './demo-changes.ts';
import { seedDemoChannels, seedPublicForm } from './demo-channels.ts';
import { seedDemoKnowledge } from './demo-knowledge.ts';
import { seedDemoTickets } from './demo-tickets.ts';

/**
 * On an empty development database, creates the demo organisation of the
 * README. Production never gets demo data: its first Administrator comes from
 * `npm run create-admin`.
 */
export async function seedIfEmpty(ctx: AppContext, log: { info(msg: string): void }): Promise<void> {
  const { rows } = await ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM companies`);
  if ((rows[0]?.n ?? 0) > 0) return;
  if (ctx.env.NODE_ENV === 'production' || ctx.env.SEED_DEMO === 'false') {
    log.info('Empty database: create the first Administrator with `npm run create-admin -- --email … --name …`');
    return;
  }
  await ctx.db.transaction(async (tx) => {
    await seedDemo(tx);
    await seedDemoTickets(tx);
  });
  await seedDemoCatalog(ctx);
  await seedDemoBilling(ctx);
  await seedDemoKnowledge(ctx);
  await seedDemoChannels(ctx);
  // The demo's tickets were written directly (back-dated): count them once for the reports.
  await ctx.db.transaction((tx) => rebuildReports(tx));
  await seedDemoAttendance(ctx);
  await seedDemoChanges(ctx);
  // Settle the demo's clocks now (warnings, breaches, escalations) rather than in the first minutes of use.
  await checkSlas(ctx);
  log.info(`Demo organisation created; sign in as ${DEMO_ACCOUNTS.administrator.email} / ${DEMO_PASSWORD}`);
}

async function insertUnit(
  tx: Tx,
  companyId: number,
  parent: { id: number; path: string } | null,
  code: string,
  name: string,
  type: string,
) {
  const [row] = await tx
    .insert(units)
    .values({ companyId, parentId: parent?.id ?? null, code, name, type })
    .returning({ id: units.id });
  if (!row) throw new Error('unit insert failed');
  const path = `${parent?.path ?? '/'}${row.id}/`;
  await tx.update(units).set({ path }).where(sql`id = ${row.id}`);
  return { id: row.id, path, companyId };
}

export async function seedDemo(tx: Tx): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const [nds, aki, kominfo] = await tx
    .insert(companies)
    .values([
      { code: 'NDS', name: 'PT Nusantara Digital Sejahtera' },
      { code: 'AKI', name: 'PT Arduo Kreasi Indonesia', timeZone: 'Asia/Makassar' },
      { code: 'KOMINFO', name: 'Dinas Kominfo Kota Bukittinggi' },
    ])
    .returning({ id: companies.id });
  if (!nds || !aki || !kominfo) throw new Error('company insert failed');
  // The city's agency signs in under its own name and colour, not the Nusantara group's.
  await tx.insert(companyBranding).values({ companyId: kominfo.id, name: 'Diskominfo Bukittinggi', primaryColor: '#2b8a3e' });

  const direksi = await insertUnit(tx, nds.id, null, 'DIR', 'Direksi', 'division');
  const devops = await insertUnit(tx, nds.id, null, 'DEVOPS', 'DevOps', 'division');
  const platform = await insertUnit(tx, nds.id, devops, 'DEVOPS-PLT', 'Platform & Cloud', 'department');
  const bigdata = await insertUnit(tx, nds.id, null, 'BIGDATA', 'Big Data', 'division');
  const produk = await insertUnit(tx, nds.id, null, 'PRODUK', 'Produk', 'division');
  const operasional = await insertUnit(tx, nds.id, null, 'OPS', 'Operasional', 'division');
  const it = await insertUnit(tx, nds.id, null, 'IT', 'Teknologi Informasi', 'division');
  const keuangan = await insertUnit(tx, nds.id, null, 'FIN', 'Keuangan', 'division');
  const ouJakarta = await insertUnit(tx, aki.id, null, 'OU-JKT', 'OU Jakarta', 'operating_unit');
  await insertUnit(tx, aki.id, null, 'OU-SBY', 'OU Surabaya', 'operating_unit');
  await insertUnit(tx, aki.id, null, 'OU-MKS', 'OU Makassar', 'operating_unit');
  const diskominfo = await insertUnit(tx, kominfo.id, null, 'DISKOMINFO', 'Bidang Layanan TIK', 'department');
  await insertUnit(tx, kominfo.id, null, 'DISDIK', 'Dinas Pendidikan', 'skpd');
  const dinkes = await insertUnit(tx, kominfo.id, null, 'DINKES', 'Dinas Kesehatan', 'skpd');
  await insertUnit(tx, kominfo.id, null, 'BAPPEDA', 'Bappeda', 'skpd');
  // Reports from residents through Lapor Gangguan (004) are placed here.
  const publicReporters = await insertUnit(tx, kominfo.id, null, '01', 'Pelapor Publik', 'department');

  const userIds = new Map<string, number>();
  const addUser = async (
    email: string,
    name: string,
    unit: { id: number; path: string; companyId: number },
    roles: [Role, 'own' | 'company' | 'organisation'][],
    phone?: string,
  ) => {
    const [user] = await tx
      .insert(users)
      .values({ email, name, unitId: unit.id, passwordHash, phone: phone ?? null })
      .returning({ id: users.id });
    if (!user) throw new Error('user insert failed');
    userIds.set(email, user.id);
    const grants: [Role, 'own' | 'company' | 'organisation'][] = [['requester', 'own'], ...roles];
    await tx.insert(roleGrants).values(
      grants.map(([role, scope]) => ({
        userId: user.id,
        role,
        scopeKind: scope === 'own' ? ('unit' as const) : scope,
        unitId: scope === 'own' ? unit.id : null,
        companyId: scope === 'company' ? unit.companyId : null,
      })),
    );
    return user.id;
  };
  const acct = DEMO_ACCOUNTS;
  // DevOps and Produk staff raise changes (Change Requester in their own division).
  await addUser(acct.requester.email, acct.requester.name, produk, [['change_requester', 'own']], '0812-1111-2001');
  const budi = await addUser(acct.agent.email, acct.agent.name, it, [['agent', 'company']], '0812-1111-2002');
  const dewi = await addUser(acct.team_lead.email, acct.team_lead.name, it, [['team_lead', 'company']], '0812-1111-2003');
  const andi = await addUser(acct.service_provider.email, acct.service_provider.name, devops, [
    ['service_provider', 'own'],
    ['change_requester', 'own'],
  ]);
  await addUser(acct.catalog_manager.email, acct.catalog_manager.name, it, [['catalog_manager', 'organisation']]);
  await addUser(acct.approver.email, acct.approver.name, produk, [['approver', 'own']]);
  await addUser(acct.billing_coordinator.email, acct.billing_coordinator.name, produk, [['billing_coordinator', 'own']]);
  await addUser(acct.change_manager.email, acct.change_manager.name, it, [['change_manager', 'organisation']]);
  await addUser(acct.cab_member.email, acct.cab_member.name, operasional, [['cab_member', 'organisation']]);
  const rudi = await addUser(acct.implementer.email, acct.implementer.name, devops, [['implementer', 'organisation']]);
  const director = await addUser(acct.executive.email, acct.executive.name, direksi, [['executive', 'organisation']]);
  const headOfIt = await addUser('surya@nusantara.test', 'Surya Darmawan', it, [['team_lead', 'company']]);
  await addUser(acct.division_admin.email, acct.division_admin.name, devops, [['division_admin', 'own']]);
  await addUser(acct.administrator.email, acct.administrator.name, it, [['administrator', 'organisation']]);
  // Colleagues so that lists, teams and the other divisions look lived in.
  const joko = await addUser('joko@nusantara.test', 'Joko Susilo', it, [['agent', 'company']]);
  const ratna = await addUser('ratna@nusantara.test', 'Ratna Sari Dewi', it, [['agent', 'company']]);
  const eko = await addUser('eko@nusantara.test', 'Eko Prasetyo', it, [['team_lead', 'company']]);
  await addUser('lina@nusantara.test', 'Lina Marlina', bigdata, [['service_provider', 'own']]);
  await addUser('teguh@nusantara.test', 'Teguh Wibowo', bigdata, []);
  await addUser(acct.change_requester.email, acct.change_requester.name, platform, [['change_requester', 'own']]);
  await addUser('galih@nusantara.test', 'Galih Ramadhan', produk, [['change_requester', 'own']]);
  // The Change Advisory Board draws on several divisions (IT, operations, business): Maya with these two.
  await addUser('indra@nusantara.test', 'Indra Kurniawan', it, [['cab_member', 'organisation']]);
  await addUser('sekar@nusantara.test', 'Sekar Ayuningtyas', keuangan, [['cab_member', 'organisation']]);
  await addUser('dimas@nusantara.test', 'Dimas Aditya', operasional, []);
  // Finance's Billing Coordinator also administers billing for the company (settings, runs).
  await addUser(acct.billing_admin.email, acct.billing_admin.name, keuangan, [
    ['billing_coordinator', 'own'],
    ['billing_admin', 'company'],
  ]);
  // DevOps' own Billing Coordinator reads what the division earns from its catalog.
  await addUser('wulan@nusantara.test', 'Wulan Anggraini', devops, [['billing_coordinator', 'own']]);
  await addUser('arif@arduo.test', 'Arif Rahman', ouJakarta, []);
  // Arduo's helpdesk (003): Customer Care takes new tickets, and its lead validates solutions.
  const bayu = await addUser('bayu@arduo.test', 'Bayu Saputra', ouJakarta, [['agent', 'company']]);
  const indah = await addUser('indah@arduo.test', 'Indah Permata', ouJakarta, [['team_lead', 'company']]);
  await addUser('nurul@bukittinggi.test', 'Nurul Hidayah', dinkes, []);
  const yoga = await addUser('yoga@bukittinggi.test', 'Yoga Pratama', diskominfo, [['agent', 'company']]);
  // Positions (jabatan): a Kepala Bidang's or the director's reports are urgent (004 Table 3).
  for (const [email, position] of [
    [acct.executive.email, 'Direktur'],
    ['surya@nusantara.test', 'Kepala Divisi TI'],
    ['nurul@bukittinggi.test', 'Kepala Bidang'],
    [acct.approver.email, 'Manajer Produk'],
  ] as const)
    await tx.update(users).set({ position }).where(sql`email = ${email}`);

  const [serviceDesk, infra, appdev, kominfoDesk, devopsService, customerCare] = await tx
    .insert(teams)
    .values([
      { companyId: nds.id, unitId: it.id, code: 'SD', name: 'Service Desk', level: 1, leadUserId: dewi },
      { companyId: nds.id, unitId: it.id, code: 'INFRA', name: 'Infrastruktur', level: 2, leadUserId: eko },
      { companyId: nds.id, unitId: it.id, code: 'APPDEV', name: 'Pengembangan Aplikasi', level: 2, leadUserId: eko },
      { companyId: kominfo.id, unitId: diskominfo.id, code: 'KOMINFO-SD', name: 'Petugas Kominfo', level: 1, leadUserId: yoga },
      // DevOps fulfils the catalog services it provides with its own team.
      { companyId: nds.id, unitId: devops.id, code: 'DEVOPS-SVC', name: 'Layanan DevOps', level: 2, leadUserId: andi },
      { companyId: aki.id, unitId: null, code: 'CC', name: 'Customer Care', level: 1, leadUserId: indah, validatesSolutions: true },
    ])
    .returning({ id: teams.id });
  if (!serviceDesk || !infra || !appdev || !kominfoDesk || !devopsService || !customerCare) throw new Error('team insert failed');
  await tx.insert(teamMembers).values([
    { teamId: serviceDesk.id, userId: budi },
    { teamId: serviceDesk.id, userId: dewi },
    { teamId: serviceDesk.id, userId: ratna },
    { teamId: infra.id, userId: joko },
    { teamId: infra.id, userId: eko },
    { teamId: appdev.id, userId: eko },
    { teamId: kominfoDesk.id, userId: yoga },
    { teamId: devopsService.id, userId: andi },
    { teamId: customerCare.id, userId: bayu },
    { teamId: customerCare.id, userId: indah },
    // DevOps' implementer carries out the changes its team takes on.
    { teamId: devopsService.id, userId: rudi },
  ]);
  await tx.insert(vendors).values([
    {
      name: 'PT Mitra Jaringan Andalan',
      contactName: 'Irwan Setiawan',
      contactEmail: 'support@mitrajaringan.test',
      contactPhone: '021-555-0101',
      contractRef: 'KTR/IT/2026/014',
    },
    {
      name: 'PT Solusi Perangkat Lunak Prima',
      contactName: 'Fitri Handayani',
      contactEmail: 'helpdesk@slp-prima.test',
      contactPhone: '021-555-0202',
      contractRef: 'KTR/IT/2026/021',
    },
  ]);
  await tx.insert(locations).values([
    { companyId: nds.id, name: 'Gedung Nusantara Lt. 5', address: 'Jl. Jend. Sudirman Kav. 52, Jakarta Selatan' },
    { companyId: nds.id, name: 'Data Center Cikarang', address: 'Kawasan Industri Jababeka, Cikarang' },
    { companyId: aki.id, name: 'Kantor OU Jakarta', address: 'Jl. Gatot Subroto No. 10, Jakarta' },
    { companyId: kominfo.id, name: 'Balai Kota Bukittinggi', address: 'Jl. Sudirman No. 27, Bukittinggi' },
  ]);
  await seedPublicForm(tx, kominfo.id, publicReporters.id, kominfoDesk.id);
  await tx.insert(settings).values([
    { key: 'identity', value: { organisationName: 'Grup Nusantara', primaryColor: '#1c7ed6', logoFileId: null } },
    { key: 'regional', value: { defaultTimeZone: DEFAULT_TIME_ZONE } },
    // Security tickets and hierarchical escalations reach these two (SOP 002 §4.h).
    {
      key: 'service_desk',
      value: {
        headOfItUserId: headOfIt,
        directorUserId: director,
        helpdeskTeams: [{ companyId: aki.id, teamId: customerCare.id }],
        // 004 Table 3: these positions' reports are urgent.
        urgentPositions: ['Kepala Bidang', 'Kepala Pos', 'Kepala Dinas', 'Direktur'],
      },
    },
    // Email to helpdesk@nusantara.test (002 §5.g): strangers' mail becomes tickets of IT for the Service Desk.
    {
      key: 'mail_intake',
      value: {
        helpdeskAddress: 'helpdesk@nusantara.test',
        companyId: nds.id,
        unitId: it.id,
        teamId: serviceDesk.id,
        unknownSenders: 'contact',
        perSenderPerHour: 30,
      },
    },
  ]);
}
