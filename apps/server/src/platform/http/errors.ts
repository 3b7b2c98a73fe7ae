import type { Params } from '../i18n/i18n.ts';

/** A field-level problem, reported in `errors[]` of problem+json. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * An expected failure with a stable code. The central error handler renders it
 * as RFC 9457 problem+json with `detail` translated from `errors.<code>`.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly params: Params;
  readonly fieldErrors: FieldError[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(status: number, code: string, params: Params = {}, fieldErrors?: FieldError[], extra?: Record<string, unknown>) {
    super(code);
    this.status = status;
    this.code = code;
    this.params = params;
    this.fieldErrors = fieldErrors;
    this.extra = extra;
  }
}

export const notFound = () => new AppError(404, 'NOT_FOUND');
export const forbidden = () => new AppError(403, 'FORBIDDEN');
export const unauthenticated = () => new AppError(401, 'UNAUTHENTICATED');
export const versionConflict = () => new AppError(409, 'VERSION_CONFLICT');
export const invalid = (code: string, fieldErrors?: FieldError[], params?: Params) => new AppError(400, code, params, fieldErrors);
/** A referenced record (`field`) that does not exist or is inactive. */
export const unknownReference = (field: string) =>
  new AppError(400, 'UNKNOWN_REFERENCE', { field }, [{ path: field, message: 'UNKNOWN_REFERENCE' }]);
