import type { HeaderValue, ParsedMail } from 'mailparser';

// Pure reading of an incoming message: is it automated (never answered, never
// a ticket), which thread it names, and what of its text is new.

const headerText = (value: HeaderValue | undefined): string => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(' ');
  if (typeof value === 'object' && 'text' in value) return String((value as { text: string }).text);
  if (typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  return String(value);
};

/** What the envelope said, when the message came over SMTP (IMAP has only the headers). */
export interface EnvelopeFacts {
  /** MAIL FROM; '' is the null sender of bounces; undefined when unknown (IMAP). */
  mailFrom?: string;
}

export type AutomatedReason = 'auto_reply' | 'bounce' | 'bulk' | 'mailing_list' | 'loop';

/**
 * Why a message must not become a ticket nor be answered (RFC 3834 and the
 * usual conventions), or null for a person's mail: auto-replies and
 * out-of-office (`Auto-Submitted`, `X-Autoreply`, `X-Autorespond`), bounces
 * (the null sender, `multipart/report` delivery status, mailer daemons), bulk
 * and list mail (`Precedence`, `List-Id`, `List-Unsubscribe`) and our own
 * messages coming back.
 */
export function automatedReason(mail: ParsedMail, envelope: EnvelopeFacts, ownAddresses: string[]): AutomatedReason | null {
  const h = mail.headers;
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  if (from && ownAddresses.includes(from)) return 'loop';
  const returnPath = h.has('return-path') ? headerText(h.get('return-path')).trim() : undefined;
  const contentType = h.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (
    envelope.mailFrom === '' ||
    (returnPath !== undefined && (returnPath === '' || returnPath === '<>')) ||
    (contentType?.value === 'multipart/report' && /delivery-status/i.test(contentType.params?.['report-type'] ?? '')) ||
    /^(mailer-daemon|postmaster)@/i.test(from)
  )
    return 'bounce';
  const autoSubmitted = headerText(h.get('auto-submitted')).trim().toLowerCase();
  if ((autoSubmitted && autoSubmitted !== 'no') || h.has('x-autoreply') || h.has('x-autorespond') || h.has('x-auto-reply'))
    return 'auto_reply';
  const precedence = headerText(h.get('precedence')).trim().toLowerCase();
  if (precedence === 'auto_reply') return 'auto_reply';
  if (['bulk', 'junk'].includes(precedence)) return 'bulk';
  if (precedence === 'list' || h.has('list-id') || h.has('list-unsubscribe')) return 'mailing_list';
  return null;
}

/** Message-IDs the message answers: In-Reply-To first, then References from the newest. */
export function repliedIds(mail: ParsedMail): string[] {
  const refs = typeof mail.references === 'string' ? [mail.references] : (mail.references ?? []);
  const ids = [...(mail.inReplyTo ? mail.inReplyTo.split(/\s+/) : []), ...[...refs].reverse()].map((id) => id.trim()).filter(Boolean);
  return [...new Set(ids)];
}

/**
 * What a Message-ID of our notices names: a ticket (`<ticket-INC-2026-000123-d45@domain>`) or a
 * service request (`<request-REQ-2026-000007-d46@domain>`), with its number; null for anyone else's.
 */
export function noticeInMessageId(id: string): { kind: 'ticket' | 'request'; number: string } | null {
  const match = /^<?(ticket|request)-(.+?)(?:-d\d+)?@[^>]+>?$/.exec(id.trim());
  return match?.[1] && match[2] ? { kind: match[1] as 'ticket' | 'request', number: match[2] } : null;
}

/** Ticket numbers the subject may carry: `[INC-2026-000123]` first, then number-like words (`01.18072019.003`). */
export function subjectNumbers(subject: string): string[] {
  const bracketed = [...subject.matchAll(/\[([^\]\s]{3,40})\]/g)].map((m) => m[1] ?? '');
  const words = subject
    .split(/\s+/)
    .map((w) => w.replace(/^[#([:]+|[\]):,;.!?]+$/g, ''))
    .filter((w) => /\d/.test(w) && /^[A-Za-z0-9][A-Za-z0-9./_-]{4,39}$/.test(w));
  return [...new Set([...bracketed, ...words])].slice(0, 6);
}

/** The subject without reply and forward markers (`Re:`, `Fwd:`, `Balas:`, `Tr:`…). */
export function cleanSubject(subject: string): string {
  return subject.replace(/^(\s*(re|fw|fwd|aw|wg|sv|vs|tr|rv|bls|balas|trs|teruskan)\s*(\[\d+\])?\s*:\s*)+/i, '').trim();
}

// A line that begins the quoted history of a reply, in the styles of Gmail,
// Outlook and Apple Mail, in Indonesian and English.
const QUOTE_INTRO = [
  /^On\s.{4,300}\swrote:\s*$/i,
  /^Pada\s.{4,300}\smenulis:\s*$/i,
  /^.{4,200}\s(wrote|menulis):\s*$/i,
  /^-{2,}\s*(Original Message|Pesan Asli|Pesan Awal)\s*-{2,}\s*$/i,
  /^-{2,}\s*(Forwarded message|Pesan yang diteruskan|Pesan terusan)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
];
// Outlook's header block: From/Dari, then Sent/Dikirim/Date/Tanggal within a few lines.
const OUTLOOK_FROM = /^\*?(From|Dari)\s*:\*?\s.+/i;
const OUTLOOK_SENT = /^\*?(Sent|Dikirim|Date|Tanggal|Terkirim)\s*:\*?\s.+/i;
// Signatures: the RFC 3676 delimiter, and what phones add.
const SIGNATURE = [/^--\s?$/, /^(Sent from my|Dikirim dari|Get Outlook for|Dapatkan Outlook untuk)\b.*/i];

/**
 * The new part of a reply: everything before the quoted history (an "On …
 * wrote:" / "Pada … menulis:" line, possibly wrapped over two lines, an
 * Outlook header block, "Original Message" separators, a trailing block of
 * `>` lines) and before the signature. Forwarded messages keep what was
 * forwarded only when they start a ticket; in a reply it is history too.
 */
export function stripReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const joined = `${line} ${(lines[i + 1] ?? '').trim()}`.trim();
    if (QUOTE_INTRO.some((re) => re.test(line) || (i + 1 < lines.length && re.test(joined) && !re.test(lines[i + 1]?.trim() ?? '')))) {
      end = i;
      break;
    }
    if (OUTLOOK_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => OUTLOOK_SENT.test(l.trim()))) {
      end = i;
      break;
    }
  }
  let kept = lines.slice(0, end);
  // A trailing block of quoted lines (bottom of a top-posted reply).
  let lastReal = kept.length - 1;
  while (lastReal >= 0 && ((kept[lastReal] ?? '').trim() === '' || (kept[lastReal] ?? '').trimStart().startsWith('>'))) lastReal--;
  kept = kept.slice(0, lastReal + 1);
  return stripSignature(kept.join('\n'));
}

/** The text without its signature (from the `-- ` delimiter, or a phone's "Sent from my …" line). */
export function stripSignature(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (SIGNATURE[0]?.test(line) || (SIGNATURE[1]?.test(line.trim()) && i >= lines.length - 4)) return lines.slice(0, i).join('\n').trim();
  }
  return text.trim();
}
