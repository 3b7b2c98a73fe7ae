// Named api-client.ts, not api.ts: TypeScript would read ./api.d.ts (the generated types) as this file's declarations.
import createClient from 'openapi-fetch';
import type { paths } from './api.d.ts';
import { i18n } from './i18n.ts';

/** A field-level problem from `errors[]` of problem+json; `path` is dotted (`email`, `querystring.page`). */
export interface FieldError {
  path: string;
  message: string;
}

/** A failed API call carrying the server's RFC 9457 problem+json (translated `detail`, field `errors`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** The whole problem body, for extensions such as `rows` of IMPORT_FAILED. */
  readonly problem: Record<string, unknown>;

  constructor(status: number, problem: Record<string, unknown>) {
    const detail = typeof problem.detail === 'string' ? problem.detail : i18n.t('common:errors.unexpected');
    super(detail);
    this.status = status;
    this.code = typeof problem.code === 'string' ? problem.code : 'UNKNOWN';
    this.detail = detail;
    this.errors = Array.isArray(problem.errors) ? (problem.errors as FieldError[]) : [];
    this.problem = problem;
  }
}

const networkError = () => new ApiError(0, { code: 'NETWORK', detail: i18n.t('common:errors.network') });

export const api = createClient<paths>({ credentials: 'same-origin' });

// The server translates `detail` into the signed-in user's language, else Accept-Language.
api.use({
  onRequest({ request }) {
    request.headers.set('Accept-Language', i18n.language);
    return request;
  },
});

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call and returns its data, or throws an ApiError with the server's problem. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch {
    throw networkError();
  }
  if (!result.response.ok) {
    const problem = result.error && typeof result.error === 'object' ? (result.error as Record<string, unknown>) : {};
    throw new ApiError(result.response.status, problem);
  }
  return result.data as T;
}

/**
 * Sends a multipart upload (field `file`). The OpenAPI document does not describe
 * multipart bodies, so this bypasses the typed client but keeps its error handling.
 */
export async function upload<T>(url: string, file: File, method: 'POST' | 'PUT' = 'POST', fields: Record<string, string> = {}): Promise<T> {
  const body = new FormData();
  // Fields before the file: the server reads them as the multipart stream arrives.
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  body.append('file', file);
  return sendForm<T>(url, body, method);
}

/** Sends a multipart form (text fields and files) and answers like `unwrap`. */
export async function sendForm<T>(url: string, body: FormData, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method, body, credentials: 'same-origin', headers: { 'Accept-Language': i18n.language } });
  } catch {
    throw networkError();
  }
  const parsed = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, parsed && typeof parsed === 'object' ? parsed : {});
  return parsed as T;
}

/** Builds a same-origin URL with query parameters, skipping empty ones (for links such as CSV exports). */
export function urlWithQuery(path: string, query: Record<string, string | number | boolean | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

type OperationOf<P extends keyof paths, M extends string> = paths[P] extends { [K in M]: infer O } ? O : never;
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;

/** The JSON body a route answers with on success (200 or 201). */
export type ResponseOf<P extends keyof paths, M extends 'get' | 'post' | 'put' | 'patch'> =
  OperationOf<P, M> extends { responses: infer R } ? Json<R[(200 | 201) & keyof R]> : never;

/** The JSON request body of a route. */
export type BodyOf<P extends keyof paths, M extends 'post' | 'put' | 'patch'> =
  OperationOf<P, M> extends {
    requestBody?: { content: { 'application/json': infer B } };
  }
    ? B
    : never;

/** The envelope of every paginated list. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Every item of a paginated list, for pickers and trees that need the whole set (200 a page, the server's maximum). */
export async function fetchAllPages<T>(fetchPage: (page: number, pageSize: number) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const result = await fetchPage(page, 200);
    items.push(...result.items);
    if (items.length >= result.total || result.items.length === 0) return items;
  }
}
