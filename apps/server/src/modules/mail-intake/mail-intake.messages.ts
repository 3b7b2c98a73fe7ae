export const messages = {
  id: {
    'errors.MAIL_NOT_QUARANTINED': 'Email ini tidak lagi dikarantina.',
    'errors.MAIL_NOT_RELEASABLE': 'Email ini tidak dapat dijadikan tiket ({reason}).',
    'mail.noSubject': 'Email dari {name}',
    'mail.followUp': 'Lanjutan dari tiket {number} yang sudah ditutup.',
  },
  en: {
    'errors.MAIL_NOT_QUARANTINED': 'This email is no longer in quarantine.',
    'errors.MAIL_NOT_RELEASABLE': 'This email cannot become a ticket ({reason}).',
    'mail.noSubject': 'Email from {name}',
    'mail.followUp': 'Follow-up to closed ticket {number}.',
  },
};
