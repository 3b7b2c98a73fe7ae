import { eq, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { lockVersioned, saveVersioned } from '../../platform/db/versioned.ts';
import { postgresFileStore } from '../../platform/files/file-store.ts';
import { reencodeImage } from '../../platform/files/images.ts';
import { IMAGE_TYPES, sniffType } from '../../platform/files/sniff.ts';
import type { Upload } from '../../platform/files/upload.ts';
import { notFound } from '../../platform/http/errors.ts';
import { findUnitPlacement } from '../org/index.ts';
import type { ProfileInput } from './identity.schemas.ts';
import { users } from './identity.tables.ts';
import { canSeePerson } from './users.policy.ts';

type User = typeof users.$inferSelect;
const profileOf = (u: User) => ({ name: u.name, phone: u.phone, locale: u.locale, timeZone: u.timeZone });

/** Changes my name, phone, language or time zone. */
export async function updateProfile(ctx: AppContext, actor: Actor, input: ProfileInput, source: AuditSource) {
  const { version, ...changes } = input;
  await ctx.db.transaction(async (tx) => {
    const before = await lockVersioned(tx, users, actor.userId, version);
    await saveVersioned(
      tx,
      users,
      before,
      changes,
      { source, action: 'profile.updated', targetType: 'user', shape: profileOf },
      ctx.clock.now(),
    );
  });
}

/** Stores a sniffed image as my photo, 256×256 WebP. */
export async function setPhoto(ctx: AppContext, actor: Actor, upload: Upload, source: AuditSource) {
  await sniffType(upload.data, IMAGE_TYPES);
  const webp = await reencodeImage(upload.data, (image) => image.rotate().resize(256, 256, { fit: 'cover' }).webp({ quality: 82 }));
  await ctx.db.transaction(async (tx) => {
    const previous = await lockPhoto(tx, actor.userId);
    const fileId = await postgresFileStore.put(tx, { purpose: 'photo', contentType: 'image/webp', data: webp, createdBy: actor.userId });
    await tx
      .update(users)
      .set({ photoFileId: fileId, version: sql`${users.version} + 1`, updatedAt: ctx.clock.now() })
      .where(eq(users.id, actor.userId));
    // A replaced photo is personal data nobody sees any more: it goes.
    if (previous) await postgresFileStore.remove(tx, [previous]);
    await recordAudit(tx, source, { action: 'profile.photo_changed', targetType: 'user', targetId: actor.userId });
  });
}

export async function removePhoto(ctx: AppContext, actor: Actor) {
  await ctx.db.transaction(async (tx) => {
    const previous = await lockPhoto(tx, actor.userId);
    await tx
      .update(users)
      .set({ photoFileId: null, version: sql`${users.version} + 1`, updatedAt: ctx.clock.now() })
      .where(eq(users.id, actor.userId));
    if (previous) await postgresFileStore.remove(tx, [previous]);
  });
}

/** The person's current photo file, under a row lock (it is replaced or removed next). */
async function lockPhoto(tx: Tx, userId: number): Promise<number | null> {
  const [row] = await tx.select({ photoFileId: users.photoFileId }).from(users).where(eq(users.id, userId)).for('update');
  return row?.photoFileId ?? null;
}

/** A person's photo, for those who may see the person (users.policy `canSeePerson`); 404 otherwise or without one. */
export async function readPhoto(tx: Tx, actor: Actor, userId: number) {
  const [user] = await tx.select({ photoFileId: users.photoFileId, unitId: users.unitId }).from(users).where(eq(users.id, userId));
  const at = user ? await findUnitPlacement(tx, user.unitId) : null;
  if (!user || !at || !canSeePerson(actor, at)) throw notFound();
  const file = user.photoFileId ? await postgresFileStore.get(tx, user.photoFileId) : null;
  if (!file) throw notFound();
  return file;
}
