export const messages = {
  id: {
    'errors.CATALOG_ITEM_RETIRED': 'Layanan ini sudah dihentikan.',
    'errors.CATALOG_ITEM_IN_REVIEW': 'Versi layanan sedang ditinjau Manajer Katalog; tunggu keputusannya sebelum mengubah lagi.',
    'errors.CATALOG_TRANSITION_NOT_ALLOWED': 'Tindakan ini tidak dapat dilakukan pada status layanan saat ini.',
  },
  en: {
    'errors.CATALOG_ITEM_RETIRED': 'This service has been retired.',
    'errors.CATALOG_ITEM_IN_REVIEW': 'This version is under review by the Catalog Manager; wait for the decision before editing again.',
    'errors.CATALOG_TRANSITION_NOT_ALLOWED': 'This action is not possible in the service’s current state.',
  },
};
