export const messages = {
  id: {
    'errors.WEBHOOK_URL_REFUSED':
      'Alamat webhook harus http atau https ke alamat publik (bukan localhost, jaringan privat, atau metadata).',
    'errors.WEBHOOK_DISABLED': 'Webhook ini nonaktif. Aktifkan kembali sebelum mengirim ulang.',
  },
  en: {
    'errors.WEBHOOK_URL_REFUSED':
      'A webhook address must be http or https to a public address (not localhost, a private network or metadata).',
    'errors.WEBHOOK_DISABLED': 'This webhook is disabled. Enable it before redelivering.',
  },
};
