export const messages = {
  id: {
    'errors.CALENDAR_INVALID': 'Jam kerja tidak valid: setiap rentang harus di dalam 00:00–24:00, berurutan dan tidak tumpang tindih.',
    'errors.HOLIDAY_EXISTS': 'Tanggal libur tersebut sudah ada.',
  },
  en: {
    'errors.CALENDAR_INVALID': 'Invalid working hours: each window must lie within 00:00–24:00, in order and without overlap.',
    'errors.HOLIDAY_EXISTS': 'That holiday date already exists.',
  },
};
