import { afterAll, beforeAll, describe } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';
import { testResolver } from '../../../test/support/dns.ts';
import { configureMailIntake, corpusTests, envelopeFrom } from '../../../test/support/mail-corpus.ts';
import { sendRaw } from '../../../test/support/smtp.ts';
import type { IngestResult } from './mail-intake.service.ts';
import { startInboundSmtp } from './mail-intake.smtp.ts';

let t: TestApp;
let agent: Client;
let requester: Client;
let listener: Awaited<ReturnType<typeof startInboundSmtp>>;
const results: IngestResult[] = [];

beforeAll(async () => {
  t = await createTestApp();
  [agent, requester] = await Promise.all([t.actingAs('agent'), t.actingAs('requester')]);
  await configureMailIntake(t, await t.actingAs('administrator'));
  listener = await startInboundSmtp(t.ctx, { host: '127.0.0.1', port: 0, resolver: testResolver, onIngested: (r) => results.push(r) });
});
afterAll(async () => {
  await listener.close();
  await t.close();
});

/** Sends a message to the listener as a mail server would (the envelope sender from its Return-Path) and returns what became of it. */
async function sendOverSmtp(raw: Buffer): Promise<IngestResult> {
  const before = results.length;
  await sendRaw(listener.port, raw, { from: envelopeFrom(raw), to: ['helpdesk@nusantara.test'] });
  const result = results[before];
  if (!result) throw new Error('the listener accepted the message without taking it in');
  return result;
}

describe('the email corpus through the inbound SMTP listener', () => {
  corpusTests(() => ({ t, agent, requester }), sendOverSmtp);
});
