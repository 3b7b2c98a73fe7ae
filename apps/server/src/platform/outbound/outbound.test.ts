import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';
import { eventually } from '../../../test/support/processes.ts';
import { assertOutboundAllowed, isPrivateAddress, outboundFetch } from './outbound.ts';

const strict = { allowPrivate: false };
const lenient = { allowPrivate: true };

describe('outbound address policy', () => {
  it('knows loopback, private, link-local, metadata and mapped addresses from public ones', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.5',
      '192.168.1.1',
      '169.254.169.254',
      '100.100.100.200',
      '0.0.0.0',
      '::1',
      '::',
      '::ffff:127.0.0.1',
      'fd00:ec2::254',
      'fe80::1',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '36.86.63.182', '2606:4700:4700::1111']) expect(isPrivateAddress(address), address).toBe(false);
  });

  it('refuses other schemes always, and private hosts unless allowed', async () => {
    for (const url of ['file:///etc/passwd', 'gopher://127.0.0.1:25/_HELO', 'ftp://example.org/', 'http://user:pw@example.org/']) {
      await expect(assertOutboundAllowed(url, lenient)).rejects.toMatchObject({ code: 'OUTBOUND_NOT_ALLOWED' });
    }
    for (const url of ['http://127.0.0.1:8080/', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://localhost:1/']) {
      await expect(assertOutboundAllowed(url, strict)).rejects.toMatchObject({ code: 'OUTBOUND_NOT_ALLOWED' });
      await expect(assertOutboundAllowed(url, lenient)).resolves.toBeInstanceOf(URL);
    }
  });
});

describe('the SMS gateway under the policy', () => {
  let t: TestApp;
  let admin: Client;
  let local: Server;
  let hits = 0;

  beforeAll(async () => {
    local = createServer((_req, res) => {
      hits++;
      res.writeHead(200).end('ok');
    });
    await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
    t = await createTestApp({ jobs: true });
    admin = await t.actingAs('administrator');
  });
  afterAll(async () => {
    await t.close();
    local.close();
  });

  it('refuses to save a gateway at loopback, cloud metadata, file: or gopher:', async () => {
    for (const url of [
      'http://127.0.0.1/kirim',
      'http://169.254.169.254/latest/meta-data/',
      'file:///etc/passwd',
      'gopher://127.0.0.1:6379/_',
    ]) {
      const res = await admin.put('/api/v1/settings/sms-gateway', {
        version: 0,
        enabled: true,
        url,
        method: 'POST',
        headers: {},
        bodyTemplate: '{}',
      });
      expect(res.status, url).toBe(400);
      expect(res.body.code).toBe('OUTBOUND_NOT_ALLOWED');
    }
    expect((await admin.get('/api/v1/settings/sms-gateway')).body).toMatchObject({ version: 0, url: '' });
  });

  it('checks again when sending: a stored name that resolves to loopback is never called', async () => {
    const port = (local.address() as AddressInfo).port;
    await t.ctx.db.execute(sql`
      INSERT INTO settings (key, value) VALUES ('sms_gateway', ${JSON.stringify({
        enabled: true,
        url: `http://localhost:${port}/kirim`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        bodyTemplate: '{"to":"{phone}","text":"{message}"}',
      })}::jsonb)`);
    const requester = await t.actingAs('requester');
    await requester.put('/api/v1/me/notification-preferences', { items: [{ event: 'ticket_created', channel: 'sms', enabled: true }] });
    const ticket = (await requester.post('/api/v1/tickets', { title: 'Telepon meja rusak' })).body;
    const failed = await eventually('the SMS delivery to fail', async () => {
      const { rows } = await t.ctx.db.execute<{ status: string; last_error: string }>(
        sql`SELECT status, last_error FROM notification_deliveries WHERE ticket_id = ${ticket.id} AND channel = 'sms'`,
      );
      return rows[0]?.status === 'failed' ? rows[0] : undefined;
    });
    expect(failed.last_error).toBe('OUTBOUND_NOT_ALLOWED');
    expect(hits).toBe(0);
    // The same call goes through where the operator allows private addresses.
    expect((await outboundFetch(`http://localhost:${port}/kirim`, { method: 'POST', body: '{}' }, lenient)).status).toBe(200);
    expect(hits).toBe(1);
  });
});
