import { LOCALES, type Locale } from '@ish/shared';
import { and, count, eq, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, assertCan } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, versionConflict } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { isValidPattern } from '../../platform/numbering/numbering.ts';
import { findActiveUser } from '../identity/index.ts';
import { findTeam } from '../org/index.ts';
import { readModuleSetting, writeModuleSetting } from '../settings/index.ts';
import {
  ALLOWABLE_ATTACHMENT_TYPES,
  type CategoryInput,
  type PriorityMatrixInput,
  type ServiceDeskSettingsInput,
  type StatusLabelInput,
} from './reference.schemas.ts';
import { SERVICE_DESK_DEFAULTS, type ServiceDeskSettings, serviceDeskSettings } from './tickets.config.ts';
import { LEVELS, priorityMatrix, TICKET_STATUSES, ticketCategories, ticketStatusLabels } from './tickets.tables.ts';

/** Who may change reference data; everyone signed in may read most of it. */
const MANAGE = 'settings:manage';

const fieldError = (status: number, code: string, path: string, params = {}) =>
  new AppError(status, code, params, [{ path, message: code }]);

// ── Category tree ──────────────────────────────────────────────────────────

type CategoryRow = typeof ticketCategories.$inferSelect;

/** Deep enough for any real catalogue; also stops a walk should a cycle ever slip in. */
const MAX_DEPTH = 32;

/** Orders categories depth-first: by the path of (sort, id) keys from the root down to each one. */
export const categoryTreeOrder = sql`(
  WITH RECURSIVE up(parent_id, path, depth) AS (
    SELECT ${ticketCategories.parentId}, lpad(${ticketCategories.sort}::text, 5, '0') || lpad(${ticketCategories.id}::text, 19, '0'), 0
    UNION ALL
    SELECT p.parent_id, lpad(p.sort::text, 5, '0') || lpad(p.id::text, 19, '0') || '/' || up.path, up.depth + 1
    FROM ticket_categories p JOIN up ON p.id = up.parent_id
    WHERE up.depth < ${MAX_DEPTH})
  SELECT path FROM up ORDER BY depth DESC LIMIT 1)`;

/**
 * Checks where a category goes before it is written: the parent exists, is not
 * the category itself or one of its descendants, and is active whenever the
 * category is (so a form showing active categories never shows an orphan).
 */
export async function placeCategory(tx: Tx, input: CategoryInput, current: CategoryRow | null): Promise<CategoryInput> {
  const parentId = input.parentId !== undefined ? input.parentId : (current?.parentId ?? null);
  const movesOrWakes = input.parentId !== undefined || (input.active === true && current?.active === false);
  if (parentId === null || !movesOrWakes) return input;

  const [parent] = await tx.select().from(ticketCategories).where(eq(ticketCategories.id, parentId));
  const active = input.active ?? current?.active ?? true;
  if (!parent || (active && !parent.active)) throw fieldError(400, 'UNKNOWN_REFERENCE', 'parentId', { field: 'parentId' });
  if (current && parentId !== current.parentId) {
    // Moves queue up so that two crossing moves (A under B, B under A) cannot both pass the check.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('ticket_categories.move'))`);
    const { rows } = await tx.execute(sql`
      WITH RECURSIVE up(id, parent_id, depth) AS (
        SELECT id, parent_id, 0 FROM ticket_categories WHERE id = ${parentId}
        UNION ALL
        SELECT c.id, c.parent_id, up.depth + 1 FROM ticket_categories c JOIN up ON c.id = up.parent_id WHERE up.depth < ${MAX_DEPTH})
      SELECT 1 FROM up WHERE id = ${current.id}`);
    if (rows.length) throw fieldError(409, 'CATEGORY_CYCLE', 'parentId');
  }
  return input;
}

/** A category with active sub-categories stays active: deactivate the leaves first. */
export async function assertNoActiveChildren(tx: Tx, row: CategoryRow): Promise<void> {
  const [children] = await tx
    .select({ n: count() })
    .from(ticketCategories)
    .where(and(eq(ticketCategories.parentId, row.id), eq(ticketCategories.active, true)));
  if ((children?.n ?? 0) > 0) throw new AppError(409, 'CATEGORY_IN_USE');
}

