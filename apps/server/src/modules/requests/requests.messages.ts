export const messages = {
  id: {
    'errors.REQUEST_QUANTITY_REQUIRED': 'Catat jumlah atau jam aktual pada permintaan layanan sebelum menyelesaikannya.',
    'errors.REQUEST_NOT_IN_FULFILMENT': 'Permintaan ini tidak sedang dikerjakan.',
    'errors.REQUEST_NOT_WITHDRAWABLE': 'Permintaan hanya dapat ditarik selama masih menunggu persetujuan.',
    'errors.FORM_INVALID': 'Isian formulir layanan belum lengkap atau tidak valid.',
    'errors.ANSWER_FILES_LIMIT': 'Anda sudah mengunggah {max} berkas yang belum dipakai. Kirim permintaan Anda dulu atau coba lagi besok.',
    'requests.form.fileGone': 'Berkas ini sudah dipakai atau kedaluwarsa; unggah lagi.',
    'requests.form.required': 'Wajib diisi.',
    'requests.form.invalid': 'Isian tidak valid.',
  },
  en: {
    'errors.REQUEST_QUANTITY_REQUIRED': 'Record the actual quantity or hours on the service request before completing it.',
    'errors.REQUEST_NOT_IN_FULFILMENT': 'This request is not being fulfilled.',
    'errors.REQUEST_NOT_WITHDRAWABLE': 'A request can only be withdrawn while it waits for approval.',
    'errors.FORM_INVALID': 'The service form is incomplete or invalid.',
    'errors.ANSWER_FILES_LIMIT': 'You have {max} uploaded files not used in a request yet. Send your request first or try again tomorrow.',
    'requests.form.fileGone': 'This file has been used already or has expired; upload it again.',
    'requests.form.required': 'Required.',
    'requests.form.invalid': 'Invalid value.',
  },
};
