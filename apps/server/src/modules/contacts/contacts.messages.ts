export const messages = {
  id: {
    'errors.PHONE_INVALID': 'Nomor telepon tidak valid (contoh: 0812-3456-7890).',
    'errors.CONTACT_EMAIL_TAKEN': 'Kontak dengan email ini sudah ada.',
    'errors.CONTACT_EMAIL_MISSING': 'Kontak ini belum memiliki alamat email.',
    'errors.CONTACT_ALREADY_VERIFIED': 'Email kontak ini sudah terkonfirmasi.',
    'errors.VERIFICATION_INVALID': 'Tautan konfirmasi tidak berlaku atau sudah dipakai.',
  },
  en: {
    'errors.PHONE_INVALID': 'Not a valid phone number (for example 0812-3456-7890).',
    'errors.CONTACT_EMAIL_TAKEN': 'A contact with this email already exists.',
    'errors.CONTACT_EMAIL_MISSING': 'This contact has no email address yet.',
    'errors.CONTACT_ALREADY_VERIFIED': 'This contact’s email is already confirmed.',
    'errors.VERIFICATION_INVALID': 'This confirmation link is not valid or has been used.',
  },
};
