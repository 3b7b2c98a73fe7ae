export const messages = {
  id: {
    'errors.APPROVAL_DECIDED': 'Persetujuan ini sudah diputuskan atau belum gilirannya.',
    'errors.APPROVER_NOT_ELIGIBLE': 'Penyetuju harus pengguna aktif di perusahaan divisi ini.',
  },
  en: {
    'errors.APPROVAL_DECIDED': 'This approval has been decided already or is not its turn yet.',
    'errors.APPROVER_NOT_ELIGIBLE': 'Approvers must be active users of this division’s company.',
  },
};
