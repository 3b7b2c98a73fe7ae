import type { ApprovalRoute, ChangeStatus } from '@ish/shared';
import { sql } from 'drizzle-orm';
import {
  changeAttachments,
  changeLinks,
  changes,
  changeTasks,
  createFreeze,
  createMeeting,
  createTemplate,
  createWindow,
} from '../../src/modules/changes/index.ts';
import type { AppContext } from '../../src/platform/context.ts';
import { postgresFileStore } from '../../src/platform/files/file-store.ts';
import { PNG, unique } from '../access-matrix.ts';
import type { Factories, Place } from '../factories.ts';

const SOURCE = { actorId: null, actorEmail: 'factory', ip: null };

/**
 * Records of change management (changes in a given state, their tasks, links and files, templates,
 * freezes, maintenance windows, CAB meetings), placed where the test says.
 */
export function changeFactories(ctx: AppContext, f: Factories) {
  const db = ctx.db;
  const admin = async () => f.actor(await f.userId('admin@nusantara.test'));
  const one = async <T>(rows: Promise<T[]>, what: string): Promise<T> => {
    const [row] = await rows;
    if (!row) throw new Error(`factory: no ${what}`);
    return row;
  };

  const c = {
    /** A Change Requester of a place. */
    async requester(place: Place) {
      return f.user(place, { roles: [['change_requester', 'unit']] });
    },
    /** An active business service (any: services are shared by the organisation). */
    async serviceId(): Promise<number> {
      const { rows } = await db.execute<{ id: number }>(sql`SELECT id FROM business_services WHERE active ORDER BY id LIMIT 1`);
      if (!rows[0]) throw new Error('factory: no business service');
      return Number(rows[0].id);
    },
    /**
     * A complete normal change of `place` (plans, a service, a window a year ahead, one task) in `status`,
     * requested by `requesterId` (default: a new Change Requester there); waiting for approval it goes to
     * `route` (default the CAB).
     */
    async change(
      place: Place,
      o: { status?: ChangeStatus; route?: ApprovalRoute; requesterId?: number; implementerId?: number | null } = {},
    ) {
      const requesterId = o.requesterId ?? (await c.requester(place)).id;
      const status = o.status ?? 'draft';
      const start = new Date(Date.UTC(2032, 0, 5, 2) + Math.floor(Math.random() * 5000) * 86_400_000);
      const waited = !['draft', 'submitted', 'under_review'].includes(status);
      const change = await one(
        db
          .insert(changes)
          .values({
            number: unique('CHG-UJI'),
            type: 'normal',
            title: 'Pembaruan sertifikat TLS gateway',
            reason: 'Sertifikat lama segera kedaluwarsa.',
            impact: 'Gateway dimuat ulang, tanpa henti layanan.',
            implementationPlan: 'Pasang sertifikat baru lalu muat ulang.',
            testPlan: 'Periksa rantai sertifikat.',
            rollbackPlan: 'Pasang kembali sertifikat lama.',
            companyId: place.companyId,
            unitId: place.unitId,
            unitPath: place.unitPath,
            requesterId,
            implementerId: o.implementerId ?? null,
            plannedStart: start,
            plannedEnd: new Date(start.getTime() + 2 * 3600_000),
            timeZone: 'Asia/Jakarta',
            riskLevel: o.route === 'manager' ? 'low' : 'medium',
            status,
            approvalRoute: waited ? (o.route ?? 'cab') : null,
            approvalRound: waited ? 1 : 0,
            startedAt: ['in_progress', 'completed', 'failed'].includes(status) ? start : null,
            finishedAt: ['completed', 'failed'].includes(status) ? new Date(start.getTime() + 3600_000) : null,
            outcome: status === 'completed' ? 'successful' : status === 'failed' ? 'failed' : null,
            createdBy: requesterId,
          })
          .returning(),
        'change',
      );
      await db.execute(sql`INSERT INTO change_services (change_id, service_id) VALUES (${change.id}, ${await c.serviceId()})`);
      const task = await one(
        db.insert(changeTasks).values({ changeId: change.id, position: 0, text: 'Pasang sertifikat baru' }).returning(),
        'task',
      );
      return { ...change, taskId: task.id };
    },
    /** A file attached to a change. */
    async attachment(changeId: number, uploadedBy: number) {
      const fileId = await postgresFileStore.put(db, {
        purpose: 'change_attachment',
        contentType: 'image/png',
        data: PNG,
        createdBy: uploadedBy,
      });
      return one(
        db
          .insert(changeAttachments)
          .values({ changeId, fileId, displayName: 'rencana.png', contentType: 'image/png', size: PNG.length, uploadedBy })
          .returning(),
        'change attachment',
      );
    },
    /** A ticket linked to a change as what triggered it. */
    async link(changeId: number, ticketId: number, createdBy: number) {
      return one(db.insert(changeLinks).values({ changeId, ticketId, kind: 'trigger', createdBy }).returning(), 'change link');
    },
    /** A template of a standard change. */
    async template() {
      return createTemplate(
        ctx,
        await admin(),
        {
          name: unique('Templat'),
          description: '',
          category: 'Jaringan',
          reason: 'Perubahan rutin.',
          impact: 'Tidak ada.',
          implementationPlan: 'Ikuti prosedur.',
          testPlan: 'Uji koneksi.',
          rollbackPlan: 'Kembalikan konfigurasi.',
          tasks: [],
          serviceIds: [],
          teamId: null,
          durationMinutes: 60,
          active: true,
        },
        SOURCE,
      );
    },
    /** A freeze window of a company, a year ahead. */
    async freeze(companyId: number) {
      return createFreeze(
        ctx,
        await admin(),
        { name: unique('Libur'), reason: 'Tutup buku', companyId, startsAt: '2033-12-20T00:00:00Z', endsAt: '2034-01-02T00:00:00Z' },
        SOURCE,
      );
    },
    /** A weekly maintenance window of a service. */
    async maintenanceWindow() {
      return createWindow(
        ctx,
        await admin(),
        { serviceId: await c.serviceId(), weekday: 7, startTime: '01:00', durationMinutes: 120, timeZone: 'Asia/Jakarta' },
        SOURCE,
      );
    },
    /** A CAB meeting of a company with these changes on its agenda, scheduled by the Administrator. */
    async meeting(companyId: number, changeIds: number[] = []) {
      return createMeeting(ctx, await admin(), {
        title: unique('Rapat CAB'),
        startsAt: '2033-03-01T03:00:00Z',
        endsAt: '2033-03-01T04:00:00Z',
        location: 'Ruang Rapat 2',
        companyId,
        changeIds,
      });
    },
  };
  return c;
}
