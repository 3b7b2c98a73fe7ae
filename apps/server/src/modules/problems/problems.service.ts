import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError, forbidden, notFound, unknownReference, versionConflict } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { nextNumber } from '../../platform/numbering/numbering.ts';
import { escapeHtml, sanitizeRichText } from '../../platform/security/html.ts';
import { findActiveUser, loadActor } from '../identity/index.ts';
import { publishKnownError } from '../knowledge/index.ts';
import { companyTimeZone } from '../org/index.ts';
import { loadVisible, recordLinkedEvent, referenceExists, transitionTicket } from '../tickets/index.ts';
import { PROBLEM_STEPS } from './problems.lifecycle.ts';
import { canManage, canRead } from './problems.policy.ts';
import type { CreateProblemInput, StepProblemInput, UpdateProblemInput } from './problems.schemas.ts';
import { problemEvents, problemIncidents, problems } from './problems.tables.ts';

type Problem = typeof problems.$inferSelect;

async function recordProblemEvent(tx: Tx, problemId: number, actorId: number | null, kind: string, data: Record<string, unknown> = {}) {
  await tx.insert(problemEvents).values({ problemId, actorId, kind, data });
}

/** A problem the actor may see (else 404), locked for a change, at the version they read (else 409). */
export async function loadProblem(tx: Tx, actor: Actor, id: number, lock?: { version?: number }): Promise<Problem> {
  const query = tx.select().from(problems).where(eq(problems.id, id));
  const [problem] = lock ? await query.for('update') : await query;
  if (!problem || !canRead(actor, problem)) throw notFound();
  if (lock && !canManage(actor, problem)) throw forbidden();
  if (lock?.version !== undefined && lock.version !== problem.version) throw versionConflict();
  return problem;
}

/**
 * The service, category and owner a problem names exist; the owner is someone who may manage problems of its
 * company (naming anyone else would hand them a record they may not see).
 */
async function checkReferences(
  tx: Tx,
  companyId: number,
  input: { serviceId?: number | null; categoryId?: number | null; ownerId?: number | null },
) {
  if (input.serviceId != null && !(await referenceExists(tx, 'service', input.serviceId))) throw unknownReference('serviceId');
  if (input.categoryId != null && !(await referenceExists(tx, 'category', input.categoryId))) throw unknownReference('categoryId');
  if (input.ownerId == null) return;
  if (!(await findActiveUser(tx, input.ownerId))) throw unknownReference('ownerId');
  const owner = await loadActor(tx, input.ownerId);
  if (!owner || !canManage(owner, { companyId }))
    throw new AppError(400, 'OWNER_NOT_ELIGIBLE', {}, [{ path: 'ownerId', message: 'OWNER_NOT_ELIGIBLE' }]);
}

export async function createProblem(ctx: AppContext, actor: Actor, input: CreateProblemInput): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const companyId = input.companyId ?? actor.companyId;
    if (!canManage(actor, { companyId })) throw forbidden();
    await checkReferences(tx, companyId, input);
    const number = await nextNumber(tx, 'problem', 'PRB-{yyyy}-{seq:5}', {
      at: ctx.clock.now(),
      timeZone: await companyTimeZone(tx, companyId),
    });
    const [problem] = await tx
      .insert(problems)
      .values({
        number,
        title: input.title,
        descriptionHtml: sanitizeRichText(input.description),
        companyId,
        serviceId: input.serviceId,
        categoryId: input.categoryId,
        ownerId: input.ownerId ?? actor.userId,
        createdBy: actor.userId,
      })
      .returning();
    if (!problem) throw new Error('problem insert failed');
    await recordProblemEvent(tx, problem.id, actor.userId, 'created', { number });
    for (const ticket of input.incidents) await attachIncident(tx, actor, problem, ticket);
    return problem.id;
  });
}

async function saveProblem(tx: Tx, problem: Problem, changes: Partial<Problem>, now: Date): Promise<Problem> {
  const [saved] = await tx
    .update(problems)
    .set({ ...changes, version: problem.version + 1, updatedAt: now })
    .where(eq(problems.id, problem.id))
    .returning();
  if (!saved) throw notFound();
  return saved;
}

