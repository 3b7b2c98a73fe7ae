import { asc, eq, inArray, sql } from 'drizzle-orm';
import { type AuditSource, recordAudit } from '../../platform/audit/audit.ts';
import { type Actor, scopesFor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { postgresFileStore } from '../../platform/files/file-store.ts';
import { reencodeImage } from '../../platform/files/images.ts';
import { IMAGE_TYPES, sniffType } from '../../platform/files/sniff.ts';
import type { Upload } from '../../platform/files/upload.ts';
import { notFound, versionConflict } from '../../platform/http/errors.ts';
import { companies } from '../org/index.ts';
import type { CompanyBrandingInput } from './settings.schemas.ts';
import { companyBranding } from './settings.tables.ts';

type Row = typeof companyBranding.$inferSelect;

export const companyLogoUrl = (companyId: number, fileId: number | null) =>
  fileId ? `/api/v1/settings/company-branding/${companyId}/logo?v=${fileId}` : null;

/** A company's own identity over the organisation's, or null when it has none. */
export async function readCompanyBranding(tx: Tx, companyId: number): Promise<Row | null> {
  const [row] = await tx.select().from(companyBranding).where(eq(companyBranding.companyId, companyId));
  return row ?? null;
}

/** The companies whose identity the actor manages: every one for the organisation's Administrators, else their own. */
function managedCompanies(actor: Actor): 'all' | number[] {
  const scopes = scopesFor(actor, 'settings:manage');
  if (scopes.some((s) => s.kind === 'organisation')) return 'all';
  return scopes.flatMap((s) => (s.kind === 'company' ? [s.companyId] : []));
}

const mayManage = (actor: Actor, companyId: number) => {
  const managed = managedCompanies(actor);
  return managed === 'all' || managed.includes(companyId);
};

const present = (company: { id: number; name: string }, row: Row | null) => ({
  companyId: company.id,
  companyName: company.name,
  name: row?.name ?? null,
  primaryColor: row?.primaryColor ?? null,
  logoUrl: companyLogoUrl(company.id, row?.logoFileId ?? null),
  version: row?.version ?? 0,
});

/** Each company the actor manages with its own identity (nulls: the organisation's). */
export async function listCompanyBranding(tx: Tx, actor: Actor) {
  const managed = managedCompanies(actor);
  const rows = await tx
    .select({ company: { id: companies.id, name: companies.name }, branding: companyBranding })
    .from(companies)
    .leftJoin(companyBranding, eq(companyBranding.companyId, companies.id))
    .where(managed === 'all' ? undefined : inArray(companies.id, managed.length ? managed : [0]))
    .orderBy(asc(companies.name));
  return { items: rows.map((r) => present(r.company, r.branding)) };
}

/** The company, when the actor manages it; another company answers 404 whether or not it exists. */
async function managedCompany(tx: Tx, actor: Actor, companyId: number) {
  const [company] = mayManage(actor, companyId)
    ? await tx.select({ id: companies.id, name: companies.name }).from(companies).where(eq(companies.id, companyId))
    : [];
  if (!company) throw notFound();
  return company;
}

/** Saves a company's identity with optimistic concurrency (version 0 = never saved) and audits it. */
async function saveCompanyBranding(
  ctx: AppContext,
  actor: Actor,
  companyId: number,
  version: number,
  source: AuditSource,
  change: (current: Row | null) => Partial<Pick<Row, 'name' | 'primaryColor' | 'logoFileId'>>,
) {
  return ctx.db.transaction(async (tx) => {
    const company = await managedCompany(tx, actor, companyId);
    const [current] = await tx.select().from(companyBranding).where(eq(companyBranding.companyId, companyId)).for('update');
    if ((current?.version ?? 0) !== version) throw versionConflict();
    const values = change(current ?? null);
    const stamp = { updatedBy: actor.userId, updatedAt: ctx.clock.now() };
    const [row] = await tx
      .insert(companyBranding)
      .values({ companyId, ...values, version: 1, ...stamp })
      .onConflictDoUpdate({ target: companyBranding.companyId, set: { ...values, version: sql`${companyBranding.version} + 1`, ...stamp } })
      .returning();
    if (!row) throw notFound();
    await recordAudit(tx, source, {
      action: 'settings.company_branding_updated',
      targetType: 'company',
      targetId: companyId,
      before: current ?? null,
      after: row,
    });
    return present(company, row);
  });
}

export const updateCompanyBranding = (ctx: AppContext, actor: Actor, companyId: number, input: CompanyBrandingInput, source: AuditSource) =>
  saveCompanyBranding(ctx, actor, companyId, input.version, source, () => ({ name: input.name, primaryColor: input.primaryColor }));

/** Stores a sniffed image as the company's logo, resized to fit 512×512 as PNG. */
export async function setCompanyLogo(ctx: AppContext, actor: Actor, companyId: number, upload: Upload, source: AuditSource) {
  await managedCompany(ctx.db, actor, companyId);
  await sniffType(upload.data, IMAGE_TYPES);
  const png = await reencodeImage(upload.data, (image) => image.resize(512, 512, { fit: 'inside', withoutEnlargement: true }).png());
  const version = (await readCompanyBranding(ctx.db, companyId))?.version ?? 0;
  const logoFileId = await postgresFileStore.put(ctx.db, { purpose: 'logo', contentType: 'image/png', data: png, createdBy: actor.userId });
  return saveCompanyBranding(ctx, actor, companyId, version, source, () => ({ logoFileId }));
}

export async function removeCompanyLogo(ctx: AppContext, actor: Actor, companyId: number, source: AuditSource) {
  const version = (await readCompanyBranding(ctx.db, companyId))?.version ?? 0;
  await saveCompanyBranding(ctx, actor, companyId, version, source, () => ({ logoFileId: null }));
}

export async function readCompanyLogo(tx: Tx, companyId: number) {
  const fileId = (await readCompanyBranding(tx, companyId))?.logoFileId;
  const file = fileId ? await postgresFileStore.get(tx, fileId) : null;
  if (!file) throw notFound();
  return file;
}
