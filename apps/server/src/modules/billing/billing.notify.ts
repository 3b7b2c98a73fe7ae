import { formatRupiah, type Locale } from '@ish/shared';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { usersWithRoleOver } from '../identity/index.ts';
import type { Notice } from '../notifications/index.ts';
import { notify } from '../notifications/index.ts';
import { readSetting } from '../settings/index.ts';
import { readBillingSettings } from './billing.settings.ts';
import { invoices } from './billing.tables.ts';

/** Where people act on invoices in the web app. */
export const BILLING_PATHS = {
  invoice: (id: number) => `/billing/invoices/${id}`,
  dashboard: '/billing/dashboard',
};

/** "November 2026" / "November 2026" in the reader's language. */
export function periodLabel(period: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${period}-01T00:00:00Z`),
  );
}

/** "15 Desember 2026": a calendar date as the reader writes it. */
export function dayLabel(day: string | null, locale: Locale): string {
  if (!day) return '-';
  return new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));
}

async function unitName(tx: Tx, unitId: number): Promise<string> {
  const { rows } = await tx.execute<{ name: string }>(sql`SELECT name FROM units WHERE id = ${unitId}`);
  return rows[0]?.name ?? '-';
}

/** The template variables of an invoice notice in the recipient's language. */
/** A notice's {reason}: as given, or written in each recipient's language. */
export type Reason = string | ((locale: Locale) => string);

async function invoiceVariables(
  ctx: AppContext,
  tx: Tx,
  invoiceId: number,
  locale: Locale,
  reason: Reason,
): Promise<Record<string, string>> {
  const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) return {};
  const identity = await readSetting(tx, 'identity');
  return {
    number: invoice.number ?? t(locale, 'billing.draftNumber'),
    title: await unitName(tx, invoice.unitId),
    status: t(locale, `billing.status.${invoice.status}`),
    priority: '-',
    amount: formatRupiah(invoice.total, locale),
    assignee: '-',
    requester: '-',
    link: `${ctx.env.PUBLIC_URL}${BILLING_PATHS.invoice(invoice.id)}`,
    organisation: identity.value.organisationName,
    reason: typeof reason === 'function' ? reason(locale) : reason,
    dueDate: dayLabel(invoice.dueDate, locale),
    period: periodLabel(invoice.period, locale),
  };
}

/** Who hears about an invoice: the paying or a providing division's Billing Coordinators, or the final deciders. */
export type Audience =
  | { payer: { companyId: number; unitPath: string }; withApprovers?: boolean }
  | { provider: { companyId: number; unitPath: string } }
  | { deciders: { companyId: number; unitPath: string } };

async function recipientsOf(tx: Tx, audience: Audience): Promise<number[]> {
  if ('payer' in audience) {
    const coordinators = await usersWithRoleOver(tx, 'billing_coordinator', audience.payer);
    const approvers = audience.withApprovers ? await usersWithRoleOver(tx, 'approver', audience.payer) : [];
    return [...coordinators, ...approvers];
  }
  if ('provider' in audience) return usersWithRoleOver(tx, 'billing_coordinator', audience.provider);
  return [
    ...(await usersWithRoleOver(tx, 'administrator', audience.deciders)),
    ...(await usersWithRoleOver(tx, 'executive', audience.deciders)),
  ];
}

/**
 * Tells an audience about an invoice in the app and by email (their channel
 * choices apply); the issue notice carries the invoice PDF. Each (event,
 * occurrence, person, channel) happens once, however often it is attempted.
 */
export async function notifyInvoice(
  ctx: AppContext,
  tx: Tx,
  input: {
    invoiceId: number;
    event: Notice['event'];
    occurrence: string;
    audience: Audience[];
    actorId?: number | null;
    reason?: Reason;
    attachPdf?: boolean;
  },
): Promise<void> {
  // One after another: inside a transaction the queries share a single connection.
  const recipients: number[] = [];
  for (const audience of input.audience) recipients.push(...(await recipientsOf(tx, audience)));
  await notify(ctx, tx, {
    event: input.event,
    occurrence: input.occurrence,
    recipients,
    actorId: input.actorId ?? null,
    about: {
      key: `inv${input.invoiceId}`,
      variables: (t2, locale) => invoiceVariables(ctx, t2, input.invoiceId, locale, input.reason ?? ''),
      ...(input.attachPdf ? { attachment: { kind: 'invoice', id: input.invoiceId } } : {}),
    },
  });
}

/** Whether the company also tells Approvers about issued invoices. */
export async function approversToldOf(tx: Tx, companyId: number): Promise<boolean> {
  return (await readBillingSettings(tx, companyId)).notifyApprovers;
}
