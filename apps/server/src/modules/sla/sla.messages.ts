export const messages = {
  id: {
    'errors.CALENDAR_IN_USE': 'Kalender masih dipakai kebijakan SLA yang aktif.',
  },
  en: {
    'errors.CALENDAR_IN_USE': 'The calendar is still used by an active SLA policy.',
  },
};