/** `{ field: [before, after] }` for what changed. */
function changed(before: Problem, after: Partial<Problem>) {
  return Object.fromEntries(
    Object.entries(after)
      .filter(([key, value]) => value !== undefined && before[key as keyof Problem] !== value)
      .map(([key, value]) => [key, [before[key as keyof Problem], value]]),
  );
}

/** The known error's article: root cause and workaround, published at once (ITIL), or its next revision. */
async function publishWorkaround(ctx: AppContext, tx: Tx, actor: Actor, problem: Problem): Promise<Partial<Problem>> {
  const L = (key: string) => escapeHtml(t('id', `problems.article.${key}`));
  const paragraphs = (text: string | null) => `<p>${escapeHtml(text ?? '').replace(/\n/g, '<br>')}</p>`;
  const article = await publishKnownError(ctx, tx, actor, {
    articleId: problem.articleId,
    title: t('id', 'problems.article.title', { title: problem.title }),
    bodyHtml: `<h3>${L('cause')}</h3>${paragraphs(problem.rootCause)}<h3>${L('workaround')}</h3>${paragraphs(problem.workaround)}<p>${escapeHtml(problem.number)}</p>`,
    tags: ['known-error'],
  });
  return { articleId: article.id };
}

/** Edits the record; while it is a known error, a new root cause or workaround republishes its article. */
export async function updateProblem(ctx: AppContext, actor: Actor, id: number, input: UpdateProblemInput): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const problem = await loadProblem(tx, actor, id, { version: input.version });
    if (problem.status === 'closed') throw new AppError(409, 'PROBLEM_CLOSED');
    await checkReferences(tx, problem.companyId, input);
    const { version: _, description, ...fields } = input;
    const changes: Partial<Problem> = {
      ...fields,
      ...(description !== undefined ? { descriptionHtml: sanitizeRichText(description) } : {}),
    };
    const diff = changed(problem, changes);
    if (!Object.keys(diff).length) return;
    if (diff.descriptionHtml) diff.descriptionHtml = ['…', '…'];
    let saved = await saveProblem(tx, problem, changes, ctx.clock.now());
    if (saved.status === 'known_error' && (diff.rootCause || diff.workaround || diff.title))
      saved = await saveProblem(tx, saved, await publishWorkaround(ctx, tx, actor, saved), ctx.clock.now());
    await recordProblemEvent(tx, id, actor.userId, 'fields_changed', diff);
  });
}

export interface StepOutcome {
  resolved: string[];
  skipped: { number: string; code: string }[];
}

/**
 * Moves the problem along its lifecycle (problems.lifecycle.ts). Becoming a
 * known error publishes the workaround as an article; resolving may resolve
 * the linked incidents being worked, each on its own (one refused never
 * undoes the others), with the note as their solution summary.
 */
export async function stepProblem(ctx: AppContext, actor: Actor, id: number, input: StepProblemInput): Promise<StepOutcome> {
  return ctx.db.transaction(async (tx) => {
    const problem = await loadProblem(tx, actor, id, { version: input.version });
    const step = PROBLEM_STEPS.find((s) => s.action === input.action);
    if (!step?.from.includes(problem.status)) throw new AppError(409, 'PROBLEM_STEP_NOT_ALLOWED');
    const now = ctx.clock.now();
    const changes: Partial<Problem> = { status: step.to };
    for (const field of ['rootCause', 'workaround', 'permanentFix'] as const) if (input[field]) changes[field] = input[field];
    for (const need of step.requires) {
      const value = need === 'reason' ? input.reason : (changes[need] ?? problem[need]);
      if (!value?.trim())
        throw new AppError(400, 'PROBLEM_FIELD_REQUIRED', { field: t(actor.locale, `problems.field.${need}`) }, [
          { path: need, message: 'PROBLEM_FIELD_REQUIRED' },
        ]);
    }
    if (step.to === 'resolved') changes.resolvedAt = now;
    if (step.to === 'closed') changes.closedAt = now;
    if (step.action === 'reopen') changes.resolvedAt = null;
    let saved = await saveProblem(tx, problem, changes, now);
    if (step.to === 'known_error') saved = await saveProblem(tx, saved, await publishWorkaround(ctx, tx, actor, saved), now);
    await recordProblemEvent(tx, id, actor.userId, 'status_changed', {
      status: [problem.status, step.to],
      ...(input.reason ? { reason: input.reason } : {}),
      ...(saved.articleId && step.to === 'known_error' ? { articleId: saved.articleId } : {}),
    });
    const outcome: StepOutcome = { resolved: [], skipped: [] };
    if (step.to === 'resolved' && input.resolveIncidents) {
      await resolveIncidents(ctx, tx, actor, saved, input.note?.trim() || saved.permanentFix || '', outcome);
      await recordProblemEvent(tx, id, actor.userId, 'incidents_resolved', { ...outcome });
    }
    return outcome;
  });
}

