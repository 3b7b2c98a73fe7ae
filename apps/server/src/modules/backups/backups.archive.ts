import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import tar from 'tar-stream';
import { migrate, migrationNames } from '../../platform/db/migrate.ts';

/**
 * A backup archive is a gzip-compressed tar that any system can list
 * (`tar tzf`): `manifest.json` first, then one file per table in PostgreSQL's
 * COPY text format, in an order that satisfies every foreign key. A sidecar
 * `<archive>.sha256` (sha256sum format) checks the whole file; the manifest
 * checks each table (rows and SHA-256).
 *
 * Consistency: every table is read inside one REPEATABLE READ, READ ONLY
 * transaction, so the archive is one snapshot of the database while the server
 * keeps running. Files live in the database (the `files` table), so they are
 * in the archive byte for byte. The schema is not dumped: it is the
 * migrations the manifest lists, which a restore applies before loading the
 * rows (and any newer migrations after), so an archive needs no `pg_dump`
 * matching the server's version — the embedded server ships none.
 * pg-boss's queue (schema `pgboss`) is transient work and is not included.
 */
export const ARCHIVE_FORMAT = 'ish-backup/1';

export interface TableEntry {
  name: string;
  columns: string[];
  rows: number;
  sha256: string;
  file: string;
}

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  createdAt: string;
  serverVersion: string;
  migrations: string[];
  tables: TableEntry[];
  sequences: { name: string; lastValue: string | null }[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Tables of the public schema, each after the tables it references (as far as cycles allow). */
async function tablesInLoadOrder(client: pg.ClientBase): Promise<{ name: string; columns: string[] }[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY c.relname`,
  );
  const { rows: refs } = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT cc.relname AS child, pc.relname AS parent FROM pg_constraint k
     JOIN pg_class cc ON cc.oid = k.conrelid JOIN pg_class pc ON pc.oid = k.confrelid
     JOIN pg_namespace n ON n.oid = cc.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public' AND cc.relname <> pc.relname`,
  );
  const { rows: cols } = await client.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY c.relname, a.attnum`,
  );
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set()]));
  for (const r of refs) parents.get(r.child)?.add(r.parent);
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name) === 'done') return;
    // A cycle (an item and its current version point at each other) is fine: restore loads without foreign keys.
    if (state.get(name) === 'visiting') return;
    state.set(name, 'visiting');
    for (const parent of parents.get(name) ?? []) visit(parent);
    state.set(name, 'done');
    ordered.push(name);
  };
  for (const t of tables) visit(t.name);
  return ordered.map((name) => ({ name, columns: cols.filter((c) => c.table === name).map((c) => c.column) }));
}

/** Counts and hashes what flows through. */
function meter() {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, bytes: () => bytes, digest: () => hash.digest('hex') };
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Writes one consistent archive of the database at `url` to `path` (and
 * `path.sha256`), through a temporary file renamed into place at the end.
 */
export async function writeArchive(
  url: string,
  path: string,
  now = new Date(),
): Promise<{ bytes: number; sha256: string; manifest: Manifest }> {
  // The archive holds every record and password hash: only the server's user may read it.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const staging = `${path}.partial`;
  const stage = `${staging}.d`;
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true, mode: 0o700 });
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const { rows: version } = await client.query<{ v: string }>('SELECT current_setting($1) AS v', ['server_version']);
    const migrations = (await client.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name')).rows.map((r) => r.name);
    const { rows: sequences } = await client.query<{ name: string; last_value: string | null }>(
      `SELECT sequencename AS name, last_value::text AS last_value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`,
    );
    const tables: TableEntry[] = [];
    for (const [i, table] of (await tablesInLoadOrder(client)).entries()) {
      const file = `tables/${String(i).padStart(3, '0')}_${table.name}.copy`;
      const m = meter();
      const copy = client.query(copyTo(`COPY ${quote(table.name)} (${table.columns.map(quote).join(', ')}) TO STDOUT`));
      await pipeline(copy, m.stream, createWriteStream(join(stage, basename(file))));
      tables.push({ name: table.name, columns: table.columns, rows: Number(copy.rowCount ?? 0), sha256: m.digest(), file });
    }
    await client.query('COMMIT');
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      createdAt: now.toISOString(),
      serverVersion: version[0]?.v ?? '',
      migrations,
      tables,
      sequences: sequences.map((s) => ({ name: s.name, lastValue: s.last_value })),
    };
    const pack = tar.pack();
    const out = meter();
    const writing = pipeline(pack, createGzip({ level: 6 }), out.stream, createWriteStream(staging, { mode: 0o600 }));
    const json = Buffer.from(JSON.stringify(manifest, null, 2));
    pack.entry({ name: 'manifest.json', size: json.length, mode: 0o600 }, json);
    for (const table of tables) {
      const source = join(stage, basename(table.file));
      const entry = pack.entry({ name: table.file, size: statSync(source).size, mode: 0o600 });
      await pipeline(createReadStream(source), entry);
    }
    pack.finalize();
    await writing;
    const sha256 = out.digest();
    renameSync(staging, path);
    writeFileSync(`${path}.sha256`, `${sha256}  ${basename(path)}\n`, { mode: 0o600 });
    return { bytes: out.bytes(), sha256, manifest };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    rmSync(staging, { force: true });
    throw error;
  } finally {
    rmSync(stage, { recursive: true, force: true });
    await client.end().catch(() => {});
  }
}

/** Whether the database has any table of ours (a restore needs an empty one unless forced). */
async function isEmpty(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname IN ('public', 'pgboss') AND c.relkind IN ('r', 'p')`,
  );
  return (rows[0]?.n ?? 0) === 0;
}

