import type { Role } from '@ish/shared';
import { amountOf } from '@ish/shared';
import { eq, sql } from 'drizzle-orm';
import { approvals, decideApproval } from '../src/modules/approvals/index.ts';
import { confirmPayment, invoices, issueInvoice, openDispute, resolveDispute } from '../src/modules/billing/index.ts';
import { catalogItems, catalogItemVersions } from '../src/modules/catalog/index.ts';
import { charges } from '../src/modules/charges/index.ts';
import { loadActor, passwordResets, roleGrants, users } from '../src/modules/identity/index.ts';
import { companies, teamMembers, teams, units } from '../src/modules/org/index.ts';
import { createRequest, serviceRequests } from '../src/modules/requests/index.ts';
import { savedViews, ticketAttachments, ticketLinks, tickets, ticketWatchers } from '../src/modules/tickets/index.ts';
import type { Actor } from '../src/platform/authz/actor.ts';
import type { AppContext } from '../src/platform/context.ts';
import { postgresFileStore } from '../src/platform/files/file-store.ts';
import { newToken, sha256 } from '../src/platform/security/tokens.ts';
import { PNG } from './access-matrix.ts';

/** Where a record lives: a unit with its company and tree path. */
export interface Place {
  unitId: number;
  companyId: number;
  unitPath: string;
}

const TEST_SOURCE = { actorId: null, actorEmail: 'factory', ip: null };

/**
 * Test data through factories with overrides: each call makes one fresh record
 * with sensible defaults, placed where the test says, so a test states only
 * what matters to it and never edits the demo organisation's own records.
 * Places (units, companies, teams) and demo people are looked up by code or email.
 */
