import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { eventually } from '../../../test/support/processes.ts';
import { manualClock } from '../../platform/time/clock.ts';
import { runScheduledBackup } from './backups.service.ts';

let dir: string;
let t: TestApp;
let second: TestApp;
const clock = manualClock('2026-11-24T18:29:00Z'); // 01:29 WIB

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ish-backups-'));
  const env = { BACKUP_DIR: dir, BACKUP_TIME: '01:30', BACKUP_RETENTION_DAYS: '30' };
  t = await createTestApp({ env, clock, jobs: true });
  second = await createTestApp({ env, clock, database: t.ctx.env.DATABASE_URL });
});
afterAll(async () => {
  await second.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const runs = async () =>
  (
    await t.ctx.db.execute<{ id: number; trigger: string; status: string; scheduled_for: string | null; file_name: string | null }>(
      sql`SELECT id, trigger, status, scheduled_for::text, file_name FROM backups ORDER BY id`,
    )
  ).rows;

describe('daily backup', () => {
  it('runs once a day after 01:30 in the organisation’s time zone, whichever process ticks', async () => {
    expect(await runScheduledBackup(t.ctx)).toBeNull();
    clock.at('2026-11-24T18:31:00Z'); // 01:31 WIB on 25 November
    const [a, b] = await Promise.all([runScheduledBackup(t.ctx), runScheduledBackup(second.ctx)]);
    expect([a, b].filter((id) => id !== null)).toHaveLength(1);
    expect(await runScheduledBackup(t.ctx)).toBeNull();
    const [run] = await runs();
    expect(run).toMatchObject({ trigger: 'scheduled', status: 'succeeded', scheduled_for: '2026-11-25' });
    const path = join(dir, run?.file_name as string);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(`${path}.sha256`, 'utf8')).toMatch(/^[0-9a-f]{64} {2}ish-backup-/);
    // The next day's run comes the next night.
    clock.at('2026-11-25T12:00:00Z');
    expect(await runScheduledBackup(t.ctx)).toBeNull();
    clock.at('2026-11-25T18:45:00Z');
    expect(await runScheduledBackup(t.ctx)).not.toBeNull();
  });

  it('keeps 30 days of archives and prunes older ones', async () => {
    const keep = join(dir, 'ish-backup-lama-29.tar.gz');
    const prune = join(dir, 'ish-backup-lama-31.tar.gz');
    for (const file of [keep, prune]) {
      writeFileSync(file, 'x');
      writeFileSync(`${file}.sha256`, 'x');
    }
    const now = clock.now().getTime();
    await t.ctx.db.execute(sql`
      INSERT INTO backups (trigger, status, file_name, started_at, finished_at) VALUES
        ('manual', 'succeeded', 'ish-backup-lama-29.tar.gz', ${new Date(now - 29 * 86_400_000)}, ${new Date(now - 29 * 86_400_000)}),
        ('manual', 'succeeded', 'ish-backup-lama-31.tar.gz', ${new Date(now - 31 * 86_400_000)}, ${new Date(now - 31 * 86_400_000)})`);
    clock.at('2026-11-26T18:40:00Z');
    expect(await runScheduledBackup(t.ctx)).not.toBeNull();
    expect(existsSync(keep)).toBe(true);
    expect(existsSync(prune)).toBe(false);
    expect(existsSync(`${prune}.sha256`)).toBe(false);
    const pruned = await t.ctx.db.execute<{ pruned: boolean }>(
      sql`SELECT pruned_at IS NOT NULL AS pruned FROM backups WHERE file_name = 'ish-backup-lama-31.tar.gz'`,
    );
    expect(pruned.rows[0]?.pruned).toBe(true);
  });
});

describe('the Administrator’s backups', () => {
  it('lists runs with time, size, duration and result, and downloads a kept archive', async () => {
    const admin = await t.actingAs('administrator');
    const res = await admin.get('/api/v1/backups');
    expect(res.status).toBe(200);
    expect(res.body.schedule).toEqual({ time: '01:30', timeZone: 'Asia/Jakarta', retentionDays: 30 });
    const done = res.body.items.find((r: { status: string; available: boolean }) => r.status === 'succeeded' && r.available);
    expect(done).toMatchObject({ trigger: 'scheduled', durationMs: expect.any(Number), sizeBytes: expect.any(Number) });
    const download = await t.app.inject({
      method: 'GET',
      url: `/api/v1/backups/${done.id}/download`,
      headers: { cookie: admin.cookie ?? '' },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/attachment; filename="ish-backup-.*\.tar\.gz"/);
    expect(download.rawPayload.length).toBe(done.sizeBytes);
    expect((await import('node:crypto')).createHash('sha256').update(download.rawPayload).digest('hex')).toBe(done.sha256);
    const gone = res.body.items.find((r: { available: boolean }) => !r.available);
    expect((await admin.get(`/api/v1/backups/${gone.id}/download`)).status).toBe(404);
  });

  it('backs up on demand in the background', async () => {
    const admin = await t.actingAs('administrator');
    const started = await admin.post('/api/v1/backups');
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ trigger: 'manual', status: 'running' });
    await eventually('the manual backup to finish', async () => {
      const list = (await admin.get('/api/v1/backups')).body.items as { id: number; status: string }[];
      return list.find((r) => r.id === started.body.id)?.status === 'succeeded';
    });
  });

  it('is refused to everyone else', async () => {
    for (const role of ['agent', 'division_admin', 'executive'] as const) {
      const client = await t.actingAs(role);
      for (const res of [
        await client.get('/api/v1/backups'),
        await client.post('/api/v1/backups'),
        await client.get('/api/v1/backups/1/download'),
      ]) {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
    }
    expect((await t.anonymous().get('/api/v1/backups/1/download')).status).toBe(401);
  });

  it('tells the Administrators in the app and by email when a backup fails, and keeps the last good one', async () => {
    const blocked = join(dir, 'bukan-folder');
    writeFileSync(blocked, 'a file where the backup folder should be');
    const broken = await createTestApp({ database: t.ctx.env.DATABASE_URL, clock, env: { BACKUP_DIR: blocked, BACKUP_TIME: '01:30' } });
    try {
      clock.at('2026-11-27T18:40:00Z');
      const id = await runScheduledBackup(broken.ctx);
      const run = (await runs()).find((r) => r.id === id);
      expect(run?.status).toBe('failed');
      const notices = await t.ctx.db.execute<{ email: string; channel: string }>(sql`
        SELECT u.email, d.channel FROM notification_deliveries d JOIN users u ON u.id = d.user_id
        WHERE d.event = 'backup_failed' ORDER BY d.channel`);
      expect(notices.rows).toEqual([
        { email: 'admin@nusantara.test', channel: 'email' },
        { email: 'admin@nusantara.test', channel: 'in_app' },
      ]);
      const admin = await t.actingAs('administrator');
      const inbox = (await admin.get('/api/v1/notifications')).body.items as { title: string; link: string }[];
      expect(inbox[0]).toMatchObject({ title: 'Pencadangan Grup Nusantara gagal', link: '/admin/backups' });
      expect((await runs()).filter((r) => r.status === 'succeeded').length).toBeGreaterThan(0);
    } finally {
      await broken.close();
    }
  });
});
