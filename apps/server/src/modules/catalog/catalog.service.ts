import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { lockVersioned } from '../../platform/db/versioned.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../platform/http/errors.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { companyTimeZone, findTeam, findUnitPlacement, soleRoot, unitsWith } from '../org/index.ts';
import {
  type ItemAction,
  type ItemFacts,
  type ItemRoles,
  type ItemState,
  itemActions,
  refusal,
  transitionOf,
} from './catalog.lifecycle.ts';
import { canProvide, canReview, inAudience } from './catalog.policy.ts';
import type { createItemBody, ItemOut, listQuery } from './catalog.schemas.ts';
import { catalogItems, catalogItemVersions } from './catalog.tables.ts';

type Item = typeof catalogItems.$inferSelect;
type Version = typeof catalogItemVersions.$inferSelect;
type Content = Omit<z.infer<typeof createItemBody>, 'providerUnitId' | 'teamId'>;

async function placement(tx: Tx, unitId: number) {
  const p = await findUnitPlacement(tx, unitId);
  if (!p) throw new AppError(400, 'UNKNOWN_REFERENCE', { field: 'providerUnitId' });
  return p;
}

async function unitPaths(tx: Tx, unitIds: number[] = []) {
  if (!unitIds.length) return [];
  const { rows } = await tx.execute<{ path: string }>(sql`SELECT path FROM units WHERE id IN ${unitIds}`);
  return rows.map((r) => r.path);
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function presentVersion(v: Version, locale: Actor['locale']) {
  return {
    ...v,
    name: locale === 'en' ? v.nameEn : v.nameId,
    description: locale === 'en' ? v.descriptionEn : v.descriptionId,
    categoryName: locale === 'en' ? v.categoryEn || v.category : v.category,
    form: v.form as Record<string, unknown>[],
    submittedAt: iso(v.submittedAt),
    decidedAt: iso(v.decidedAt),
  };
}

function stateOf(item: Item, working: Version | undefined): ItemState {
  if (item.retired) return 'retired';
  if (working?.state === 'pending_approval') return 'pending_approval';
  return item.publishedVersionId ? 'published' : 'draft';
}

/** What the lifecycle's guards read of an item. */
const factsOf = (item: Item, working: Version | undefined): ItemFacts => ({
  state: stateOf(item, working),
  hasDraft: working?.state === 'draft' || working?.state === 'rejected',
  wasPublished: item.publishedVersionId !== null,
});

/** What the actor is to an item: one of its providers, a Catalog Manager. */
async function rolesOf(tx: Tx, actor: Actor, item: Item): Promise<ItemRoles> {
  return { provides: canProvide(actor, await placement(tx, item.providerUnitId)), reviews: canReview(actor) };
}

/**
 * Refuses a step the lifecycle does not allow this actor now: 404 when the
 * item is invisible to them, 403 when they never take this step, 409 when
 * they do but not in this state; then checks the version they based it on.
 */
async function assertStep(tx: Tx, actor: Actor, item: Item, working: Version | undefined, action: ItemAction, version: number) {
  if (!(await presentItem(tx, actor, item))) throw notFound();
  const why = refusal(action, factsOf(item, working), await rolesOf(tx, actor, item));
  if (why === 'forbidden') throw forbidden();
  if (why === 'not_now')
    throw action === 'edit' && item.retired
      ? new AppError(409, 'CATALOG_ITEM_RETIRED')
      : action === 'edit'
        ? new AppError(409, 'CATALOG_ITEM_IN_REVIEW')
        : new AppError(409, 'CATALOG_TRANSITION_NOT_ALLOWED');
  if (item.version !== version) throw versionConflict();
}

/** What the caller sees of an item, or null when they may not see it at all. */
async function presentItem(tx: Tx, actor: Actor, item: Item): Promise<ItemOut | null> {
  const provider = await placement(tx, item.providerUnitId);
  const provides = canProvide(actor, provider);
  const reviews = canReview(actor);
  const versions = await tx
    .select()
    .from(catalogItemVersions)
    .where(eq(catalogItemVersions.itemId, item.id))
    .orderBy(desc(catalogItemVersions.number));
  const published = versions.find((v) => v.id === item.publishedVersionId);
  const working = versions.find((v) => v.id === item.workingVersionId);
  const orderable =
    !item.retired && published && inAudience(actor, { ...published.audience, unitPaths: await unitPaths(tx, published.audience.unitIds) });
  if (!provides && !reviews && !orderable) return null;
  const insider = provides || reviews;
  const facts = factsOf(item, working);
  const actions: string[] = itemActions(facts, { provides, reviews });
  if (orderable) actions.push('order');
  const state = facts.state;
  const { rows } = await tx.execute<{ name: string }>(sql`SELECT name FROM units WHERE id = ${item.providerUnitId}`);
  return {
    id: item.id,
    code: item.code,
    state,
    provider: { unitId: item.providerUnitId, name: rows[0]?.name ?? '' },
    teamId: item.teamId,
    published: published ? presentVersion(published, actor.locale) : null,
    working: insider && working ? presentVersion(working, actor.locale) : null,
    history: insider
      ? versions.map((v) => ({
          id: v.id,
          number: v.number,
          state: v.state,
          rate: v.rate,
          decidedAt: iso(v.decidedAt),
          rejectionReason: v.rejectionReason,
        }))
      : [],
    allowedActions: actions,
    version: item.version,
  };
}

export async function getItem(tx: Tx, actor: Actor, id: number): Promise<ItemOut> {
  const [item] = await tx.select().from(catalogItems).where(eq(catalogItems.id, id));
  const shown = item ? await presentItem(tx, actor, item) : null;
  if (!shown) throw notFound();
  return shown;
}

export async function listItems(tx: Tx, actor: Actor, q: z.infer<typeof listQuery>) {
  const conditions = [];
  if (q.view === 'browse') conditions.push(eq(catalogItems.retired, false), sql`${catalogItems.publishedVersionId} IS NOT NULL`);
  if (q.view === 'review') {
    if (!canReview(actor)) throw forbidden();
    conditions.push(
      sql`EXISTS (SELECT 1 FROM catalog_item_versions v WHERE v.id = ${catalogItems.workingVersionId} AND v.state = 'pending_approval')`,
    );
  }
  const shownVersion =
    q.view === 'browse'
      ? sql`${catalogItems.publishedVersionId}`
      : sql`coalesce(${catalogItems.workingVersionId}, ${catalogItems.publishedVersionId})`;
  if (q.q)
    conditions.push(
      sql`EXISTS (SELECT 1 FROM catalog_item_versions v WHERE v.id = ${shownVersion} AND (v.name_id ILIKE ${`%${q.q}%`} OR v.name_en ILIKE ${`%${q.q}%`} OR v.description_id ILIKE ${`%${q.q}%`}))`,
    );
  if (q.category)
    conditions.push(
      sql`EXISTS (SELECT 1 FROM catalog_item_versions v WHERE v.id = ${shownVersion} AND ${q.category} IN (v.category, v.category_en))`,
    );
  const rows = await tx
    .select()
    .from(catalogItems)
    .where(and(...conditions))
    .orderBy(catalogItems.code);
  const visible: ItemOut[] = [];
  for (const item of rows) {
    const shown = await presentItem(tx, actor, item);
    if (!shown) continue;
    // A provider's own items include those waiting for review, which they can neither edit nor submit meanwhile.
    if (q.view === 'mine' && !canProvide(actor, await placement(tx, item.providerUnitId))) continue;
    if (q.view === 'browse' && !shown.allowedActions.includes('order')) continue;
    visible.push(shown);
  }
  const start = (q.page - 1) * q.pageSize;
  return { items: visible.slice(start, start + q.pageSize), total: visible.length, page: q.page, pageSize: q.pageSize };
}

async function checkTeam(tx: Tx, teamId: number | null | undefined) {
  if (teamId && !(await findTeam(tx, teamId))) throw new AppError(400, 'UNKNOWN_REFERENCE', { field: 'teamId' });
}

/** A Service Provider registers an item for their division: it starts as a draft. */
export async function createItem(
  ctx: AppContext,
  actor: Actor,
  input: z.infer<typeof createItemBody>,
  source: AuditSource,
): Promise<ItemOut> {
  return ctx.db.transaction(async (tx) => {
    if (!canProvide(actor, await placement(tx, input.providerUnitId))) throw forbidden();
    await checkTeam(tx, input.teamId);
    const { providerUnitId, teamId, ...content } = input;
    const provider = await placement(tx, input.providerUnitId);
    const code = await nextNumber(tx, 'catalog', 'SVC-{seq:4}', {
      at: ctx.clock.now(),
      timeZone: await companyTimeZone(tx, provider.companyId),
    });
    const [item] = await tx.insert(catalogItems).values({ code, providerUnitId, teamId, createdBy: actor.userId }).returning();
    if (!item) throw notFound();
    const [draft] = await tx
      .insert(catalogItemVersions)
      .values({ itemId: item.id, number: 1, state: 'draft', ...content, createdBy: actor.userId })
      .returning();
    const [saved] = await tx.update(catalogItems).set({ workingVersionId: draft?.id }).where(eq(catalogItems.id, item.id)).returning();
    await recordAudit(tx, source, {
      action: 'catalog.item_created',
      targetType: 'catalog_item',
      targetId: item.id,
      after: { code, ...content },
    });
    return getItem(tx, actor, (saved ?? item).id);
  });
}

/** Locks an item for a change, with its working version; the step's checks follow (`assertStep`). */
async function loadForChange(tx: Tx, id: number) {
  const item = await lockVersioned(tx, catalogItems, id);
  const [working] = item.workingVersionId
    ? await tx.select().from(catalogItemVersions).where(eq(catalogItemVersions.id, item.workingVersionId))
    : [];
  return { item, working };
}

const bump = (tx: Tx, item: Item, changes: Partial<Item>, now: Date) =>
  tx
    .update(catalogItems)
    .set({ ...changes, version: item.version + 1, updatedAt: now })
    .where(eq(catalogItems.id, item.id));

/**
 * Edits the draft; editing a published item starts a new version that goes
 * through approval again while the published one stays orderable.
 */
export async function updateItem(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: { version: number; teamId?: number | null } & Partial<Content>,
  source: AuditSource,
): Promise<ItemOut> {
  return ctx.db.transaction(async (tx) => {
    const { item, working } = await loadForChange(tx, id);
    await assertStep(tx, actor, item, working, 'edit', input.version);
    const { version: _v, teamId, ...content } = input;
    await checkTeam(tx, teamId);
    const now = ctx.clock.now();
    let workingId = working?.id;
    if (working) {
      await tx
        .update(catalogItemVersions)
        .set({ ...content, state: 'draft' })
        .where(eq(catalogItemVersions.id, working.id));
    } else {
      const [published] = await tx
        .select()
        .from(catalogItemVersions)
        .where(eq(catalogItemVersions.id, item.publishedVersionId ?? 0));
      if (!published) throw notFound();
      const {
        id: _id,
        number,
        state: _s,
        rejectionReason: _r,
        submittedAt: _sa,
        decidedBy: _db,
        decidedAt: _da,
        createdAt: _ca,
        ...copy
      } = published;
      const [draft] = await tx
        .insert(catalogItemVersions)
        .values({ ...copy, ...content, number: number + 1, state: 'draft', createdBy: actor.userId })
        .returning();
      workingId = draft?.id;
    }
    await bump(tx, item, { workingVersionId: workingId ?? null, ...(teamId !== undefined ? { teamId } : {}) }, now);
    await recordAudit(tx, source, {
      action: 'catalog.item_updated',
      targetType: 'catalog_item',
      targetId: id,
      before: working ?? null,
      after: content,
    });
    return getItem(tx, actor, id);
  });
}

/** submit → pending_approval; approve → published (the previous version is superseded); reject → back to draft with the reason; retire. */
export async function decideItem(
  ctx: AppContext,
  actor: Actor,
  id: number,
  action: 'submit' | 'approve' | 'reject' | 'retire',
  input: { version: number; reason?: string },
  source: AuditSource,
): Promise<ItemOut> {
  return ctx.db.transaction(async (tx) => {
    const { item, working } = await loadForChange(tx, id);
    await assertStep(tx, actor, item, working, action, input.version);
    if (transitionOf(action).requires?.includes('reason') && !input.reason?.trim())
      throw new AppError(400, 'REASON_REQUIRED', {}, [{ path: 'reason', message: 'REASON_REQUIRED' }]);
    const now = ctx.clock.now();
    if (action === 'submit' && working) {
      await tx
        .update(catalogItemVersions)
        .set({ state: 'pending_approval', submittedAt: now, rejectionReason: null })
        .where(eq(catalogItemVersions.id, working.id));
      await bump(tx, item, {}, now);
      await ctx.events.emit(tx, 'catalog.item_submitted', {
        itemId: id,
        versionId: working.id,
        itemVersion: item.version,
        actorId: actor.userId,
      });
    } else if (action === 'approve' && working) {
      if (item.publishedVersionId)
        await tx.update(catalogItemVersions).set({ state: 'superseded' }).where(eq(catalogItemVersions.id, item.publishedVersionId));
      await tx
        .update(catalogItemVersions)
        .set({ state: 'published', decidedBy: actor.userId, decidedAt: now })
        .where(eq(catalogItemVersions.id, working.id));
      await bump(tx, item, { publishedVersionId: working.id, workingVersionId: null }, now);
    } else if (action === 'reject' && working) {
      await tx
        .update(catalogItemVersions)
        .set({ state: 'draft', rejectionReason: input.reason, decidedBy: actor.userId, decidedAt: now })
        .where(eq(catalogItemVersions.id, working.id));
      await bump(tx, item, {}, now);
    } else if (action === 'retire') {
      await bump(tx, item, { retired: true }, now);
    }
    await recordAudit(tx, source, {
      action: `catalog.item_${action === 'submit' ? 'submitted' : action === 'approve' ? 'published' : action === 'reject' ? 'rejected' : 'retired'}`,
      targetType: 'catalog_item',
      targetId: id,
      after: input.reason ? { reason: input.reason } : undefined,
    });
    return getItem(tx, actor, id);
  });
}

/** The published version a requester may order now, or 404 when they may not see the item. */
export async function findOrderable(tx: Tx, actor: Actor, itemId: number) {
  const shown = await getItem(tx, actor, itemId);
  if (!shown.allowedActions.includes('order')) throw forbidden();
  const [item] = await tx.select().from(catalogItems).where(eq(catalogItems.id, itemId));
  const [version] = await tx
    .select()
    .from(catalogItemVersions)
    .where(eq(catalogItemVersions.id, item?.publishedVersionId ?? 0));
  if (!item || !version) throw notFound();
  return { item, version, name: shown.published?.name ?? version.nameId };
}

/** The divisions the actor may provide catalog items for (a unit grant covers its subtree). */
export async function listProviderDivisions(tx: Tx, actor: Actor) {
  const units = await unitsWith(tx, actor, ['catalog:provide']);
  return { items: units.map((u) => ({ id: u.id, name: u.name })), proposed: soleRoot(units) };
}

/** A version as a request keeps it (name in both languages, cost model, form, targets) with its item's team; null when unknown. */
export async function findItemVersion(tx: Tx, versionId: number) {
  const [row] = await tx
    .select({ version: catalogItemVersions, teamId: catalogItems.teamId })
    .from(catalogItemVersions)
    .innerJoin(catalogItems, eq(catalogItems.id, catalogItemVersions.itemId))
    .where(eq(catalogItemVersions.id, versionId));
  return row ? { ...row.version, teamId: row.teamId } : null;
}

/** What a notice about an item's version says: its code, names, and the providing unit's place (for who reviews it). */
export async function findItemFacts(tx: Tx, itemId: number, versionId: number) {
  const { rows } = await tx.execute<{ code: string; name_id: string; name_en: string; provider_unit_id: number; provider: string }>(sql`
    SELECT i.code, v.name_id, v.name_en, i.provider_unit_id, u.name AS provider
    FROM catalog_items i JOIN catalog_item_versions v ON v.id = ${versionId} AND v.item_id = i.id
    JOIN units u ON u.id = i.provider_unit_id WHERE i.id = ${itemId}`);
  const row = rows[0];
  if (!row) return null;
  const place = await findUnitPlacement(tx, Number(row.provider_unit_id));
  return { code: row.code, nameId: row.name_id, nameEn: row.name_en, provider: row.provider, place };
}
