// Default notification texts per event; Administrators override them per
// language and channel. Variables: {number} {title} {status} {priority} {amount}
// {assignee} {requester} {link} {organisation} {reason} {dueDate} {period}. For service
// requests, {number} is the REQ number, {title} the item and {amount} the estimate; for
// invoices {number} is the invoice number, {title} the paying division, {amount} the
// total; for budgets {title} is the division, {amount} the month's spend and {reason}
// the share of the budget reached.
export const messages = {
  id: {
    'notifications.event.ticket_created': 'Tiket dibuat',
    'notifications.event.ticket_assigned': 'Tiket ditugaskan',
    'notifications.event.status_changed': 'Status berubah',
    'notifications.event.reply_added': 'Balasan baru',
    'notifications.event.ticket_resolved': 'Tiket diselesaikan',
    'notifications.event.ticket_escalated': 'Tiket dieskalasi',
    'notifications.event.sla_warning': 'Peringatan SLA',
    'notifications.event.sla_breached': 'SLA terlampaui',
    'notifications.ticket_created.subject': '[{number}] Tiket Anda telah kami terima',
    'notifications.ticket_created.body':
      'Tiket Anda "{title}" tercatat dengan nomor {number} (prioritas {priority}).\nSimpan nomor ini untuk menanyakan perkembangannya.\n\n{link}',
    'notifications.ticket_assigned.subject': '[{number}] Ditugaskan kepada Anda: {title}',
    'notifications.ticket_assigned.body': 'Tiket {number} "{title}" (prioritas {priority}) ditugaskan kepada {assignee}.\n\n{link}',
    'notifications.status_changed.subject': '[{number}] Status tiket: {status}',
    'notifications.status_changed.body': 'Status tiket {number} "{title}" sekarang {status}.\n\n{link}',
    'notifications.reply_added.subject': '[{number}] Balasan baru: {title}',
    'notifications.reply_added.body': 'Ada balasan baru pada tiket {number} "{title}".\n\n{link}',
    'notifications.ticket_resolved.subject': '[{number}] Tiket Anda telah diselesaikan',
    'notifications.ticket_resolved.body':
      'Tiket {number} "{title}" telah diselesaikan oleh {assignee}.\nMohon konfirmasi penyelesaian atau buka kembali bila masalah masih terjadi.\n\n{link}',
    'notifications.ticket_escalated.subject': '[{number}] Tiket dieskalasi kepada Anda',
    'notifications.ticket_escalated.body': 'Tiket {number} "{title}" dieskalasi kepada Anda.\nAlasan: {reason}\n\n{link}',
    'notifications.sla_warning.subject': '[{number}] Mendekati batas SLA',
    'notifications.sla_warning.body': 'Tiket {number} "{title}" telah memakai 75% waktu penyelesaian SLA.\n\n{link}',
    'notifications.sla_breached.subject': '[{number}] SLA terlampaui',
    'notifications.sla_breached.body': 'Tiket {number} "{title}" melewati target SLA ({reason}).\n\n{link}',
    'notifications.event.close_reminder': 'Pengingat konfirmasi',
    'notifications.event.pending_reminder': 'Pengingat menunggu jawaban',
    'notifications.close_reminder.subject': '[{number}] Mohon konfirmasi penyelesaian tiket',
    'notifications.close_reminder.body':
      'Tiket {number} "{title}" sudah diselesaikan. Jika tidak ada tanggapan, tiket akan ditutup otomatis.\nKonfirmasi atau buka kembali di: {link}',
    'notifications.pending_reminder.subject': '[{number}] Kami menunggu jawaban Anda',
    'notifications.pending_reminder.body':
      'Tiket {number} "{title}" menunggu informasi dari Anda sebelum dapat dilanjutkan.\nBalas di: {link}',
    'notifications.event.approval_requested': 'Permintaan persetujuan',
    'notifications.event.approval_reminder': 'Pengingat persetujuan',
    'notifications.event.request_decided': 'Keputusan permintaan layanan',
    'notifications.event.item_review_requested': 'Layanan menunggu tinjauan',
    'notifications.item_review_requested.subject': '[{number}] Layanan menunggu tinjauan: {title}',
    'notifications.item_review_requested.body':
      '{requester} mengajukan layanan "{title}" ({team}) untuk ditinjau sebelum terbit di katalog.\n\n{link}',
    'notifications.event.backup_failed': 'Pencadangan gagal',
    'notifications.event.webhook_disabled': 'Webhook dinonaktifkan',
    'notifications.webhook_disabled.subject': 'Webhook {title} dinonaktifkan',
    'notifications.webhook_disabled.body':
      'Webhook {title} ({reason}) dinonaktifkan karena pengiriman ke alamat tersebut terus gagal. Periksa penerimanya, lalu aktifkan kembali dan kirim ulang peristiwa yang terlewat: {link}',
    'notifications.backup_failed.subject': 'Pencadangan {organisation} gagal',
    'notifications.backup_failed.body':
      'Pencadangan basis data ({title}) gagal. Cadangan terakhir yang berhasil tetap tersimpan.\nPeriksa log server dan daftar cadangan: {link}',
    'notifications.approval_requested.subject': '[{number}] Mohon persetujuan: {title} ({amount})',
    'notifications.approval_requested.body':
      '{requester} meminta layanan "{title}" dengan perkiraan biaya {amount} ({number}).\nSetujui atau tolak setelah masuk: {link}',
    'notifications.approval_reminder.subject': '[{number}] Pengingat: persetujuan {title} masih menunggu',
    'notifications.approval_reminder.body':
      'Permintaan {number} "{title}" ({amount}) dari {requester} belum diputuskan dan akan kedaluwarsa besok.\nPutuskan di: {link}',
    'notifications.request_decided.subject': '[{number}] Permintaan layanan Anda {status}',
    'notifications.request_decided.body': 'Permintaan {number} "{title}" ({amount}) {status}.\n\n{link}',
    'notifications.requestStatus.approved': 'disetujui',
    'notifications.requestStatus.in_fulfilment': 'disetujui dan sedang dikerjakan',
    'notifications.requestStatus.rejected': 'ditolak',
    'notifications.requestStatus.expired': 'kedaluwarsa karena tidak diputuskan',
    'notifications.requestStatus.pending_approval': 'menunggu persetujuan',
    'notifications.requestStatus.submitted': 'diajukan',
    'notifications.requestStatus.done': 'selesai',
    'notifications.requestStatus.closed': 'ditutup',
    'notifications.requestStatus.cancelled': 'dibatalkan',
    'notifications.event.invoice_issued': 'Tagihan terbit',
    'notifications.event.invoice_reminder': 'Pengingat jatuh tempo tagihan',
    'notifications.event.invoice_overdue': 'Tagihan lewat jatuh tempo',
    'notifications.event.invoice_paid': 'Pembayaran tagihan dikonfirmasi',
    'notifications.event.dispute_opened': 'Sanggahan tagihan',
    'notifications.event.dispute_answered': 'Jawaban atas sanggahan',
    'notifications.event.dispute_escalated': 'Sanggahan dieskalasi',
    'notifications.event.dispute_decided': 'Keputusan akhir sanggahan',
    'notifications.event.budget_threshold': 'Batas anggaran',
    'notifications.invoice_issued.subject': '[{number}] Tagihan internal {title} periode {period}: {amount}',
    'notifications.invoice_issued.body':
      'Tagihan internal {number} untuk {title} periode {period} telah terbit.\nTotal: {amount}\nJatuh tempo: {dueDate}\n\nPDF tagihan terlampir. Tinjau, sanggah, atau konfirmasi pembayaran di: {link}',
    'notifications.invoice_reminder.subject': '[{number}] Pengingat: tagihan {amount} jatuh tempo {dueDate}',
    'notifications.invoice_reminder.body':
      'Tagihan {number} untuk {title} periode {period} sebesar {amount} jatuh tempo pada {dueDate}.\nKonfirmasi pembayaran di: {link}',
    'notifications.invoice_overdue.subject': '[{number}] Tagihan lewat jatuh tempo: {amount}',
    'notifications.invoice_overdue.body':
      'Tagihan {number} untuk {title} periode {period} sebesar {amount} belum dibayar dan telah lewat jatuh tempo {dueDate}.\nKonfirmasi pembayaran di: {link}',
    'notifications.invoice_paid.subject': '[{number}] Pembayaran tagihan {title} dikonfirmasi',
    'notifications.invoice_paid.body':
      'Pembayaran tagihan {number} untuk {title} periode {period} ({amount}) telah dikonfirmasi dengan referensi {reason}.\n\n{link}',
    'notifications.dispute_opened.subject': '[{number}] Sanggahan atas tagihan {title}',
    'notifications.dispute_opened.body':
      '{title} menyanggah baris tagihan {number} periode {period} senilai {amount}.\nAlasan: {reason}\nJawab (terima seluruhnya, sebagian, atau tolak) di: {link}',
    'notifications.dispute_answered.subject': '[{number}] Sanggahan Anda dijawab',
    'notifications.dispute_answered.body':
      'Sanggahan atas tagihan {number} periode {period} telah dijawab: {reason}\nTotal tagihan sekarang {amount}.\n\n{link}',
    'notifications.dispute_escalated.subject': '[{number}] Sanggahan dieskalasi untuk diputuskan',
    'notifications.dispute_escalated.body':
      'Sanggahan {title} atas tagihan {number} periode {period} ditolak penyedia dan dieskalasi untuk keputusan akhir.\nAlasan: {reason}\nPutuskan di: {link}',
    'notifications.dispute_decided.subject': '[{number}] Keputusan akhir atas sanggahan',
    'notifications.dispute_decided.body':
      'Sanggahan atas tagihan {number} periode {period} telah diputuskan: {reason}\nTotal tagihan sekarang {amount}.\n\n{link}',
    'notifications.budget_threshold.subject': 'Anggaran {title} periode {period} telah terpakai {reason}',
    'notifications.budget_threshold.body':
      'Biaya layanan {title} periode {period} mencapai {amount}, {reason} dari anggaran bulanannya.\nLihat rinciannya di: {link}',
    'notifications.event.survey_requested': 'Survei kepuasan',
    'notifications.event.csat_low': 'Nilai kepuasan rendah',
    'notifications.event.report_received': 'Laporan diterima (kontak)',
    'notifications.event.report_received_verify': 'Laporan diterima, konfirmasi email (kontak)',
    'notifications.event.contact_verify': 'Konfirmasi email (kontak)',
    'notifications.event.contact_reply': 'Balasan petugas (kontak)',
    'notifications.event.report_resolved': 'Laporan selesai (kontak)',
    'notifications.survey_requested.subject': '[{number}] Bagaimana layanan kami?',
    'notifications.survey_requested.body':
      'Tiket {number} "{title}" telah ditutup. Mohon luangkan satu menit untuk menilai layanan kami (berlaku 14 hari):\n{survey_link}',
    'notifications.csat_low.subject': '[{number}] Nilai kepuasan rendah',
    'notifications.csat_low.body':
      'Pelapor memberi nilai rendah untuk tiket {number} "{title}" yang ditangani {assignee}.\n{reason}\n\n{link}',
    'notifications.report_received.subject': '[{number}] Laporan Anda telah kami terima',
    'notifications.report_received.body':
      'Laporan Anda "{title}" tercatat dengan nomor {number}.\nKode pelacakan: {tracking_code}\nIkuti perkembangannya di: {link}',
    'notifications.report_received.sms': '{organisation}: laporan Anda tercatat dengan nomor {number}. Lacak: {link}',
    'notifications.report_received_verify.subject': '[{number}] Laporan Anda telah kami terima, mohon konfirmasi email',
    'notifications.report_received_verify.body':
      'Laporan Anda "{title}" tercatat dengan nomor {number}.\nKode pelacakan: {tracking_code}\nIkuti perkembangannya di: {link}\n\nKonfirmasi alamat email ini agar kami dapat mengirim kabar berikutnya:\n{verify_link}\nAbaikan email ini jika Anda tidak mengirim laporan tersebut.',
    'notifications.contact_verify.subject': 'Konfirmasi alamat email Anda',
    'notifications.contact_verify.body':
      '{organisation} ingin mengirim kabar tentang laporan Anda ke alamat ini. Konfirmasi dengan membuka tautan berikut (berlaku 7 hari):\n{verify_link}\nAbaikan email ini jika Anda tidak mengenalnya.',
    'notifications.contact_reply.subject': '[{number}] Balasan petugas: {title}',
    'notifications.contact_reply.body': 'Petugas membalas laporan {number} "{title}". Baca dan balas di: {link}\nAtau balas email ini.',
    'notifications.report_resolved.subject': '[{number}] Laporan Anda telah selesai ditangani',
    'notifications.report_resolved.body':
      'Laporan {number} "{title}" telah selesai ditangani.\nKonfirmasi atau buka kembali di: {link}\nNilai layanan kami (berlaku 14 hari): {survey_link}',
    'notifications.report_resolved.sms':
      '{organisation}: laporan {number} selesai ditangani. Konfirmasi: {link} Nilai layanan: {survey_link}',
    'notifications.survey_requested.sms': '{organisation}: nilai layanan untuk tiket {number}: {survey_link}',
    'notifications.sms': '{organisation}: {subject}',
    'notifications.reason.security_category': 'kategori keamanan informasi (SOP)',
    'notifications.reason.sla_response': 'waktu respons',
    'notifications.reason.sla_resolution': 'waktu penyelesaian',
    'notifications.event.handler_changed': 'Penanggung jawab berubah',
    'notifications.event.validation_requested': 'Solusi menunggu validasi',
    'notifications.handler_changed.subject': '[{number}] Tiket Anda kini ditangani {assignee} ({team})',
    'notifications.handler_changed.body':
      'Penanggung jawab tiket {number} "{title}" berubah: sekarang ditangani {assignee} dari tim {team}. Status: {status}.\n\n{link}',
    'notifications.validation_requested.subject': '[{number}] Mohon validasi solusi: {title}',
    'notifications.validation_requested.body':
      '{assignee} menyelesaikan tiket {number} "{title}". Tim Anda mewajibkan validasi ketua tim sebelum pemohon diminta konfirmasi.\nValidasi atau kembalikan di: {link}',
  },
  en: {
    'notifications.event.ticket_created': 'Ticket created',
    'notifications.event.ticket_assigned': 'Ticket assigned',
    'notifications.event.status_changed': 'Status changed',
    'notifications.event.reply_added': 'New reply',
    'notifications.event.ticket_resolved': 'Ticket resolved',
    'notifications.event.ticket_escalated': 'Ticket escalated',
    'notifications.event.sla_warning': 'SLA warning',
    'notifications.event.sla_breached': 'SLA breached',
    'notifications.ticket_created.subject': '[{number}] We have received your ticket',
    'notifications.ticket_created.body':
      'Your ticket "{title}" is logged as {number} (priority {priority}).\nKeep this number to ask about its progress.\n\n{link}',
    'notifications.ticket_assigned.subject': '[{number}] Assigned to you: {title}',
    'notifications.ticket_assigned.body': 'Ticket {number} "{title}" (priority {priority}) is assigned to {assignee}.\n\n{link}',
    'notifications.status_changed.subject': '[{number}] Ticket status: {status}',
    'notifications.status_changed.body': 'Ticket {number} "{title}" is now {status}.\n\n{link}',
    'notifications.reply_added.subject': '[{number}] New reply: {title}',
    'notifications.reply_added.body': 'There is a new reply on ticket {number} "{title}".\n\n{link}',
    'notifications.ticket_resolved.subject': '[{number}] Your ticket has been resolved',
    'notifications.ticket_resolved.body':
      'Ticket {number} "{title}" was resolved by {assignee}.\nPlease confirm, or reopen it if the problem persists.\n\n{link}',
    'notifications.ticket_escalated.subject': '[{number}] Ticket escalated to you',
    'notifications.ticket_escalated.body': 'Ticket {number} "{title}" was escalated to you.\nReason: {reason}\n\n{link}',
    'notifications.sla_warning.subject': '[{number}] Approaching the SLA target',
    'notifications.sla_warning.body': 'Ticket {number} "{title}" has used 75% of its SLA resolution time.\n\n{link}',
    'notifications.sla_breached.subject': '[{number}] SLA breached',
    'notifications.sla_breached.body': 'Ticket {number} "{title}" passed its SLA target ({reason}).\n\n{link}',
    'notifications.event.close_reminder': 'Confirmation reminder',
    'notifications.event.pending_reminder': 'Waiting-for-you reminder',
    'notifications.close_reminder.subject': '[{number}] Please confirm your ticket is solved',
    'notifications.close_reminder.body':
      'Ticket {number} "{title}" was resolved. Without an answer it will close automatically.\nConfirm or reopen it at: {link}',
    'notifications.pending_reminder.subject': '[{number}] We are waiting for your answer',
    'notifications.pending_reminder.body':
      'Ticket {number} "{title}" needs information from you before work can continue.\nReply at: {link}',
    'notifications.event.approval_requested': 'Approval requested',
    'notifications.event.approval_reminder': 'Approval reminder',
    'notifications.event.request_decided': 'Service request decided',
    'notifications.event.item_review_requested': 'Service waiting for review',
    'notifications.item_review_requested.subject': '[{number}] Service waiting for review: {title}',
    'notifications.item_review_requested.body':
      '{requester} submitted the service "{title}" ({team}) for review before it is published in the catalog.\n\n{link}',
    'notifications.event.backup_failed': 'Backup failed',
    'notifications.event.webhook_disabled': 'Webhook disabled',
    'notifications.webhook_disabled.subject': 'Webhook {title} disabled',
    'notifications.webhook_disabled.body':
      'The webhook {title} ({reason}) was disabled because deliveries to it kept failing. Check the receiver, then enable it again and redeliver the events it missed: {link}',
    'notifications.backup_failed.subject': '{organisation} backup failed',
    'notifications.backup_failed.body':
      'The database backup ({title}) failed. The last successful backup is kept.\nCheck the server log and the list of backups: {link}',
    'notifications.approval_requested.subject': '[{number}] Approval needed: {title} ({amount})',
    'notifications.approval_requested.body':
      '{requester} requests "{title}" at an estimated {amount} ({number}).\nApprove or reject after signing in: {link}',
    'notifications.approval_reminder.subject': '[{number}] Reminder: approval of {title} is waiting',
    'notifications.approval_reminder.body':
      'Request {number} "{title}" ({amount}) from {requester} is undecided and expires tomorrow.\nDecide at: {link}',
    'notifications.request_decided.subject': '[{number}] Your service request is {status}',
    'notifications.request_decided.body': 'Request {number} "{title}" ({amount}) is {status}.\n\n{link}',
    'notifications.requestStatus.approved': 'approved',
    'notifications.requestStatus.in_fulfilment': 'approved and being fulfilled',
    'notifications.requestStatus.rejected': 'rejected',
    'notifications.requestStatus.expired': 'expired undecided',
    'notifications.requestStatus.pending_approval': 'awaiting approval',
    'notifications.requestStatus.submitted': 'submitted',
    'notifications.requestStatus.done': 'done',
    'notifications.requestStatus.closed': 'closed',
    'notifications.requestStatus.cancelled': 'cancelled',
    'notifications.event.invoice_issued': 'Invoice issued',
    'notifications.event.invoice_reminder': 'Invoice due reminder',
    'notifications.event.invoice_overdue': 'Invoice overdue',
    'notifications.event.invoice_paid': 'Invoice payment confirmed',
    'notifications.event.dispute_opened': 'Invoice dispute',
    'notifications.event.dispute_answered': 'Answer to a dispute',
    'notifications.event.dispute_escalated': 'Dispute escalated',
    'notifications.event.dispute_decided': 'Final decision on a dispute',
    'notifications.event.budget_threshold': 'Budget threshold',
    'notifications.invoice_issued.subject': '[{number}] Internal invoice for {title}, {period}: {amount}',
    'notifications.invoice_issued.body':
      'Internal invoice {number} for {title}, {period}, has been issued.\nTotal: {amount}\nDue: {dueDate}\n\nThe invoice PDF is attached. Review it, dispute lines or confirm payment at: {link}',
    'notifications.invoice_reminder.subject': '[{number}] Reminder: invoice of {amount} due {dueDate}',
    'notifications.invoice_reminder.body':
      'Invoice {number} for {title}, {period}, of {amount} is due on {dueDate}.\nConfirm payment at: {link}',
    'notifications.invoice_overdue.subject': '[{number}] Invoice overdue: {amount}',
    'notifications.invoice_overdue.body':
      'Invoice {number} for {title}, {period}, of {amount} is unpaid and was due on {dueDate}.\nConfirm payment at: {link}',
    'notifications.invoice_paid.subject': '[{number}] Payment of the {title} invoice confirmed',
    'notifications.invoice_paid.body':
      'Payment of invoice {number} for {title}, {period} ({amount}), has been confirmed with reference {reason}.\n\n{link}',
    'notifications.dispute_opened.subject': '[{number}] Dispute on the {title} invoice',
    'notifications.dispute_opened.body':
      '{title} disputes lines of invoice {number}, {period}, worth {amount}.\nReason: {reason}\nAnswer (accept in full, in part, or reject) at: {link}',
    'notifications.dispute_answered.subject': '[{number}] Your dispute was answered',
    'notifications.dispute_answered.body':
      'Your dispute on invoice {number}, {period}, was answered: {reason}\nThe invoice total is now {amount}.\n\n{link}',
    'notifications.dispute_escalated.subject': '[{number}] Dispute escalated for a decision',
    'notifications.dispute_escalated.body':
      'The provider rejected the dispute of {title} on invoice {number}, {period}; it is escalated for a final decision.\nReason: {reason}\nDecide at: {link}',
    'notifications.dispute_decided.subject': '[{number}] Final decision on the dispute',
    'notifications.dispute_decided.body':
      'The dispute on invoice {number}, {period}, was decided: {reason}\nThe invoice total is now {amount}.\n\n{link}',
    'notifications.budget_threshold.subject': 'The {title} budget for {period} is {reason} used',
    'notifications.budget_threshold.body':
      'Service charges of {title} for {period} reached {amount}, {reason} of its monthly budget.\nSee the details at: {link}',
    'notifications.event.survey_requested': 'Satisfaction survey',
    'notifications.event.csat_low': 'Low satisfaction score',
    'notifications.event.report_received': 'Report received (contact)',
    'notifications.event.report_received_verify': 'Report received, confirm email (contact)',
    'notifications.event.contact_verify': 'Email confirmation (contact)',
    'notifications.event.contact_reply': 'Agent reply (contact)',
    'notifications.event.report_resolved': 'Report resolved (contact)',
    'notifications.survey_requested.subject': '[{number}] How did we do?',
    'notifications.survey_requested.body':
      'Ticket {number} "{title}" is closed. Please take a minute to rate our service (valid for 14 days):\n{survey_link}',
    'notifications.csat_low.subject': '[{number}] Low satisfaction score',
    'notifications.csat_low.body':
      'The requester gave a low score for ticket {number} "{title}" handled by {assignee}.\n{reason}\n\n{link}',
    'notifications.report_received.subject': '[{number}] We have received your report',
    'notifications.report_received.body':
      'Your report "{title}" is logged as {number}.\nTracking code: {tracking_code}\nFollow it at: {link}',
    'notifications.report_received.sms': '{organisation}: your report is logged as {number}. Track it: {link}',
    'notifications.report_received_verify.subject': '[{number}] We have received your report, please confirm your email',
    'notifications.report_received_verify.body':
      'Your report "{title}" is logged as {number}.\nTracking code: {tracking_code}\nFollow it at: {link}\n\nConfirm this email address so that we can send you further news:\n{verify_link}\nIgnore this email if you did not send that report.',
    'notifications.contact_verify.subject': 'Confirm your email address',
    'notifications.contact_verify.body':
      '{organisation} would like to send news about your reports to this address. Confirm by opening this link (valid for 7 days):\n{verify_link}\nIgnore this email if you do not recognise it.',
    'notifications.contact_reply.subject': '[{number}] Reply from the service desk: {title}',
    'notifications.contact_reply.body':
      'The service desk replied to report {number} "{title}". Read and answer at: {link}\nOr reply to this email.',
    'notifications.report_resolved.subject': '[{number}] Your report has been resolved',
    'notifications.report_resolved.body':
      'Report {number} "{title}" has been resolved.\nConfirm or reopen it at: {link}\nRate our service (valid for 14 days): {survey_link}',
    'notifications.report_resolved.sms': '{organisation}: report {number} is resolved. Confirm: {link} Rate us: {survey_link}',
    'notifications.survey_requested.sms': '{organisation}: rate our service for ticket {number}: {survey_link}',
    'notifications.sms': '{organisation}: {subject}',
    'notifications.reason.security_category': 'information-security category (SOP)',
    'notifications.reason.sla_response': 'response time',
    'notifications.reason.sla_resolution': 'resolution time',
    'notifications.event.handler_changed': 'Person in charge changed',
    'notifications.event.validation_requested': 'Solution awaiting validation',
    'notifications.handler_changed.subject': '[{number}] Your ticket is now handled by {assignee} ({team})',
    'notifications.handler_changed.body':
      'Ticket {number} "{title}" changed hands: it is now handled by {assignee} of team {team}. Status: {status}.\n\n{link}',
    'notifications.validation_requested.subject': '[{number}] Please validate the solution: {title}',
    'notifications.validation_requested.body':
      '{assignee} resolved ticket {number} "{title}". Your team requires its lead to validate solutions before the requester is asked to confirm.\nValidate or send it back at: {link}',
  },
};
