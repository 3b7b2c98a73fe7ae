// `npm run drill`: fault drill. Two server processes on one PostgreSQL take creates and replies
// while one is killed with SIGKILL and PostgreSQL restarts; then every acknowledged write is looked
// for, numbers checked for gaps, notifications for doubles, and both servers for life. Prints a table;
// exits 1 when a check fails. Its latest output is kept in docs/drill.md.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { connect } from '../apps/server/src/platform/db/client.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../apps/server/src/seed/demo-accounts.ts';
import {
  eventually,
  type OwnPostgres,
  type ServerProcess,
  signInOver,
  sleep,
  startOwnPostgres,
  startServerProcess,
} from '../apps/server/test/support/processes.ts';
import { startSmtpServer } from '../apps/server/test/support/smtp.ts';

const WORKERS = 4;
const RETRY_FOR_MS = 45_000;
const log = (message: string) => console.error(`[drill ${new Date().toISOString().slice(11, 19)}] ${message}`);

interface Outcome {
  kind: 'ticket' | 'reply';
  marker: string;
  /** 2xx answer received (possibly from a retry replaying the first). */
  acknowledged: boolean;
  /** The server said the key's first request committed but its answer was lost. */
  committedUnanswered: boolean;
  ticketId?: number;
  number?: string;
  attempts: number;
}

type Client = Awaited<ReturnType<typeof signInOver>>;