export class RestoreRefused extends Error {}

/**
 * Restores an archive into the database at `url`: it must be empty, or
 * `force` clears it first (schemas public and pgboss). The archive's checksum
 * is verified (against its .sha256 when present, and each table against the
 * manifest); the migrations it was taken under are applied, its rows loaded
 * in one transaction, sequences set, then newer migrations applied.
 */
export async function restoreArchive(url: string, path: string, options: { force?: boolean } = {}): Promise<Manifest> {
  if (!existsSync(path)) throw new RestoreRefused(`no such file: ${path}`);
  const sidecar = `${path}.sha256`;
  if (existsSync(sidecar)) {
    const expected = readFileSync(sidecar, 'utf8').split(/\s+/)[0];
    if (expected !== (await sha256OfFile(path))) throw new RestoreRefused('the archive does not match its .sha256 checksum');
  }
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => {});
  const client = await pool.connect();
  try {
    if (!(await isEmpty(client))) {
      if (!options.force) throw new RestoreRefused('the database is not empty; restore into an empty one or pass --force to replace it');
      await client.query('DROP SCHEMA IF EXISTS pgboss CASCADE');
      await client.query('DROP SCHEMA public CASCADE');
      await client.query('CREATE SCHEMA public');
    }
    const extract = tar.extract();
    const reading = pipeline(createReadStream(path), createGunzip(), extract);
    let manifest: Manifest | null = null;
    let foreignKeys: { table: string; name: string; definition: string }[] = [];
    let next = 0;
    for await (const entry of extract) {
      if (entry.header.name === 'manifest.json') {
        const chunks: Buffer[] = [];
        for await (const chunk of entry) chunks.push(chunk as Buffer);
        manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Manifest;
        if (manifest.format !== ARCHIVE_FORMAT)
          throw new RestoreRefused(`not an Internal Service Hub archive (${String(manifest.format)})`);
        const known = new Set(migrationNames());
        const unknown = manifest.migrations.filter((m) => !known.has(m));
        if (unknown.length) throw new RestoreRefused(`the archive comes from a newer version (migrations ${unknown.join(', ')})`);
        await migrate(pool, { only: new Set(manifest.migrations) });
        await client.query('BEGIN');
        // As pg_restore does: foreign keys come off while rows load (cycles need it) and go back on after,
        // checking every row; all in this one transaction.
        foreignKeys = (
          await client.query<{ table: string; name: string; definition: string }>(
            `SELECT c.relname AS table, k.conname AS name, pg_get_constraintdef(k.oid) AS definition FROM pg_constraint k
             JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE k.contype = 'f' AND n.nspname = 'public'`,
          )
        ).rows;
        for (const fk of foreignKeys) await client.query(`ALTER TABLE ${quote(fk.table)} DROP CONSTRAINT ${quote(fk.name)}`);
        // Triggers guard changes (a paid invoice takes no new lines); rows that were valid when saved load as they were.
        for (const t of manifest.tables) await client.query(`ALTER TABLE ${quote(t.name)} DISABLE TRIGGER USER`);
        // Rows that migrations put in (reference data) are replaced by the archive's.
        const filled: string[] = [];
        for (const t of manifest.tables) {
          const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quote(t.name)}) AS any`);
          if (rows[0]?.any) filled.push(quote(t.name));
        }
        if (filled.length) await client.query(`TRUNCATE ${filled.join(', ')}`);
        continue;
      }
      const table = manifest?.tables[next];
      if (!manifest || !table || table.file !== entry.header.name) throw new RestoreRefused(`unexpected entry ${entry.header.name}`);
      next++;
      const m = meter();
      const copy = client.query(copyFrom(`COPY ${quote(table.name)} (${table.columns.map(quote).join(', ')}) FROM STDIN`));
      await pipeline(entry, m.stream, copy);
      if (m.digest() !== table.sha256 || Number(copy.rowCount ?? 0) !== table.rows) {
        throw new RestoreRefused(`table ${table.name} does not match the manifest (damaged archive)`);
      }
    }
    await reading;
    if (!manifest || next !== manifest.tables.length) throw new RestoreRefused('the archive is incomplete');
    for (const t of manifest.tables) await client.query(`ALTER TABLE ${quote(t.name)} ENABLE TRIGGER USER`);
    for (const fk of foreignKeys) await client.query(`ALTER TABLE ${quote(fk.table)} ADD CONSTRAINT ${quote(fk.name)} ${fk.definition}`);
    for (const s of manifest.sequences) {
      if (s.lastValue !== null) await client.query('SELECT setval($1::regclass, $2::bigint, true)', [quote(s.name), s.lastValue]);
    }
    await client.query('COMMIT');
    await migrate(pool);
    return manifest;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
    await pool.end().catch(() => {});
  }
}
