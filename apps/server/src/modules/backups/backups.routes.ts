import { createReadStream } from 'node:fs';
import type { AppContext } from '../../platform/context.ts';
import { access } from '../../platform/http/access.ts';
import { type App, actorOf } from '../../platform/http/app.ts';
import { notFound } from '../../platform/http/errors.ts';
import { idParams } from '../../platform/http/schemas.ts';
import { readSetting } from '../settings/index.ts';
import { presentBackup } from './backups.presenter.ts';
import { backupList, backupOut } from './backups.schemas.ts';
import { BACKUP_RUN, findArchive, getBackup, listBackups, startBackup } from './backups.service.ts';

const tags = ['backups'];
/** Backups hold every company's data: the organisation's Administrators only. */
const manage = access.organisation('settings:manage');

/** The Administrator's view of backups: the last runs, one now, and downloads. */
export function backupRoutes(app: App, ctx: AppContext) {
  app.get('/backups', {
    config: { access: manage },
    schema: {
      tags,
      summary: 'The last backup runs (time, size, duration, result) and the schedule (Administrators)',
      response: {
        200: backupList,
      },
    },
    handler: async () => {
      const [rows, regional] = await Promise.all([listBackups(ctx.db), readSetting(ctx.db, 'regional')]);
      return {
        items: rows.map(presentBackup),
        schedule: { time: ctx.env.BACKUP_TIME, timeZone: regional.value.defaultTimeZone, retentionDays: ctx.env.BACKUP_RETENTION_DAYS },
      };
    },
  });

  app.post('/backups', {
    config: { access: manage },
    schema: { tags, summary: 'Back up now (runs in the background; follow it in the list)', response: { 202: backupOut } },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      const id = (await startBackup(ctx.db, 'manual', ctx.clock.now(), { startedBy: actor.userId })) as number;
      await ctx.jobs.send(BACKUP_RUN, { id });
      const row = await getBackup(ctx.db, id);
      if (!row) throw notFound();
      return reply.status(202).send(presentBackup(row));
    },
  });

  app.get('/backups/:id/download', {
    config: { access: manage },
    schema: { tags, summary: 'Download a kept backup archive (.tar.gz; its SHA-256 is in the list)', params: idParams },
    handler: async (req, reply) => {
      const archive = await findArchive(ctx, req.params.id);
      if (!archive) throw notFound();
      return reply
        .header('content-type', 'application/gzip')
        .header('content-length', String(archive.size))
        .header('content-disposition', `attachment; filename="${archive.fileName}"`)
        .header('cache-control', 'no-store')
        .send(createReadStream(archive.path));
    },
  });
}
