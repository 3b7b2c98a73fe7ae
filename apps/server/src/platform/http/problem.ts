import type { Locale } from '@ish/shared';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isBadInputForDatabase, isDatabaseUnavailable } from '../db/errors.ts';
import { hasMessage, t } from '../i18n/i18n.ts';
import { AppError, type FieldError } from './errors.ts';
import { MAX_UPLOAD_BYTES } from './limits.ts';

/** A request-validation issue as fastify-type-provider-zod reports it. */
interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message: string;
  params?: { expected?: unknown; minimum?: unknown; maximum?: unknown; format?: unknown; keys?: string[]; input?: unknown };
}

/** Turns a zod issue into a translated field error; `where` prefixes non-body paths (`querystring.page`). */
export function translateIssue(locale: Locale, issue: ValidationIssue, where: string): FieldError {
  const path = [where, ...issue.instancePath.split('/')].filter(Boolean).join('.');
  // A refinement may name an error code of the catalogue as its message (PHONE_INVALID).
  if (hasMessage(`errors.${issue.message}`)) return { path, message: t(locale, `errors.${issue.message}`) };
  const p = issue.params ?? {};
  const params = {
    expected: String(p.expected ?? ''),
    minimum: String(p.minimum ?? ''),
    maximum: String(p.maximum ?? ''),
    format: String(p.format ?? ''),
    keys: (p.keys ?? []).join(', '),
  };
  // A missing value is an invalid_type whose message says it received undefined.
  const key = issue.keyword === 'invalid_type' && /undefined/.test(issue.message) ? 'validation.required' : `validation.${issue.keyword}`;
  return { path, message: hasMessage(key) ? t(locale, key, params) : t(locale, 'validation.custom') };
}

/**
 * RFC 9457's title is the same for every occurrence of a problem. A message with
 * placeholders ("from {from} to {to}") only reads well filled in, as the detail;
 * its title is then the general one for the status.
 */
function titleOf(locale: Locale, code: string, status: number): string {
  const title = t(locale, `errors.${code}`);
  if (!/\{\w+\}/.test(title)) return title;
  return t(locale, status === 409 ? 'errors.CONFLICT' : status === 400 ? 'errors.VALIDATION_FAILED' : 'errors.INTERNAL');
}

function send(reply: FastifyReply, req: FastifyRequest, status: number, code: string, detail: string, extra: Record<string, unknown> = {}) {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: `https://internal-service-hub.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
      title: titleOf(req.locale, code, status),
      status,
      detail,
      code,
      instance: req.url,
      requestId: req.id,
      ...extra,
    });
}

/** What a 503 tells clients to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The one place errors become RFC 9457 problem+json. */
export function problemHandler(error: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  const locale = req.locale;
  if (error instanceof AppError) {
    const retryAfter = error.extra?.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    // Field messages may be error codes of their own; translate those.
    const errors = error.fieldErrors?.map((f) => ({
      ...f,
      message: hasMessage(`errors.${f.message}`) ? t(locale, `errors.${f.message}`, error.params) : f.message,
    }));
    return send(reply, req, error.status, error.code, t(locale, `errors.${error.code}`, error.params), {
      ...(errors ? { errors } : {}),
      ...error.extra,
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext === 'body' ? '' : (error.validationContext ?? '');
    const errors = (error.validation as unknown as ValidationIssue[]).map((i) => translateIssue(locale, i, where));
    return send(reply, req, 400, 'VALIDATION_FAILED', t(locale, 'errors.VALIDATION_FAILED'), { errors });
  }
  const status = (error as FastifyError).statusCode ?? 500;
  if (status === 413 || (error as FastifyError).code === 'FST_REQ_FILE_TOO_LARGE') {
    return send(reply, req, 413, 'PAYLOAD_TOO_LARGE', t(locale, 'errors.PAYLOAD_TOO_LARGE', { maxMb: MAX_UPLOAD_BYTES / 1024 / 1024 }));
  }
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (bad JSON, wrong content type): a validation failure to the caller.
    return send(reply, req, 400, 'VALIDATION_FAILED', t(locale, 'errors.VALIDATION_FAILED'), {
      errors: [{ path: '', message: error.message }],
    });
  }
  if (isBadInputForDatabase(error)) {
    // A value the schema let through but PostgreSQL cannot take (out of range, malformed): the caller's input.
    req.log.warn({ err: error }, 'input refused by the database');
    return send(reply, req, 400, 'VALIDATION_FAILED', t(locale, 'errors.VALIDATION_FAILED'));
  }
  if (isDatabaseUnavailable(error)) {
    // A restart or failover: the client should retry shortly, nothing was changed by this request.
    req.log.warn({ err: error }, 'database unavailable');
    reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    return send(reply, req, 503, 'DATABASE_UNAVAILABLE', t(locale, 'errors.DATABASE_UNAVAILABLE'));
  }
  req.log.error({ err: error }, 'unhandled error');
  return send(reply, req, 500, 'INTERNAL', t(locale, 'errors.INTERNAL'));
}
