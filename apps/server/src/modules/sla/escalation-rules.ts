import { and, asc, eq, sql } from 'drizzle-orm';
import type { AuditSource } from '../../platform/audit/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { insertAudited, updateVersioned } from '../../platform/db/versioned.ts';
import { AppError } from '../../platform/http/errors.ts';
import { notify } from '../notifications/index.ts';
import { findTeam } from '../org/index.ts';
import { escalateOneLevel, findTicketFacts, raisePriority, reassign } from '../tickets/index.ts';
import { completeRule, type RuleInput, type RulePatch } from './escalation-rules.schemas.ts';
import { escalationRules } from './sla.tables.ts';

type Rule = typeof escalationRules.$inferSelect;
type Ticket = NonNullable<Awaited<ReturnType<typeof findTicketFacts>>>;

const matches = (rule: Rule, t: Ticket) =>
  (rule.priorities.length === 0 || rule.priorities.includes(t.priority)) &&
  (rule.categoryIds.length === 0 || (t.categoryId !== null && rule.categoryIds.includes(t.categoryId))) &&
  (rule.teamIds.length === 0 || (t.teamId !== null && rule.teamIds.includes(t.teamId)));

/** Claims the (rule, ticket, occurrence) firing; false when another process or an earlier run already did. */
async function claim(tx: Tx, ruleId: number, ticketId: number, occurrence: string): Promise<boolean> {
  const { rows } = await tx.execute(sql`
    INSERT INTO escalation_rule_firings (rule_id, ticket_id, occurrence) VALUES (${ruleId}, ${ticketId}, ${occurrence})
    ON CONFLICT DO NOTHING RETURNING rule_id`);
  return rows.length > 0;
}

async function usersWithRole(tx: Tx, role: string, companyId: number): Promise<number[]> {
  const { rows } = await tx.execute<{ user_id: number }>(sql`
    SELECT DISTINCT g.user_id FROM role_grants g JOIN users u ON u.id = g.user_id
    LEFT JOIN units un ON un.id = g.unit_id
    WHERE u.active AND g.role = ${role} AND (g.scope_kind = 'organisation' OR g.company_id = ${companyId} OR un.company_id = ${companyId})`);
  return rows.map((r) => Number(r.user_id));
}

/** Carries out one rule's action on a ticket; each action is a timeline entry or a logged notification. */
async function act(
  ctx: AppContext,
  tx: Tx,
  rule: Rule,
  t: Ticket,
  event: 'sla_warning' | 'sla_breached',
  occurrence: string,
  reason: string,
) {
  const by = { ruleId: rule.id, rule: rule.name };
  const lead = async () => (t.teamId ? ((await findTeam(tx, t.teamId))?.leadUserId ?? null) : null);
  const tell = async (recipients: (number | null)[]) =>
    notify(ctx, tx, { event, ticketId: t.id, occurrence: `r${rule.id}:${occurrence}`, recipients, reason });
  switch (rule.action) {
    case 'notify_assignee':
      return tell([t.assigneeId ?? (await lead())]);
    case 'notify_lead':
      return tell([(await lead()) ?? t.assigneeId]);
    case 'notify_role':
      return tell(rule.role ? await usersWithRole(tx, rule.role, t.companyId) : []);
    case 'notify_user':
      return tell([rule.userId]);
    case 'escalate_level':
      return escalateOneLevel(ctx, tx, t.id, by, rule.teamId);
    case 'reassign':
      return reassign(ctx, tx, t.id, by, rule.teamId, rule.userId);
    case 'raise_priority':
      return raisePriority(ctx, tx, t.id, by);
  }
}

async function fire(
  ctx: AppContext,
  tx: Tx,
  ticketId: number,
  trigger: Rule['trigger'],
  pick: (r: Rule) => boolean,
  event: 'sla_warning' | 'sla_breached',
  occurrence: string,
  reason: string,
) {
  const ticket = await findTicketFacts(tx, ticketId);
  if (!ticket) return;
  const rules = await tx
    .select()
    .from(escalationRules)
    .where(and(eq(escalationRules.active, true), eq(escalationRules.trigger, trigger)))
    .orderBy(escalationRules.id);
  for (const rule of rules) {
    if (!pick(rule) || !matches(rule, ticket)) continue;
    if (await claim(tx, rule.id, ticketId, occurrence)) await act(ctx, tx, rule, ticket, event, occurrence, reason);
  }
}

/**
 * Tickets nobody has touched for a rule's idle hours; each quiet spell fires
 * once (its occurrence is the ticket's last update).
 */
export async function checkIdleTickets(ctx: AppContext, now = ctx.clock.now().getTime()): Promise<void> {
  const rules = await ctx.db
    .select()
    .from(escalationRules)
    .where(and(eq(escalationRules.active, true), eq(escalationRules.trigger, 'idle')));
  for (const rule of rules) {
    const { rows } = await ctx.db.execute<{ id: number; updated_at: Date }>(sql`
      SELECT id, updated_at FROM tickets
      WHERE status IN ('new', 'assigned', 'in_progress') AND updated_at < ${new Date(now - (rule.idleHours ?? 1) * 3_600_000)}
      ORDER BY updated_at LIMIT 500`);
    for (const row of rows) {
      await ctx.db.transaction((tx) =>
        fire(
          ctx,
          tx,
          Number(row.id),
          'idle',
          (r) => r.id === rule.id,
          'sla_warning',
          `idle:${new Date(row.updated_at).toISOString()}`,
          rule.name,
        ),
      );
    }
  }
}

export const SLA_IDLE_CHECK = 'sla.idle-check';

export function registerEscalationRules(ctx: AppContext): void {
  ctx.events.on('sla.warning', (tx, e) =>
    fire(ctx, tx, e.ticketId, 'percent', (r) => r.percent === e.percent, 'sla_warning', `p${e.percent}`, ''),
  );
  ctx.events.on('sla.breached', (tx, e) =>
    fire(ctx, tx, e.ticketId, 'breach', (r) => r.target === e.target, 'sla_breached', `breach:${e.target}`, `code:sla_${e.target}`),
  );
  ctx.jobs.define({ name: SLA_IDLE_CHECK, retryLimit: 1, schedule: '*/15 * * * *', handle: () => checkIdleTickets(ctx) });
}

export const listRules = (tx: Tx) => tx.select().from(escalationRules).orderBy(asc(escalationRules.id));

export async function createRule(ctx: AppContext, input: RuleInput, source: AuditSource) {
  return ctx.db.transaction((tx) =>
    insertAudited(tx, escalationRules, input, { source, action: 'sla.rule_created', targetType: 'escalation_rule' }),
  );
}

/** A rule stays complete after the change: a trigger or an action that needs a parameter keeps it. */
export async function updateRule(ctx: AppContext, id: number, input: RulePatch, source: AuditSource) {
  const { version, ...changes } = input;
  return ctx.db.transaction((tx) =>
    updateVersioned(tx, escalationRules, id, version, changes, {
      source,
      action: 'sla.rule_updated',
      targetType: 'escalation_rule',
      check: (current) => {
        if (!completeRule({ ...current, ...changes } as RuleInput)) throw new AppError(400, 'VALIDATION_FAILED');
      },
    }),
  );
}
