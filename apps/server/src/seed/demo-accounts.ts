import type { Role } from '@ish/shared';

/** The demo password of every demo account (README lists them). */
export const DEMO_PASSWORD = 'Sandi12345';

/** One demo account per role; tests and the README use these. */
export const DEMO_ACCOUNTS: Record<Role, { email: string; name: string }> = {
  requester: { email: 'siti@nusantara.test', name: 'Siti Rahmawati' },
  agent: { email: 'budi@nusantara.test', name: 'Budi Santoso' },
  team_lead: { email: 'dewi@nusantara.test', name: 'Dewi Lestari' },
  service_provider: { email: 'andi@nusantara.test', name: 'Andi Wijaya' },
  catalog_manager: { email: 'rina@nusantara.test', name: 'Rina Kusuma' },
  approver: { email: 'hendra@nusantara.test', name: 'Hendra Gunawan' },
  billing_coordinator: { email: 'yuni@nusantara.test', name: 'Yuni Astuti' },
  billing_admin: { email: 'sri@nusantara.test', name: 'Sri Wahyuni' },
  change_requester: { email: 'putri@nusantara.test', name: 'Putri Ayu Lestari' },
  change_manager: { email: 'agus@nusantara.test', name: 'Agus Salim' },
  cab_member: { email: 'maya@nusantara.test', name: 'Maya Sari' },
  implementer: { email: 'rudi@nusantara.test', name: 'Rudi Hartono' },
  executive: { email: 'bambang@nusantara.test', name: 'Bambang Sutrisno' },
  division_admin: { email: 'fajar@nusantara.test', name: 'Fajar Nugroho' },
  administrator: { email: 'admin@nusantara.test', name: 'Wahyu Pratama' },
};
