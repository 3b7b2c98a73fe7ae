import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/seed/demo-accounts.ts';
import {
  eventually,
  type OwnPostgres,
  openEventStream,
  type ServerProcess,
  signInOver,
  startOwnPostgres,
  startServerProcess,
} from './support/processes.ts';

/**
 * A real server process on a PostgreSQL of its own, which the test restarts
 * under it while a notification stream is open.
 */
describe('a PostgreSQL restart under a running server', () => {
  let pg: OwnPostgres;
  let server: ServerProcess;

  beforeAll(async () => {
    pg = await startOwnPostgres();
    server = await startServerProcess({ databaseUrl: pg.url });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await pg?.destroy();
  });

  it('answers 503 with Retry-After during the outage, stays up, and its open streams resume', async () => {
    const siti = await signInOver(server.url, DEMO_ACCOUNTS.requester.email, DEMO_PASSWORD);
    const stream = await openEventStream(`${server.url}/api/v1/notifications/stream`, siti.cookie);
    const notices = () => stream.events.filter((e) => e.event === 'notification');

    // Live before: her own new ticket reaches her open stream.
    expect((await siti.post('/api/v1/tickets', { title: 'Printer lantai 3 macet' })).status).toBe(201);
    await eventually('the first notice on the stream', async () => notices().length >= 1);

    await pg.stop();
    const during = await siti.get('/api/v1/notifications');
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('5');
    expect(during.headers.get('content-type')).toContain('application/problem+json');
    expect(during.body).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(typeof during.body.requestId).toBe('string');
    const write = await siti.post('/api/v1/tickets', { title: 'Selama basis data mati' });
    expect(write.status).toBe(503);
    expect(write.body.code).toBe('DATABASE_UNAVAILABLE');
    // Liveness stays green, readiness says why it is not ready.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const notReady = await fetch(`${server.url}/api/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'unavailable', database: 'down' });

    await pg.start();
    await eventually('readiness after the restart', async () => (await fetch(`${server.url}/api/ready`)).status === 200, 60_000);
    expect(server.child.exitCode).toBeNull();

    // The stream that stayed open is told to resync, then hears new notices again.
    await eventually('a resync on the open stream', async () => notices().some((e) => e.data.includes('resync')), 30_000);
    const before = notices().length;
    expect((await siti.post('/api/v1/tickets', { title: 'Setelah basis data kembali' })).status).toBe(201);
    await eventually('a notice after the restart', async () => notices().length > before);
    expect((await siti.get('/api/v1/notifications')).status).toBe(200);
    // Nothing from the refused write was stored.
    const list = await siti.get('/api/v1/tickets?q=Selama');
    expect(list.body.items).toHaveLength(0);
    stream.close();
    expect(server.child.exitCode).toBeNull();
  }, 180_000);

  it('shuts down on SIGTERM: open streams end, the process exits cleanly', async () => {
    const siti = await signInOver(server.url, DEMO_ACCOUNTS.requester.email, DEMO_PASSWORD);
    const stream = await openEventStream(`${server.url}/api/v1/notifications/stream`, siti.cookie);
    const code = await server.stop('SIGTERM');
    expect(code, server.output()).toBe(0);
    await stream.ended;
    expect(server.output()).toMatch(/draining requests and jobs/);
  }, 60_000);
});
