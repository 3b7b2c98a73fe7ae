import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The public form's token: issued with the form, signed with APP_SECRET, used
// once. It carries when the form was handed out (the minimum fill time counts
// from there) and how hard a proof of work its submission needs.

export interface FormToken {
  companyId: number;
  issuedAt: number;
  nonce: string;
  /** Leading zero bits the proof of work must reach; 0 = none. */
  bits: number;
}

const mac = (secret: string, body: string) => createHmac('sha256', `ish-form:${secret}`).update(body).digest('base64url');

export function issueFormToken(secret: string, companyId: number, issuedAt: Date, bits: number): string {
  const body = ['v1', companyId, issuedAt.getTime(), randomBytes(12).toString('base64url'), bits].join('.');
  return `${body}.${mac(secret, body)}`;
}

/** The token's content when its signature holds, else null. */
export function readFormToken(secret: string, token: string): FormToken | null {
  const parts = token.split('.');
  if (parts.length !== 6 || parts[0] !== 'v1') return null;
  const body = parts.slice(0, 5).join('.');
  const expected = Buffer.from(mac(secret, body));
  const given = Buffer.from(parts[5] ?? '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [companyId, issuedAt, bits] = [Number(parts[1]), Number(parts[2]), Number(parts[4])];
  if (!Number.isSafeInteger(companyId) || !Number.isSafeInteger(issuedAt) || !Number.isInteger(bits)) return null;
  return { companyId, issuedAt, nonce: parts[3] ?? '', bits };
}

/** Leading zero bits of a SHA-256 digest. */
function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** Does SHA-256(`token:nonce`) start with at least `bits` zero bits? The browser searches for such a nonce. */
export function proofOfWorkHolds(token: string, nonce: string, bits: number): boolean {
  return leadingZeroBits(createHash('sha256').update(`${token}:${nonce}`).digest()) >= bits;
}

/** Finds a proof of work (for tests and API clients; the web app does the same in the browser). */
export function solveProofOfWork(token: string, bits: number): string {
  for (let n = 0; ; n++) if (proofOfWorkHolds(token, String(n), bits)) return String(n);
}