/** Adds the name in the reader's language and the depth in the tree. */
export async function presentCategories(tx: Tx, rows: CategoryRow[], locale: Locale) {
  // The whole table is small master data: one read gives every parent link.
  const parents = new Map(
    (await tx.select({ id: ticketCategories.id, parentId: ticketCategories.parentId }).from(ticketCategories)).map((r) => [
      r.id,
      r.parentId,
    ]),
  );
  const depthOf = (row: CategoryRow) => {
    let depth = 0;
    for (let up = row.parentId; up != null && depth < MAX_DEPTH; up = parents.get(up) ?? null) depth++;
    return depth;
  };
  return rows.map((r) => ({ ...r, name: locale === 'en' ? r.nameEn : r.nameId, depth: depthOf(r) }));
}

// ── Documents edited as a whole: their shared version ─────────────────────

type Document = 'priority_matrix' | 'status_labels';

async function readVersion(tx: Tx, name: Document): Promise<number> {
  const { rows } = await tx.execute<{ version: number }>(sql`SELECT version FROM ticket_reference_versions WHERE name = ${name}`);
  return Number(rows[0]?.version ?? 1);
}

/** Takes the document's lock for this transaction and bumps its version; refuses a write based on an older read. */
async function bumpVersion(tx: Tx, name: Document, basedOn: number | undefined): Promise<void> {
  const { rows } = await tx.execute<{ version: number }>(
    sql`UPDATE ticket_reference_versions SET version = version + 1 WHERE name = ${name} RETURNING version`,
  );
  if (basedOn !== undefined && Number(rows[0]?.version) !== basedOn + 1) throw versionConflict();
}

// ── Priority matrix ────────────────────────────────────────────────────────

/** The nine urgency × impact cells, high before low; every signed-in user (forms preview the priority). */
export async function getPriorityMatrix(tx: Tx) {
  const rows = await tx.select().from(priorityMatrix);
  const rank = (level: string) => LEVELS.indexOf(level as (typeof LEVELS)[number]);
  const cells = rows.sort((a, b) => rank(a.urgency) - rank(b.urgency) || rank(a.impact) - rank(b.impact));
  return { version: await readVersion(tx, 'priority_matrix'), cells };
}

/** Replaces all nine cells at once; tickets created afterwards get the new priorities (existing ones keep theirs). */
export async function replacePriorityMatrix(ctx: AppContext, actor: Actor, input: PriorityMatrixInput, source: AuditSource) {
  assertCan(actor, MANAGE);
  if (new Set(input.cells.map((c) => `${c.urgency}/${c.impact}`)).size !== LEVELS.length ** 2)
    throw fieldError(400, 'PRIORITY_MATRIX_INCOMPLETE', 'cells');
  return ctx.db.transaction(async (tx) => {
    await bumpVersion(tx, 'priority_matrix', input.version);
    const before = await tx.select().from(priorityMatrix);
    await tx.delete(priorityMatrix);
    await tx.insert(priorityMatrix).values(input.cells);
    await recordAudit(tx, source, {
      action: 'tickets.priority_matrix_updated',
      targetType: 'priority_matrix',
      before,
      after: input.cells,
    });
    return getPriorityMatrix(tx);
  });
}

// ── Status labels ──────────────────────────────────────────────────────────

/** Every status in every language: the Administrator's label where there is one, else the built-in name. */
export async function listStatusLabels(tx: Tx) {
  const custom = new Map((await tx.select().from(ticketStatusLabels)).map((r) => [`${r.status}/${r.locale}`, r.label]));
  const items = TICKET_STATUSES.flatMap((status) =>
    LOCALES.map((locale) => {
      const defaultLabel = t(locale, `tickets.status.${status}`);
      const own = custom.get(`${status}/${locale}`);
      return { status, locale, label: own ?? defaultLabel, defaultLabel, custom: own !== undefined };
    }),
  );
  return { version: await readVersion(tx, 'status_labels'), items };
}