async function resolveIncidents(ctx: AppContext, tx: Tx, actor: Actor, problem: Problem, note: string, outcome: StepOutcome) {
  const links = await tx.select().from(problemIncidents).where(eq(problemIncidents.problemId, problem.id));
  for (const { ticketId } of links) {
    let number = String(ticketId);
    try {
      // A savepoint each: a refusal (not mine to resolve, not being worked) leaves the rest alone.
      await tx.transaction(async (sp) => {
        const { ticket } = await loadVisible(sp, actor, String(ticketId));
        number = ticket.number;
        if (ticket.status !== 'in_progress' && ticket.status !== 'pending') throw new AppError(409, 'INCIDENT_NOT_IN_WORK');
        await transitionTicket(ctx, actor, ticketId, { to: 'resolved', solutionSummary: note, fulfilment: 'permanent' }, sp);
        await recordLinkedEvent(sp, ticketId, actor.userId, 'problem_resolved', { problemId: problem.id, problemNumber: problem.number });
      });
      outcome.resolved.push(number);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcome.skipped.push({ number, code: error.code });
    }
  }
}

/** Links an incident the actor may see; both records note it. */
async function attachIncident(tx: Tx, actor: Actor, problem: Problem, ticketRef: string) {
  const { ticket } = await loadVisible(tx, actor, ticketRef);
  const [linked] = await tx
    .insert(problemIncidents)
    .values({ problemId: problem.id, ticketId: ticket.id, linkedBy: actor.userId })
    .onConflictDoNothing()
    .returning();
  if (!linked) throw new AppError(409, 'INCIDENT_ALREADY_LINKED');
  await recordProblemEvent(tx, problem.id, actor.userId, 'incident_linked', { ticketId: ticket.id, number: ticket.number });
  await recordLinkedEvent(tx, ticket.id, actor.userId, 'problem_linked', { problemId: problem.id, problemNumber: problem.number });
}

export async function linkIncident(ctx: AppContext, actor: Actor, id: number, ticketRef: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const problem = await loadProblem(tx, actor, id, {});
    if (problem.status === 'closed') throw new AppError(409, 'PROBLEM_CLOSED');
    await attachIncident(tx, actor, problem, ticketRef);
    await saveProblem(tx, problem, {}, ctx.clock.now());
  });
}

export async function unlinkIncident(ctx: AppContext, actor: Actor, id: number, ticketId: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const problem = await loadProblem(tx, actor, id, {});
    const [gone] = await tx
      .delete(problemIncidents)
      .where(and(eq(problemIncidents.problemId, id), eq(problemIncidents.ticketId, ticketId)))
      .returning();
    if (!gone) throw notFound();
    await recordProblemEvent(tx, id, actor.userId, 'incident_unlinked', { ticketId });
    await recordLinkedEvent(tx, ticketId, actor.userId, 'problem_unlinked', { problemId: id, problemNumber: problem.number });
    await saveProblem(tx, problem, {}, ctx.clock.now());
  });
}
