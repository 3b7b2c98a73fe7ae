import { sql } from 'drizzle-orm';
import { PROTECTION_DEFAULTS } from '../modules/intake/index.ts';
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
