export const messages = {
  id: {
    'errors.SMTP_NOT_CONFIGURED': 'SMTP belum diatur. Simpan pengaturan SMTP terlebih dahulu.',
    'errors.SMTP_TEST_FAILED':
      'Email uji gagal dikirim. Periksa host, port, TLS, pengguna dan kata sandi SMTP; rinciannya ada di log server.',
    'settings.test.subject': 'Email uji dari {organisation}',
    'settings.test.body': 'Halo,\n\nIni email uji dari {organisation}. Jika Anda menerimanya, pengaturan SMTP sudah benar.',
  },
  en: {
    'errors.SMTP_NOT_CONFIGURED': 'SMTP is not set up yet. Save the SMTP settings first.',
    'errors.SMTP_TEST_FAILED':
      'The test email could not be sent. Check the SMTP host, port, TLS, user and password; the details are in the server log.',
    'settings.test.subject': 'Test email from {organisation}',
    'settings.test.body': 'Hello,\n\nThis is a test email from {organisation}. If you received it, the SMTP settings work.',
  },
};
