import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { seedDemoBilling } from '../../seed/demo-billing.ts';
import { seedDemoCatalog } from '../../seed/demo-catalog.ts';
import { seedDemoTickets } from '../../seed/demo-tickets.ts';
import { RestoreRefused, restoreArchive, writeArchive } from './backups.archive.ts';

let t: TestApp;
let dir: string;
const created: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = `ish_restore_${process.pid}_${created.length}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: `${inject('pgServerUrl')}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  created.push(name);
  return `${inject('pgServerUrl')}/${name}`;
}

/** Row count and a checksum of every row's text, per table of the public schema. */
async function fingerprint(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const out: Record<string, { rows: number; md5: string }> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ rows: number; md5: string }>(
        `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM "${name}" t`,
      );
      out[name] = rows[0] as { rows: number; md5: string };
    }
    return out;
  } finally {
    await client.end();
  }
}

async function files(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ id: number; data: Buffer }>('SELECT id, data FROM files ORDER BY id');
  await client.end();
  return rows;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ish-backup-test-'));
  t = await createTestApp();
  // The whole demo: tickets, catalog, requests, charges, paid and disputed invoices (guarded by triggers).
  await t.ctx.db.transaction((tx) => seedDemoTickets(tx));
  await seedDemoCatalog(t.ctx);
  await seedDemoBilling(t.ctx);
  // Data of every kind: tickets with replies and a real attachment, a photo, audit entries.
  const requester = await t.actingAs('requester');
  const ticket = (await requester.post('/api/v1/tickets', { title: 'Jaringan lantai 4 mati', description: '<p>Sejak pagi</p>' })).body;
  await requester.post(`/api/v1/tickets/${ticket.id}/comments`, { body: 'Masih mati.' });
  const png = await sharp({ create: { width: 200, height: 120, channels: 3, background: '#2266aa' } })
    .png()
    .toBuffer();
  expect(
    (await requester.upload(`/api/v1/tickets/${ticket.id}/attachments`, { name: 'bukti.png', type: 'image/png', data: png })).status,
  ).toBe(201);
  expect((await requester.upload('/api/v1/me/photo', { name: 'saya.png', type: 'image/png', data: png })).status).toBe(200);
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: `${inject('pgServerUrl')}/postgres` });
  await admin.connect();
  for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
});

describe('backup archive', () => {
  it('restores into an empty database exactly: every table and every stored file', async () => {
    const source = t.ctx.env.DATABASE_URL as string;
    const path = join(dir, 'ish-backup.tar.gz');
    const written = await writeArchive(source, path);
    expect(written.bytes).toBeGreaterThan(0);
    expect(readFileSync(`${path}.sha256`, 'utf8')).toBe(`${written.sha256}  ish-backup.tar.gz\n`);
    expect(written.manifest.tables.map((x) => x.name)).toEqual(
      expect.arrayContaining(['tickets', 'files', 'audit_log', 'users', 'invoices', 'invoice_lines', 'charges']),
    );

    const target = await emptyDatabase();
    await restoreArchive(target, path);
    const [before, after] = await Promise.all([fingerprint(source), fingerprint(target)]);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    expect(before.files?.rows).toBeGreaterThanOrEqual(2);
    expect(before.invoices?.rows).toBeGreaterThan(0);
    const [a, b] = await Promise.all([files(source), files(target)]);
    expect(b.map((f) => f.id)).toEqual(a.map((f) => f.id));
    for (const [i, file] of a.entries()) expect(Buffer.compare(file.data, b[i]?.data as Buffer), `file ${file.id}`).toBe(0);

    // The restored database takes new rows where the old one left off.
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    const next = await client.query<{ id: number }>(`INSERT INTO audit_log (action) VALUES ('uji.pulih') RETURNING id`);
    const max = await client.query<{ max: number }>('SELECT max(id)::int AS max FROM audit_log WHERE action <> $1', ['uji.pulih']);
    await client.end();
    expect(Number(next.rows[0]?.id)).toBeGreaterThan(Number(max.rows[0]?.max));
  });

  it('refuses a database that is not empty unless forced, and a damaged archive', async () => {
    const path = join(dir, 'kedua.tar.gz');
    await writeArchive(t.ctx.env.DATABASE_URL as string, path);
    const target = await emptyDatabase();
    await restoreArchive(target, path);
    await expect(restoreArchive(target, path)).rejects.toBeInstanceOf(RestoreRefused);
    await expect(restoreArchive(target, path, { force: true })).resolves.toMatchObject({ format: 'ish-backup/1' });

    const bytes = readFileSync(path);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    writeFileSync(path, bytes);
    await expect(restoreArchive(await emptyDatabase(), path)).rejects.toThrow(/checksum/);
  });

  it('works from the command line: npm run backup prints the archive, npm run restore refuses a non-empty database', async () => {
    const run = (script: string, args: string[], env: Record<string, string>) =>
      new Promise<{ code: number | null; out: string }>((done) => {
        const child = spawn(process.execPath, [join(import.meta.dirname, `../../cli/${script}.ts`), ...args], {
          env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', (code) => done({ code, out }));
      });
    const backup = await run('backup', [], { DATABASE_URL: t.ctx.env.DATABASE_URL as string, BACKUP_DIR: dir });
    expect(backup.code, backup.out).toBe(0);
    const path = backup.out.trim().split('\n').at(-1) as string;
    expect(path).toMatch(/ish-backup-.*\.tar\.gz$/);
    expect(existsSync(path)).toBe(true);
    const target = await emptyDatabase();
    const first = await run('restore', [path], { DATABASE_URL: target });
    expect(first.code, first.out).toBe(0);
    expect(first.out).toMatch(/Restored \d+ tables/);
    const again = await run('restore', [path], { DATABASE_URL: target });
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/not empty/);
  }, 60_000);
});
