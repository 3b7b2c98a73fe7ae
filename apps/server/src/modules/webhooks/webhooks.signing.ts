import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `X-ISH-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>]`: HMAC-SHA256 over
 * `<t>.<body>` with the endpoint's secret (Stripe's scheme). While a rotated
 * secret is still honoured, a second v1 is signed with the previous one, so a
 * receiver holding either secret accepts the call.
 */
export function signatureHeader(secrets: string[], body: string, timestamp: number): string {
  const v1 = secrets.map((secret) => `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  return [`t=${timestamp}`, ...v1].join(',');
}

/**
 * What a receiver does (and our tests): recompute the HMAC over `t.body` with
 * its secret, compare in constant time, and refuse a timestamp older than
 * `toleranceSeconds` (a replayed call).
 */
export function verifySignature(secret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = header.split(',').map((p) => p.split('=') as [string, string]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isFinite(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  return parts.some(([k, v]) => k === 'v1' && v.length === expected.length && timingSafeEqual(Buffer.from(v), expected));
}
