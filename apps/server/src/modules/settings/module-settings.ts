import { eq, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { versionConflict } from '../../platform/http/errors.ts';
import { settings } from './settings.tables.ts';

/** Saves a module's settings document with optimistic concurrency (version 0 = never saved) and audits it. */
export async function writeModuleSetting(
  ctx: AppContext,
  userId: number,
  source: AuditSource,
  key: string,
  value: object,
  version: number,
) {
  await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(settings).where(eq(settings.key, key)).for('update');
    if ((current?.version ?? 0) !== version) throw versionConflict();
    if (current)
      await tx
        .update(settings)
        .set({ value, version: sql`${settings.version} + 1`, updatedBy: userId, updatedAt: ctx.clock.now() })
        .where(eq(settings.key, key));
    else await tx.insert(settings).values({ key, value, updatedBy: userId });
    await recordAudit(tx, source, {
      action: `settings.${key}_updated`,
      targetType: 'settings',
      targetId: key,
      before: current?.value ?? null,
      after: value,
    });
  });
}
