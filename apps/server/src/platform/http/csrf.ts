import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie sessions by verifying the standard request-origin
 * headers (OWASP "verify origin with standard headers" plus Fetch Metadata).
 * Browsers always send Origin and Sec-Fetch-Site on cross-site writes; a write
 * that carries the session cookie from another origin is refused. Clients that
 * are not browsers (curl, integrations) send neither and are not a CSRF vector.
 * SameSite=Lax on the cookie is the second layer.
 */
export function assertSameOrigin(req: FastifyRequest, publicUrl: string): void {
  if (SAFE.has(req.method)) return;
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') throw new AppError(403, 'CSRF_REJECTED');
  const origin = req.headers.origin;
  if (origin === undefined) return;
  const host = req.headers['x-forwarded-host'] ?? req.headers.host;
  const allowed = new Set([new URL(publicUrl).origin]);
  if (host) {
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  if (!allowed.has(origin)) throw new AppError(403, 'CSRF_REJECTED');
}
