import type { OutgoingHttpHeaders } from 'node:http';
import type { Role } from '@ish/shared';
import type { LightMyRequestResponse } from 'fastify';
import { expect, inject } from 'vitest';
import { buildContext } from '../src/context.ts';
import { parseEnv } from '../src/env.ts';
import { NOTIFY_TICKET_EVENT } from '../src/modules/notifications/index.ts';
import type { AppContext } from '../src/platform/context.ts';
import { connect } from '../src/platform/db/client.ts';
import type { App } from '../src/platform/http/app.ts';
import type { Clock } from '../src/platform/time/clock.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/seed/demo-accounts.ts';
import { buildServer } from '../src/server.ts';

export interface TestApp {
  app: App;
  ctx: AppContext;
  /** A client signed in as the demo account of `role`. */
  actingAs(role: Role): Promise<Client>;
  /** A client signed in with any email and password. */
  signIn(email: string, password?: string): Promise<Client>;
  /** A client with no session, connecting from `remoteAddress` (default 127.0.0.1). */
  anonymous(remoteAddress?: string): Client;
  /** Works out the ticket notices queued so far, as the notification job would (a test app without workers does it after every request). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface Response {
  status: number;
  headers: OutgoingHttpHeaders;
  body: any;
  text: string;
}

export interface Client {
  cookie: string | null;
  get(url: string, headers?: Record<string, string>): Promise<Response>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  delete(url: string, headers?: Record<string, string>): Promise<Response>;
  /** Multipart upload of one file field plus optional text fields. */
  upload(
    url: string,
    file: { field?: string; name: string; type: string; data: Buffer },
    fields?: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<Response>;
  /** Multipart form with text fields and any number of files, with extra headers (`x-forwarded-for` for another address). */
  postForm(
    url: string,
    form: { fields?: Record<string, string>; files?: { field: string; name: string; type: string; data: Buffer }[] },
    headers?: Record<string, string>,
  ): Promise<Response>;
}

let counter = 0;

async function cloneTemplate(): Promise<string> {
  const serverUrl = inject('pgServerUrl');
  const name = `ish_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = connect(`${serverUrl}/postgres`, 1);
  await admin.pool.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  await admin.close();
  return `${serverUrl}/${name}`;
}

/**
 * A fresh database cloned from the template (migrated, demo organisation) and
 * the real HTTP app on top of it, driven through Fastify's inject. Pass
 * `jobs: true` to run the pg-boss workers as well, and `database` to open a
 * second app (a second server process) on an existing test database, and
 * `clock` to control what the services take as now.
 */
export async function createTestApp(
  options: {
    jobs?: boolean;
    env?: Record<string, string>;
    database?: string;
    clock?: Clock;
    /** Without workers, ticket notices are worked out after every request unless this is false. */
    settleNotices?: boolean;
  } = {},
): Promise<TestApp> {
  const url = options.database ?? (await cloneTemplate());
  const env = parseEnv({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    WEB_DIST: '',
    PUBLIC_URL: 'http://localhost:3000',
    // No daily backup of a test database unless a test asks for one.
    BACKUP_TIME: 'off',
    ...options.env,
  });
  const database = connect(url, 5);
  const ctx = buildContext(env, database, url, { warn: () => {} }, options.clock);
  const { jobs } = ctx;
  // Without `jobs`, the queue accepts jobs but this test runs no workers.
  await jobs.start({ workers: options.jobs === true });
  const app = await buildServer(ctx);
  await app.ready();
  // Ticket changes queue their notices as a job (the notifications module); without workers the test plays the worker.
  const settle = async () => void (await jobs.drain(NOTIFY_TICKET_EVENT));
  const settleAfterRequest = options.jobs !== true && options.settleNotices !== false;

  const toResponse = (res: LightMyRequestResponse): Response => {
    let parsed: unknown = res.body;
    try {
      parsed = res.body ? JSON.parse(res.body) : undefined;
    } catch {}
    return { status: res.statusCode, headers: res.headers, body: parsed, text: res.body };
  };

  const client = (cookie: string | null, remoteAddress?: string): Client => {
    const request = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> => {
      // Notices of what the test did outside requests (a job it ran) are there by its next request.
      if (settleAfterRequest) await settle();
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
        ...(remoteAddress ? { remoteAddress } : {}),
      });
      if (settleAfterRequest) await settle();
      return toResponse(res);
    };
    return {
      cookie,
      get: (u, h) => request('GET', u, undefined, h),
      post: (u, b, h) => request('POST', u, b ?? {}, h),
      patch: (u, b, h) => request('PATCH', u, b ?? {}, h),
      put: (u, b, h) => request('PUT', u, b ?? {}, h),
      delete: (u, h) => request('DELETE', u, undefined, h),
      upload(u, file, fields = {}, extra = {}) {
        return this.postForm(u, { fields, files: [{ ...file, field: file.field ?? 'file' }] }, extra);
      },
      async postForm(u, input, headers = {}) {
        const form = new FormData();
        for (const [k, v] of Object.entries(input.fields ?? {})) form.append(k, v);
        for (const file of input.files ?? [])
          form.append(file.field, new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
        const req = new Request('http://localhost', { method: 'POST', body: form });
        const payload = Buffer.from(await req.arrayBuffer());
        if (settleAfterRequest) await settle();
        const res = await app.inject({
          method: 'POST',
          url: u,
          payload,
          headers: { ...(cookie ? { cookie } : {}), 'content-type': req.headers.get('content-type') ?? '', ...headers },
        });
        if (settleAfterRequest) await settle();
        return toResponse(res);
      },
    };
  };

  const signIn = async (email: string, password = DEMO_PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
    const setCookie = res.cookies.find((c) => c.name === 'ish_session');
    if (!setCookie) throw new Error('no session cookie');
    return client(`ish_session=${setCookie.value}`);
  };

  return {
    app,
    ctx,
    actingAs: (role) => signIn(DEMO_ACCOUNTS[role].email),
    signIn,
    anonymous: (remoteAddress) => client(null, remoteAddress),
    settle,
    async close() {
      await app.close();
      await jobs.stop();
      await database.close();
    },
  };
}

/**
 * Asserts a refusal by its status and its problem `code` (RFC 9457), not the
 * status alone: a 400 for another reason would otherwise pass.
 */
export function expectProblem(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
}