export function factories(ctx: AppContext) {
  const db = ctx.db;
  let n = 0;
  const next = () => `${process.pid}-${Date.now().toString(36)}-${++n}`;
  let periods = 0;
  const one = async <T>(rows: Promise<T[]>, what: string): Promise<T> => {
    const [row] = await rows;
    if (!row) throw new Error(`factory: no ${what}`);
    return row;
  };

  const f = {
    /** A unit of the demo organisation by code (DEVOPS, BIGDATA, OU-JKT, …). */
    async place(code: string): Promise<Place> {
      const u = await one(db.select().from(units).where(eq(units.code, code)), `unit ${code}`);
      return { unitId: u.id, companyId: u.companyId, unitPath: u.path };
    },
    /** The place of a unit by id. */
    async placeOf(unitId: number): Promise<Place> {
      const u = await one(db.select().from(units).where(eq(units.id, unitId)), `unit ${unitId}`);
      return { unitId: u.id, companyId: u.companyId, unitPath: u.path };
    },
    async companyId(code: string): Promise<number> {
      return (await one(db.select().from(companies).where(eq(companies.code, code)), `company ${code}`)).id;
    },
    async teamId(code: string): Promise<number> {
      return (await one(db.select().from(teams).where(eq(teams.code, code)), `team ${code}`)).id;
    },
    /** A demo person's id by email. */
    async userId(email: string): Promise<number> {
      return (await one(db.select().from(users).where(eq(users.email, email)), `user ${email}`)).id;
    },
    /** The signed-in view (grants included) of a person, as services receive it. */
    async actor(userId: number): Promise<Actor> {
      const actor = await loadActor(db, userId);
      if (!actor) throw new Error(`factory: user ${userId} is not active`);
      return actor;
    },

    /** A person placed in `place`, Requester there plus the given grants (default: at their own unit). */
    async user(
      place: Place,
      o: {
        roles?: [Role, 'unit' | 'company' | 'organisation'][];
        active?: boolean;
        name?: string;
        email?: string;
        locale?: 'id' | 'en';
        /** Signs in with the demo accounts' password (`t.signIn(email)`). */
        demoPassword?: true;
      } = {},
    ) {
      const key = next();
      const user = await one(
        db
          .insert(users)
          .values({
            email: o.email ?? `orang-${key}@factory.test`,
            name: o.name ?? `Orang ${key}`,
            unitId: place.unitId,
            active: o.active ?? true,
            locale: o.locale ?? 'id',
          })
          .returning(),
        'user',
      );
      const grants: [Role, 'unit' | 'company' | 'organisation'][] = [['requester', 'unit'], ...(o.roles ?? [])];
      await db.insert(roleGrants).values(
        grants.map(([role, scope]) => ({
          userId: user.id,
          role,
          scopeKind: scope,
          unitId: scope === 'unit' ? place.unitId : null,
          companyId: scope === 'company' ? place.companyId : null,
        })),
      );
      if (o.demoPassword)
        await db.execute(
          sql`UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE email = 'admin@nusantara.test') WHERE id = ${user.id}`,
        );
      return user;
    },
    /** Adds a grant to an existing person. */
    async grant(userId: number, role: Role, at: { unitId: number } | { companyId: number } | 'organisation') {
      return one(
        db
          .insert(roleGrants)
          .values({
            userId,
            role,
            scopeKind: at === 'organisation' ? 'organisation' : 'unitId' in at ? 'unit' : 'company',
            unitId: at !== 'organisation' && 'unitId' in at ? at.unitId : null,
            companyId: at !== 'organisation' && 'companyId' in at ? at.companyId : null,
          })
          .returning(),
        'grant',
      );
    },
    /** A team of `place`'s company serving `place`, with its members. */
    async team(place: Place, o: { members?: number[]; lead?: number | null; level?: number } = {}) {
      const key = next();
      const team = await one(
        db
          .insert(teams)
          .values({
            companyId: place.companyId,
            unitId: place.unitId,
            code: `T-${key}`,
            name: `Tim ${key}`,
            level: o.level ?? 1,
            leadUserId: o.lead ?? null,
          })
          .returning(),
        'team',
      );
      if (o.members?.length) await db.insert(teamMembers).values(o.members.map((userId) => ({ teamId: team.id, userId })));
      return team;
    },

    /**
     * A ticket requested by `requesterId` (default: a new colleague in
     * `place`), placed where its requester sits; no SLA clock unless started.
     */
    async ticket(
      place: Place,
      o: Partial<typeof tickets.$inferInsert> & { requesterId?: number; watcherIds?: number[] } = {},
    ): Promise<typeof tickets.$inferSelect> {
      const requesterId = o.requesterId ?? (await f.user(place)).id;
      const { watcherIds, ...overrides } = o;
      const ticket = await one(
        db
          .insert(tickets)
          .values({
            number: `TST-${next()}`,
            type: 'incident',
            title: 'Printer lantai 3 tidak mencetak',
            descriptionHtml: '<p>Kertas tersangkut.</p>',
            companyId: place.companyId,
            unitId: place.unitId,
            unitPath: place.unitPath,
            requesterId,
            createdBy: requesterId,
            urgency: 'medium',
            impact: 'medium',
            priority: 'P3',
            ...overrides,
          })
          .returning(),
        'ticket',
      );
      if (watcherIds?.length) await db.insert(ticketWatchers).values(watcherIds.map((userId) => ({ ticketId: ticket.id, userId })));
      return ticket;
    },

    /** A file attached to a ticket (public unless `internal`). */
    async ticketAttachment(ticketId: number, uploadedBy: number, o: { internal?: boolean } = {}) {
      const fileId = await postgresFileStore.put(db, {
        purpose: 'ticket_attachment',
        contentType: 'image/png',
        data: PNG,
        createdBy: uploadedBy,
      });
      return one(
        db
          .insert(ticketAttachments)
          .values({
            ticketId,
            fileId,
            displayName: 'bukti.png',
            contentType: 'image/png',
            size: PNG.length,
            uploadedBy,
            internal: o.internal ?? false,
          })
          .returning(),
        'attachment',
      );
    },
    /** A link between two tickets. */
    async ticketLink(ticketId: number, otherId: number, createdBy: number, kind: 'related' | 'duplicate_of' | 'parent_of' = 'related') {
      return one(db.insert(ticketLinks).values({ ticketId, otherId, kind, createdBy }).returning(), 'link');
    },
    /** A person's saved workspace view. */
    async savedView(userId: number, o: { name?: string; filters?: Record<string, string> } = {}) {
      return one(
        db
          .insert(savedViews)
          .values({ userId, name: o.name ?? `Tampilan ${next()}`, filters: o.filters ?? { queue: 'all' } })
          .returning(),
        'view',
      );
    },

    /** A published catalog item provided by `place` (fixed price Rp 250.000 unless told otherwise), offered to everyone. */
    async catalogItem(
      place: Place,
      o: Partial<typeof catalogItemVersions.$inferInsert> & { teamId?: number | null; published?: boolean; createdBy?: number } = {},
    ) {
      const { teamId, createdBy, ...content } = o;
      const published = o.published ?? (o.state === undefined || o.state === 'published');
      delete (content as { published?: boolean }).published;
      const author = createdBy ?? (await f.user(place, { roles: [['service_provider', 'unit']] })).id;
      const item = await one(
        db
          .insert(catalogItems)
          .values({ code: `SVC-${next()}`, providerUnitId: place.unitId, teamId: teamId ?? null, createdBy: author })
          .returning(),
        'catalog item',
      );
      const version = await one(
        db
          .insert(catalogItemVersions)
          .values({
            itemId: item.id,
            number: 1,
            state: published ? 'published' : 'draft',
            submittedAt: o.state === 'pending_approval' ? new Date() : null,
            nameId: 'Akses VPN',
            nameEn: 'VPN access',
            category: 'Jaringan',
            costModel: 'fixed',
            rate: 250_000,
            responseMinutes: 240,
            resolutionMinutes: 1440,
            audience: { all: true },
            form: [],
            createdBy: author,
            ...content,
          })
          .returning(),
        'catalog item version',
      );
      await db
        .update(catalogItems)
        .set(published ? { publishedVersionId: version.id } : { workingVersionId: version.id })
        .where(eq(catalogItems.id, item.id));
      return { ...item, publishedVersionId: published ? version.id : null, version };
    },

    /**
     * A service request ordered through the real service, so its approval steps
     * follow the requester's chain; `quantity` × the item's rate decides which.
     */
    async serviceRequest(o: { requesterId: number; itemId: number; quantity?: number; answers?: Record<string, unknown> }) {
      const requester = await f.actor(o.requesterId);
      const id = await createRequest(
        ctx,
        requester,
        { itemId: o.itemId, quantity: o.quantity ?? 1, answers: o.answers ?? {} },
        TEST_SOURCE,
      );
      const request = await one(db.select().from(serviceRequests).where(eq(serviceRequests.id, id)), 'request');
      const steps = await db.select().from(approvals).where(eq(approvals.requestId, id)).orderBy(approvals.position);
      return { ...request, steps };
    },
    /** Decides a request's pending step as `deciderId`. */
    async decide(deciderId: number, approvalId: number, decision: 'approve' | 'reject' = 'approve') {
      return decideApproval(ctx, await f.actor(deciderId), approvalId, { decision, comment: 'Keputusan uji' }, TEST_SOURCE);
    },
    /** A charge between two divisions, as fulfilment records it (rate × quantity, half-up). */
    async charge(o: {
      requestId: number;
      requestingUnitId: number;
      providingUnitId: number;
      itemId: number;
      versionId: number;
      rate?: bigint;
      quantityHundredths?: number;
      chargedAt?: Date;
    }) {
      const rate = o.rate ?? 250_000n;
      const quantityHundredths = o.quantityHundredths ?? 100;
      return one(
        db
          .insert(charges)
          .values({ kind: 'charge', ...o, rate, quantityHundredths, amount: amountOf(rate, BigInt(quantityHundredths)) })
          .returning(),
        'charge',
      );
    },

    /** A new top-level unit (a division) of a company, as a place. */
    async division(companyId: number): Promise<Place> {
      const key = next();
      const unit = await one(
        db
          .insert(units)
          .values({ companyId, code: `DIV-${key}`, name: `Divisi ${key}` })
          .returning(),
        'division',
      );
      const path = `/${unit.id}/`;
      await db.update(units).set({ path }).where(eq(units.id, unit.id));
      return { unitId: unit.id, companyId, unitPath: path };
    },

    /**
     * An invoice of `payer`'s division for one charge to `provider` (default DevOps), in a month of its own
     * (one invoice per division and month); a draft, or issued, paid (with a proof) or disputed through the
     * billing services, as an Administrator.
     */
    async invoice(payer: Place, o: { provider?: Place; status?: 'draft' | 'issued' | 'paid' | 'disputed'; amount?: bigint } = {}) {
      const provider = o.provider ?? (await f.place('DEVOPS'));
      const item = await f.catalogItem(provider);
      const request = await f.serviceRequest({ requesterId: (await f.user(payer)).id, itemId: item.id });
      const charge = await f.charge({
        requestId: request.id,
        requestingUnitId: payer.unitId,
        providingUnitId: provider.unitId,
        itemId: item.id,
        versionId: item.version.id,
        ...(o.amount ? { rate: o.amount } : {}),
      });
      const month = ++periods;
      const period = `${2000 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
      const invoiceId = await db.transaction(async (tx) => {
        const division = `/${payer.unitPath.split('/')[1]}/`;
        const [created] = await tx
          .insert(invoices)
          .values({ companyId: payer.companyId, unitId: Number(division.slice(1, -1)), unitPath: division, period, status: 'draft' })
          .returning();
        if (!created) throw new Error('factory: no invoice');
        await tx.execute(sql`
          INSERT INTO invoice_lines (invoice_id, charge_id, kind, providing_unit_id, providing_company_id, providing_unit_path,
            provider_name, item_name_id, item_name_en, item_version, cost_model, unit_label, request_number, quantity_hundredths,
            rate, amount, charged_at)
          SELECT ${created.id}, c.id, c.kind, c.providing_unit_id, pu.company_id, pu.path, pu.name, v.name_id, v.name_en, v.number,
            v.cost_model, v.unit_label, r.number, c.quantity_hundredths, c.rate, c.amount, c.charged_at
          FROM charges c JOIN units pu ON pu.id = c.providing_unit_id JOIN service_requests r ON r.id = c.request_id
          JOIN catalog_item_versions v ON v.id = c.version_id WHERE c.id = ${charge.id}`);
        await tx.update(invoices).set({ total: charge.amount }).where(eq(invoices.id, created.id));
        return created.id;
      });
      const admin = await f.actor(await f.userId('admin@nusantara.test'));
      if (o.status && o.status !== 'draft') await issueInvoice(ctx, admin, invoiceId, 1, TEST_SOURCE);
      if (o.status === 'paid')
        await confirmPayment(
          ctx,
          admin,
          invoiceId,
          { reference: `TRF-${next()}`, paidOn: new Date().toISOString().slice(0, 10) },
          { data: PNG, filename: 'bukti.png', fields: {} },
          TEST_SOURCE,
        );
      const disputeId = o.status === 'disputed' ? await f.dispute(invoiceId, charge.id, await f.coordinator(payer)) : null;
      const invoice = await one(db.select().from(invoices).where(eq(invoices.id, invoiceId)), 'invoice');
      return { ...invoice, charge, disputeId };
    },
    /** A dispute of one charge on an issued invoice, raised by `raiser` (who manages the payer's invoices). */
    async dispute(invoiceId: number, chargeId: number, raiser: Actor): Promise<number> {
      await openDispute(ctx, raiser, invoiceId, { chargeIds: [chargeId], reason: 'Jumlah tidak sesuai' }, TEST_SOURCE);
      const { rows } = await db.execute<{ id: number }>(
        sql`SELECT id FROM invoice_disputes WHERE invoice_id = ${invoiceId} ORDER BY id DESC LIMIT 1`,
      );
      return Number(rows[0]?.id);
    },
    /** Rejects a dispute as the providing division's Billing Coordinator (so the payer may escalate it). */
    async rejectDispute(disputeId: number, provider: Place): Promise<void> {
      const answer = { decision: 'reject' as const, reason: 'Sesuai pemakaian' };
      await resolveDispute(ctx, await f.coordinator(provider), disputeId, answer, TEST_SOURCE);
    },
    /** A new Billing Coordinator of a place's division (invoices are the division's), as an actor. */
    async coordinator(place: Place): Promise<Actor> {
      const division = await f.placeOf(Number(place.unitPath.split('/')[1]));
      return f.actor((await f.user(division, { roles: [['billing_coordinator', 'unit']] })).id);
    },

    /** The codes of a place's unit and company (for imports). */
    async codesOf(place: Place): Promise<{ unit: string; company: string }> {
      const { rows } = await db.execute<{ unit: string; company: string }>(
        sql`SELECT u.code AS unit, c.code AS company FROM units u JOIN companies c ON c.id = u.company_id WHERE u.id = ${place.unitId}`,
      );
      if (!rows[0]) throw new Error('factory: no place');
      return rows[0];
    },
    /** A valid, unused password-reset token for a person (as the emailed link carries it). */
    async passwordReset(userId: number): Promise<string> {
      const token = newToken();
      await db.insert(passwordResets).values({ tokenHash: sha256(token), userId, expiresAt: new Date(Date.now() + 3_600_000) });
      return token;
    },
    /** Gives a person a profile photo. */
    async photo(userId: number): Promise<void> {
      const fileId = await postgresFileStore.put(db, { purpose: 'photo', contentType: 'image/png', data: PNG, createdBy: userId });
      await db.update(users).set({ photoFileId: fileId }).where(eq(users.id, userId));
    },

    /** How many audit entries carry `action`. */
    async audited(action: string): Promise<number> {
      const { rows } = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`);
      return Number(rows[0]?.n ?? 0);
    },
  };
  return f;
}

export type Factories = ReturnType<typeof factories>;