async function main() {
  const started = Date.now();
  const pg: OwnPostgres = await startOwnPostgres();
  const smtp = await startSmtpServer();
  const env = { BACKUP_TIME: 'off', LOG_LEVEL: 'error' };
  const servers: (ServerProcess | null)[] = [];
  let exitsOfB = 0;
  try {
    log('starting server A (migrates and seeds the demo organisation)');
    servers[0] = await startServerProcess({ databaseUrl: pg.url, env });
    const database = connect(pg.url, 2);
    await database.db.execute(
      sql`INSERT INTO settings (key, value) VALUES ('smtp', ${JSON.stringify({ host: '127.0.0.1', port: smtp.port, secure: false, user: null, passwordEncrypted: null, from: 'Helpdesk <helpdesk@nusantara.test>' })}::jsonb)
          ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    );
    log('starting server B on the same database');
    servers[1] = await startServerProcess({ databaseUrl: pg.url, env });
    const b = servers[1];
    void b.exited.then(() => exitsOfB++);

    const live = () => servers.filter((s): s is ServerProcess => !!s && s.child.exitCode === null && s.child.signalCode === null);
    const sessions = new Map<string, { requester: Client; agent: Client }>();
    const sessionFor = async (server: ServerProcess) => {
      let s = sessions.get(server.url);
      if (!s) {
        s = {
          requester: await signInOver(server.url, DEMO_ACCOUNTS.requester.email, DEMO_PASSWORD),
          agent: await signInOver(server.url, DEMO_ACCOUNTS.agent.email, DEMO_PASSWORD),
        };
        sessions.set(server.url, s);
      }
      return s;
    };
    for (const s of live()) await sessionFor(s);

    const outcomes: Outcome[] = [];
    const statusCounts = new Map<string, number>();
    const count = (key: string) => statusCounts.set(key, (statusCounts.get(key) ?? 0) + 1);
    let stop = false;
    let turn = 0;

    /** One write with its Idempotency-Key, retried (on whichever server is up) until answered. */
    async function write(kind: 'ticket' | 'reply', path: (o: Outcome) => string, body: (o: Outcome) => object, who: 'requester' | 'agent') {
      const outcome: Outcome = {
        kind,
        marker: `drill-${randomUUID().slice(0, 8)}`,
        acknowledged: false,
        committedUnanswered: false,
        attempts: 0,
      };
      outcomes.push(outcome);
      const key = randomUUID();
      const deadline = Date.now() + RETRY_FOR_MS;
      while (Date.now() < deadline) {
        const candidates = live();
        const server = candidates[turn++ % Math.max(1, candidates.length)];
        if (!server) {
          await sleep(200);
          continue;
        }
        outcome.attempts++;
        try {
          const client = (await sessionFor(server))[who];
          const res = await client.post(path(outcome), body(outcome), { 'idempotency-key': key });
          count(String(res.status));
          if (res.status >= 200 && res.status < 300) {
            outcome.acknowledged = true;
            if (kind === 'ticket') {
              outcome.ticketId = res.body.id;
              outcome.number = res.body.number;
            }
            return outcome;
          }
          if (res.status === 409 && res.body?.code === 'IDEMPOTENCY_RESULT_UNKNOWN') {
            outcome.committedUnanswered = true;
            return outcome;
          }
          if (res.status < 500 && res.status !== 409 && res.status !== 429) return outcome;
        } catch {
          count('network');
        }
        await sleep(250);
      }
      return outcome;
    }

    const acknowledgedTickets = () => outcomes.filter((o) => o.kind === 'ticket' && o.acknowledged && o.ticketId);
    async function worker(n: number) {
      let i = 0;
      while (!stop) {
        const tickets = acknowledgedTickets();
        if (i++ % 2 === 0 || tickets.length === 0) {
          await write(
            'ticket',
            () => '/api/v1/tickets',
            (o) => ({ title: `Uji gangguan ${o.marker}` }),
            'requester',
          );
        } else {
          const target = tickets[(n * 7 + i) % tickets.length] as Outcome;
          await write(
            'reply',
            () => `/api/v1/tickets/${target.ticketId}/comments`,
            (o) => ({ body: `Balasan ${o.marker}` }),
            'agent',
          );
        }
        // A few writes a second in all: enough to be caught mid-write by every fault.
        await sleep(300);
      }
    }

    log(`traffic: ${WORKERS} clients creating tickets and replies on both servers`);
    const traffic = Array.from({ length: WORKERS }, (_, n) => worker(n));
    await sleep(8_000);
    log('fault 1: SIGKILL server A');
    servers[0]?.child.kill('SIGKILL');
    await servers[0]?.exited;
    await sleep(4_000);
    log('restarting server A');
    servers[0] = await startServerProcess({ databaseUrl: pg.url, env });
    await sleep(6_000);
    log('fault 2: PostgreSQL restarts');
    await pg.stop();
    await sleep(3_000);
    await pg.start();
    await sleep(10_000);
    stop = true;
    log('traffic stops; waiting for answers and retries');
    await Promise.all(traffic);

    log(`${outcomes.length} writes; waiting for every queued email to be delivered`);
    await eventually(
      'the mail queue to drain',
      async () => {
        const { rows } = await database.db.execute<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM notification_deliveries WHERE channel = 'email' AND status = 'queued'`,
        );
        return rows[0]?.n === 0;
      },
      300_000,
    ).catch(() => log('the mail queue did not drain in 5 minutes'));

    // ---- checks ----
    const rows = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => (await database.db.execute<T>(query)).rows;
    const results: { check: string; pass: boolean; detail: string }[] = [];
    const check = (name: string, pass: boolean, detail: string) => results.push({ check: name, pass, detail });

    const tickets = outcomes.filter((o) => o.kind === 'ticket');
    const replies = outcomes.filter((o) => o.kind === 'reply');
    const storedTitles = new Map(
      (
        await rows<{ title: string; n: number }>(
          sql`SELECT title, count(*)::int AS n FROM tickets WHERE title LIKE 'Uji gangguan drill-%' GROUP BY title`,
        )
      ).map((r) => [r.title.replace('Uji gangguan ', ''), r.n]),
    );
    const storedReplies = new Map(
      (
        await rows<{ body: string; n: number }>(
          sql`SELECT body_html AS body, count(*)::int AS n FROM ticket_comments WHERE body_html LIKE '%Balasan drill-%' GROUP BY body_html`,
        )
      ).map((r) => [/drill-[0-9a-f]{8}/.exec(r.body)?.[0] ?? r.body, r.n]),
    );
    const ackT = tickets.filter((o) => o.acknowledged);
    const ackR = replies.filter((o) => o.acknowledged);
    const missingT = ackT.filter((o) => storedTitles.get(o.marker) !== 1);
    const missingR = ackR.filter((o) => storedReplies.get(o.marker) !== 1);
    check(
      'every acknowledged write is stored, once',
      missingT.length === 0 && missingR.length === 0,
      `${ackT.length} tickets and ${ackR.length} replies acknowledged; missing or doubled: ${missingT.length + missingR.length}`,
    );
    const doubles = [...storedTitles.values(), ...storedReplies.values()].filter((n) => n > 1).length;
    const lostAnswers = outcomes.filter((o) => o.committedUnanswered);
    const lostStored = lostAnswers.filter((o) => (o.kind === 'ticket' ? storedTitles : storedReplies).get(o.marker) === 1).length;
    check(
      'retries with Idempotency-Key never create twice',
      doubles === 0 && lostStored === lostAnswers.length,
      `${outcomes.reduce((n, o) => n + o.attempts, 0) - outcomes.length} retries; records stored twice: ${doubles}; commits whose answer was lost (409, stored once): ${lostAnswers.length}`,
    );
    const unanswered = outcomes.filter((o) => !o.acknowledged && !o.committedUnanswered);
    check(
      'every write was answered within 45 s of retries',
      unanswered.length === 0,
      `${unanswered.length} of ${outcomes.length} never answered`,
    );

    const numbers = await rows<{ prefix: string; seq: number }>(
      sql`SELECT regexp_replace(number, '[0-9]+$', '') AS prefix, substring(number from '[0-9]+$')::int AS seq FROM tickets`,
    );
    const byPrefix = new Map<string, number[]>();
    for (const r of numbers) byPrefix.set(r.prefix, [...(byPrefix.get(r.prefix) ?? []), Number(r.seq)]);
    const gaps = [...byPrefix.entries()].flatMap(([prefix, seqs]) => {
      const sorted = seqs.sort((x, y) => x - y);
      return sorted.length === sorted[sorted.length - 1] && new Set(sorted).size === sorted.length ? [] : [prefix];
    });
    check(
      'ticket numbers are gapless and unique',
      gaps.length === 0,
      `${numbers.length} tickets under ${[...byPrefix.keys()].join(', ')}; series with a gap or a double: ${gaps.length}`,
    );

    const doubleInApp = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM (SELECT user_id, event, ticket_id, title FROM notifications
        WHERE event = 'ticket_created' GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) d`);
    const messageIds = smtp.received.map((m) => String(m.headers.get('message-id') ?? ''));
    const doubleMail = messageIds.length - new Set(messageIds).size;
    const createdMails = smtp.received.filter((m) => /drill-/.test(m.subject)).length;
    const queued = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM notification_deliveries WHERE channel = 'email' AND status = 'queued'`,
    );
    check(
      'no notification is sent twice',
      (doubleInApp[0]?.n ?? 0) === 0 && doubleMail === 0,
      `${smtp.received.length} emails (${createdMails} about drill tickets), ${doubleMail} sent twice; in-app doubles: ${doubleInApp[0]?.n ?? 0}; still queued: ${queued[0]?.n ?? 0}`,
    );

    for (const [i, s] of servers.entries()) {
      if (s && s !== live().find((l) => l === s)) log(`server ${'AB'[i]} is down; its last output:\n${s.output().slice(-3000)}`);
    }
    const ready = await Promise.all(live().map(async (s) => (await fetch(`${s.url}/api/ready`)).status));
    check(
      'both servers stay up and ready',
      live().length === 2 && ready.every((s) => s === 200) && exitsOfB === 0,
      `server B never exited (exits: ${exitsOfB}); /api/ready: ${ready.join(', ')}`,
    );
    check(
      'PostgreSQL outage answered 503, not 500',
      !statusCounts.has('500'),
      [...statusCounts.entries()]
        .sort()
        .map(([k, v]) => `${k}×${v}`)
        .join(', '),
    );

    await database.close();
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(
      `Fault drill (${new Date().toISOString().slice(0, 10)}, ${seconds} s): two servers, ${WORKERS} clients, SIGKILL of one server, PostgreSQL restart\n`,
    );
    console.log('| check | result | detail |');
    console.log('|---|---|---|');
    for (const r of results) console.log(`| ${r.check} | ${r.pass ? 'pass' : '**FAIL**'} | ${r.detail} |`);
    process.exitCode = results.every((r) => r.pass) ? 0 : 1;
  } finally {
    for (const s of servers) await s?.stop().catch(() => {});
    await smtp.close().catch(() => {});
    await pg.destroy();
  }
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((error: unknown) => {
    console.error(`Drill could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  });
