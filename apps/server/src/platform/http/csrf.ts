import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for cookie sessions by verifying the standard request-origin
 * headers (OWASP "verify origin with standard headers" plus Fetch Metadata).
 * Browsers always send Origin and Sec-Fetch-Site on cross-site writes; a write
 * that carries the session cookie from another origin is refused. Clients that
 * are not browsers (curl, integrations) send neither and are not a CSRF vector.
 * SameSite=Lax on the cookie is the second layer. It applies to every write,
 * signed in or not, so another site cannot sign a browser in to its own
 * account either (login CSRF).
 */
export function assertSameOrigin(req: FastifyRequest, publicUrl: string): void {
  if (SAFE.has(req.method)) return;
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') throw new AppError(403, 'CSRF_REJECTED');
  const origin = req.headers.origin;
  if (origin === undefined) return;
  // Fastify's req.host reads X-Forwarded-Host only from a proxy TRUST_PROXY names, so a client cannot widen this.
  const host = req.host;
  const allowed = new Set([new URL(publicUrl).origin]);
  if (host) {
    // Either scheme: TLS may end at a proxy the server does not trust for X-Forwarded-Proto.
    allowed.add(`http://${host}`);
    allowed.add(`https://${host}`);
  }
  if (!allowed.has(origin)) throw new AppError(403, 'CSRF_REJECTED');
}