/** Renames statuses per language (only those listed); an empty label goes back to the built-in name. */
export async function saveStatusLabels(ctx: AppContext, actor: Actor, input: StatusLabelInput, source: AuditSource) {
  assertCan(actor, MANAGE);
  if (new Set(input.labels.map((l) => `${l.status}/${l.locale}`)).size !== input.labels.length)
    throw fieldError(400, 'STATUS_LABEL_TWICE', 'labels');
  return ctx.db.transaction(async (tx) => {
    await bumpVersion(tx, 'status_labels', input.version);
    const before = await tx.select().from(ticketStatusLabels);
    for (const { status, locale, label } of input.labels) {
      const key = and(eq(ticketStatusLabels.status, status), eq(ticketStatusLabels.locale, locale));
      if (!label) await tx.delete(ticketStatusLabels).where(key);
      else
        await tx
          .insert(ticketStatusLabels)
          .values({ status, locale, label })
          .onConflictDoUpdate({ target: [ticketStatusLabels.status, ticketStatusLabels.locale], set: { label } });
    }
    await recordAudit(tx, source, {
      action: 'tickets.status_labels_updated',
      targetType: 'status_labels',
      before,
      after: await tx.select().from(ticketStatusLabels),
    });
    return listStatusLabels(tx);
  });
}

// ── Service-desk settings ──────────────────────────────────────────────────

async function readServiceDeskSettings(tx: Tx) {
  const { value, version } = await readModuleSetting<ServiceDeskSettings>(tx, 'service_desk', SERVICE_DESK_DEFAULTS);
  return { ...value, version, allowableTypes: [...ALLOWABLE_ATTACHMENT_TYPES] };
}

/** Numbering, escalation targets and attachment policy (Administrators only: it names people). */
export async function getServiceDeskSettings(tx: Tx, actor: Actor) {
  assertCan(actor, MANAGE);
  return readServiceDeskSettings(tx);
}

/** Saves the settings after checking the number pattern and that the named people can act. */
export async function saveServiceDeskSettings(ctx: AppContext, actor: Actor, input: ServiceDeskSettingsInput, source: AuditSource) {
  assertCan(actor, MANAGE);
  const { version, ...changes } = input;
  if (!isValidPattern(changes.ticketNumberPattern)) throw fieldError(400, 'NUMBER_PATTERN_INVALID', 'ticketNumberPattern');
  if (changes.requestNumberPattern !== undefined && !isValidPattern(changes.requestNumberPattern))
    throw fieldError(400, 'NUMBER_PATTERN_INVALID', 'requestNumberPattern');
  for (const [i, { companyId, teamId }] of (changes.helpdeskTeams ?? []).entries()) {
    const team = await findTeam(ctx.db, teamId);
    if (!team || team.companyId !== companyId) throw fieldError(400, 'UNKNOWN_REFERENCE', `helpdeskTeams.${i}.teamId`, { field: 'teamId' });
  }
  for (const field of ['headOfItUserId', 'directorUserId'] as const) {
    const userId = changes[field];
    if (userId !== null && !(await findActiveUser(ctx.db, userId))) throw fieldError(400, 'UNKNOWN_REFERENCE', field, { field });
  }
  const current = await serviceDeskSettings(ctx.db);
  const value: ServiceDeskSettings = {
    ...changes,
    attachmentTypes: [...new Set(changes.attachmentTypes)],
    autoCloseBusinessDays: changes.autoCloseBusinessDays ?? current.autoCloseBusinessDays,
    pendingReminderDays: changes.pendingReminderDays ?? current.pendingReminderDays,
    requestNumberPattern: changes.requestNumberPattern ?? current.requestNumberPattern,
    // One team per company: the last one named wins.
    helpdeskTeams: changes.helpdeskTeams
      ? [...new Map(changes.helpdeskTeams.map((h) => [h.companyId, h])).values()]
      : current.helpdeskTeams,
    urgentPositions: changes.urgentPositions ? [...new Set(changes.urgentPositions)] : current.urgentPositions,
  };
  await writeModuleSetting(ctx, actor.userId, source, 'service_desk', value, version);
  return readServiceDeskSettings(ctx.db);
}
