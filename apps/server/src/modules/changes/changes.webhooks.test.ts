import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { signatureOf } from './changes.webhooks.ts';

let t: TestApp;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => {
    body += c;
  });
  req.on('end', () => {
    received.push({ headers: req.headers, body });
    res.end('ok');
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  // The receiver runs on this machine: the operator allows private targets.
  t = await createTestApp({ jobs: true, env: { ALLOW_PRIVATE_OUTBOUND: 'true' } });
});
afterAll(async () => {
  await t.close();
  receiver.close();
});

async function until(check: () => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('status webhooks', () => {
  it('POSTs every status change once, signed with the secret shown at registration', async () => {
    const agus = await t.actingAs('change_manager');
    const putri = await t.actingAs('change_requester');
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/perubahan`;
    const hook = await agus.post('/api/v1/change-webhooks', { name: 'Jenkins', url });
    expect(hook.status).toBe(201);
    const service = Number((await t.ctx.db.execute<{ id: number }>(sql`SELECT id FROM business_services WHERE code = 'WEB'`)).rows[0]?.id);
    const template = (
      await agus.post('/api/v1/change-templates', {
        name: 'Deploy web',
        reason: 'Rilis',
        impact: 'Tanpa henti',
        implementationPlan: 'deploy',
        testPlan: 'smoke',
        rollbackPlan: 'redeploy',
        serviceIds: [service],
      })
    ).body.id;
    const created = await putri.post('/api/v1/changes', { templateId: template, plannedStart: '2031-07-01T10:00:00+07:00', submit: true });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const change = created.body;
    await until(() => received.length >= 2);
    const statuses = received.map((r) => JSON.parse(r.body).change.status).sort();
    expect(statuses).toEqual(['approved', 'submitted']);
    for (const r of received) {
      expect(r.headers['x-ish-event']).toBe('change.status_changed');
      expect(r.headers['x-ish-signature']).toBe(signatureOf(hook.body.secret, r.body));
      expect(JSON.parse(r.body).change).toMatchObject({ id: change.id, number: change.number });
    }
    const listed = (await agus.get('/api/v1/change-webhooks')).body.items[0];
    expect(listed).toMatchObject({ name: 'Jenkins', url });
    expect(JSON.stringify(listed)).not.toContain(hook.body.secret);
    // Each delivery is marked sent once the receiver answered; none is posted twice.
    let sent = 0;
    for (let i = 0; i < 50 && sent < 2; i++) {
      sent = Number(
        (await t.ctx.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM change_webhook_deliveries WHERE status = 'sent'`)).rows[0]
          ?.n,
      );
      if (sent < 2) await new Promise((r) => setTimeout(r, 100));
    }
    expect(sent).toBe(2);
    expect(received).toHaveLength(2);
  });
});
