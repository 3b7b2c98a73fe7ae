import { afterAll, beforeAll, describe } from 'vitest';
import { type Client, createTestApp, type TestApp } from '../../../test/harness.ts';
import { testResolver } from '../../../test/support/dns.ts';
import { startDovecot } from '../../../test/support/dovecot.ts';
import { configureMailIntake, corpusTests } from '../../../test/support/mail-corpus.ts';
import { pollMailbox } from './mail-intake.imap.ts';
import type { IngestResult } from './mail-intake.service.ts';

let t: TestApp;
let agent: Client;
let requester: Client;
let dovecot: Awaited<ReturnType<typeof startDovecot>>;

beforeAll(async () => {
  dovecot = await startDovecot();
  t = await createTestApp();
  [agent, requester] = await Promise.all([t.actingAs('agent'), t.actingAs('requester')]);
  await configureMailIntake(t, await t.actingAs('administrator'), dovecot);
});
afterAll(async () => {
  await t.close();
  await dovecot.close();
});

/** Drops a message into the helpdesk mailbox, then runs the poll the `mail.poll` job runs every minute. */
async function deliverOverImap(raw: Buffer): Promise<IngestResult> {
  await dovecot.deliver(raw);
  const results = await pollMailbox(t.ctx, { resolver: testResolver });
  if (results?.length !== 1) throw new Error(`the poll took in ${results?.length ?? 'no'} messages, expected 1`);
  return results[0] as IngestResult;
}

describe('the email corpus through an IMAP mailbox (Dovecot)', () => {
  corpusTests(() => ({ t, agent, requester }), deliverOverImap);
});
