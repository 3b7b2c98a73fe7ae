export const messages = {
  id: {
    'errors.SURVEY_ANSWERED': 'Survei ini sudah diisi. Terima kasih!',
    'errors.SURVEY_EXPIRED': 'Survei ini sudah tidak berlaku (lebih dari 14 hari).',
  },
  en: {
    'errors.SURVEY_ANSWERED': 'This survey has already been answered. Thank you!',
    'errors.SURVEY_EXPIRED': 'This survey is no longer open (after 14 days).',
  },
};
