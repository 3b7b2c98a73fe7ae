export const messages = {
  id: {
    'errors.INVALID_CREDENTIALS': 'Email atau kata sandi salah.',
    'errors.RESET_TOKEN_INVALID': 'Tautan atur ulang kata sandi tidak valid atau sudah kedaluwarsa.',
    'errors.CURRENT_PASSWORD_WRONG': 'Kata sandi saat ini salah.',
    'errors.WEAK_PASSWORD': 'Kata sandi minimal 10 karakter dan memuat huruf serta angka.',
    'errors.TOKEN_SCOPE_NOT_HELD': 'Anda tidak memiliki izin yang dicakup lingkup {scope}.',
    'auth.forgot.accepted': 'Jika email tersebut terdaftar, tautan atur ulang kata sandi telah dikirim.',
    'auth.reset.mail.subject': 'Atur ulang kata sandi {organisation}',
    'auth.reset.mail.body':
      'Halo {name},\n\nKami menerima permintaan untuk mengatur ulang kata sandi akun Anda di {organisation}.\nBuka tautan berikut dalam 1 jam untuk membuat kata sandi baru:\n\n{link}\n\nJika Anda tidak meminta ini, abaikan email ini; kata sandi Anda tidak berubah.',
  },
  en: {
    'errors.INVALID_CREDENTIALS': 'Wrong email or password.',
    'errors.RESET_TOKEN_INVALID': 'The password reset link is invalid or has expired.',
    'errors.CURRENT_PASSWORD_WRONG': 'The current password is wrong.',
    'errors.WEAK_PASSWORD': 'The password needs at least 10 characters with letters and digits.',
    'errors.TOKEN_SCOPE_NOT_HELD': 'You hold none of the permissions the scope {scope} covers.',
    'auth.forgot.accepted': 'If that email is registered, a password reset link has been sent.',
    'auth.reset.mail.subject': 'Reset your {organisation} password',
    'auth.reset.mail.body':
      'Hello {name},\n\nWe received a request to reset the password of your {organisation} account.\nOpen this link within 1 hour to choose a new password:\n\n{link}\n\nIf you did not ask for this, ignore this email; your password stays the same.',
  },
};
