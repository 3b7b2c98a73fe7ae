-- Default categories (004 Table 2 and 001 job types) and business services (004 Table 1).
-- Administrators edit them afterwards; these rows are only the starting point.
INSERT INTO ticket_categories (code, name_id, name_en, sort) VALUES
  ('HW', 'Perangkat Keras', 'Hardware', 10),
  ('INFRA', 'Infrastruktur', 'Infrastructure', 20),
  ('APP', 'Aplikasi', 'Applications', 30),
  ('SEC', 'Keamanan Informasi', 'Information security', 40),
  ('SVC', 'Permintaan Layanan TIK', 'ICT service request', 50);

INSERT INTO ticket_categories (parent_id, code, name_id, name_en, sort, is_security)
SELECT p.id, c.code, c.name_id, c.name_en, c.sort, c.is_security
FROM (VALUES
  ('HW', 'HW-PC', 'Komputer', 'Computer', 1, false),
  ('HW', 'HW-SRV', 'Server', 'Server', 2, false),
  ('HW', 'HW-CABLE', 'Kabel', 'Cabling', 3, false),
  ('HW', 'HW-PRINT', 'Printer & Pemindai', 'Printer & scanner', 4, false),
  ('INFRA', 'INFRA-NET', 'Jaringan', 'Network', 1, false),
  ('INFRA', 'INFRA-EMAIL', 'Email Dinas', 'Official email', 2, false),
  ('INFRA', 'INFRA-VC', 'Video Conference', 'Video conference', 3, false),
  ('APP', 'APP-BUG', 'Gangguan Aplikasi', 'Application fault', 1, false),
  ('APP', 'APP-WEB', 'Pembuatan/Perbaikan Website', 'Website build or fix', 2, false),
  ('APP', 'APP-ACCESS', 'Akun & Hak Akses', 'Accounts & access', 3, false),
  ('SEC', 'SEC-VIRUS', 'Virus/Malware', 'Virus/malware', 1, true),
  ('SEC', 'SEC-BREACH', 'Kebocoran/Akses Tidak Sah', 'Breach/unauthorised access', 2, true),
  ('SVC', 'SVC-DOMAIN', 'Domain & Hosting', 'Domain & hosting', 1, false),
  ('SVC', 'SVC-DEVICE', 'Pengadaan Perangkat', 'Device procurement', 2, false)
) AS c(parent, code, name_id, name_en, sort, is_security)
JOIN ticket_categories p ON p.code = c.parent;

INSERT INTO ticket_categories (parent_id, code, name_id, name_en, sort)
SELECT p.id, c.code, c.name_id, c.name_en, c.sort
FROM (VALUES
  ('HW-PC', 'HW-PC-VIRUS', 'Terkena virus (komputer lambat merespons)', 'Virus infection (slow computer)', 1),
  ('HW-PC', 'HW-PC-BOOT', 'Gagal booting', 'Fails to boot', 2),
  ('HW-SRV', 'HW-SRV-DOWN', 'Server down (transaksi melambat)', 'Server down (slow transactions)', 1),
  ('HW-CABLE', 'HW-CABLE-DAMAGED', 'Kabel rusak', 'Damaged cable', 1),
  ('HW-CABLE', 'HW-CABLE-CUT', 'Kabel putus', 'Cut cable', 2),
  ('INFRA-NET', 'INFRA-NET-DOWN', 'Internet down', 'Internet down', 1)
) AS c(parent, code, name_id, name_en, sort)
JOIN ticket_categories p ON p.code = c.parent;

INSERT INTO business_services (code, name, users_description, description) VALUES
  ('IPOS', 'Ipos', 'Bagian Pelayanan', 'Input data pelanggan yang ingin melakukan pengiriman barang.'),
  ('PGM', 'Pos Giro Mobile (PGM)', 'Masyarakat', 'Platform digital berbasis rekening Giropos untuk transaksi keuangan secara mobile.'),
  ('EPOD', 'E-Pod', 'Bagian Antaran', 'Pelaporan pengiriman barang: lokasi, data penerima dan tanda tangan bukti terima.'),
  ('POSPAY', 'PosPay', 'Masyarakat', 'Pembayaran tagihan dan angsuran secara digital.'),
  ('SIK', 'Sistem Informasi Keuangan (SIK)', 'Bagian Akuntansi', 'Pencatatan keuangan masuk dan keluar.'),
  ('SIMSDM', 'SIM SDM', 'Bagian Dukungan Umum', 'Administrasi sumber daya manusia.'),
  ('WAHANA', 'Wahana.posindonesia', 'Seluruh Bagian', 'Informasi dan dokumen internal.'),
  ('WEB', 'Website posindonesia', 'Masyarakat', 'Informasi layanan untuk publik.');
