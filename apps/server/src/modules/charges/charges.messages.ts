export const messages = {
  id: {
    'errors.CHARGE_REVERSED': 'Biaya ini sudah dikoreksi.',
    'errors.REVERSAL_AMOUNT_INVALID': 'Jumlah koreksi harus lebih dari nol dan tidak melebihi biaya semula.',
  },
  en: {
    'errors.CHARGE_REVERSED': 'This charge has already been corrected.',
    'errors.REVERSAL_AMOUNT_INVALID': 'A correction must be more than zero and at most the original charge.',
  },
};
