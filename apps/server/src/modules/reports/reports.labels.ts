import type { Locale } from '@ish/shared';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { CHANNELS, PRIORITIES, statusLabels, TICKET_STATUSES, TICKET_TYPES, type TicketStatus } from '../tickets/index.ts';
import type { Dimension } from './reports.schemas.ts';

// Display names of report rows and columns, in the reader's language. Reports are
// a read model: they look names up in other modules' tables and never write them.

const NAMED: Partial<Record<Dimension, { table: string; column: (locale: Locale) => string }>> = {
  unit: { table: 'units', column: () => 'name' },
  company: { table: 'companies', column: () => 'name' },
  team: { table: 'teams', column: () => 'name' },
  assignee: { table: 'users', column: () => 'name' },
  category: { table: 'ticket_categories', column: (locale) => (locale === 'en' ? 'name_en' : 'name_id') },
};

/** A value's place among the fixed values of its dimension (statuses in lifecycle order, P1 first); -1 for named ones. */
export function naturalOrder(dimension: Dimension): readonly string[] | null {
  if (dimension === 'status') return TICKET_STATUSES;
  if (dimension === 'priority') return PRIORITIES;
  if (dimension === 'type') return TICKET_TYPES;
  if (dimension === 'channel') return CHANNELS;
  return null;
}

/** Labels for the values (as strings; null is "none") of one dimension. */
export async function labelsOf(
  tx: Tx,
  locale: Locale,
  dimension: Dimension,
  values: (string | null)[],
): Promise<Map<string | null, string>> {
  const labels = new Map<string | null, string>();
  if (values.includes(null)) labels.set(null, t(locale, `reports.none.${dimension}`));
  const present = values.filter((v): v is string => v !== null);
  const named = NAMED[dimension];
  if (named && present.length) {
    const { rows } = await tx.execute<{ id: number; name: string }>(
      sql`SELECT id, ${sql.identifier(named.column(locale))} AS name FROM ${sql.identifier(named.table)} WHERE id IN ${present.map(Number)}`,
    );
    for (const r of rows) labels.set(String(r.id), r.name);
  } else if (dimension === 'status') {
    const label = await statusLabels(tx, locale);
    for (const v of present) labels.set(v, label(v as TicketStatus));
  } else {
    const key = dimension === 'priority' ? 'documents.priority' : dimension === 'type' ? 'tickets.type' : 'reports.channel';
    for (const v of present) labels.set(v, t(locale, `${key}.${v}`));
  }
  for (const v of present) if (!labels.has(v)) labels.set(v, v);
  return labels;
}

/** Orders values: fixed dimensions in their own order, named ones by their weight (largest first), then by label. */
export function orderValues(
  dimension: Dimension,
  values: (string | null)[],
  weight: (v: string | null) => number,
  labels: Map<string | null, string>,
): (string | null)[] {
  const natural = naturalOrder(dimension);
  return [...values].sort((a, b) => {
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    if (natural) return natural.indexOf(a) - natural.indexOf(b);
    return weight(b) - weight(a) || (labels.get(a) ?? '').localeCompare(labels.get(b) ?? '');
  });
}
