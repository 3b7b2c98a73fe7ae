import { bigint, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });
const money = (name: string) => bigint(name, { mode: 'bigint' });

/** What one division owes another for a fulfilled request; append-only (a correction is a reversal). */
export const charges = pgTable('charges', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  kind: text('kind').$type<'charge' | 'reversal'>().notNull(),
  requestId: ref('request_id').notNull(),
  reversalOf: ref('reversal_of'),
  requestingUnitId: ref('requesting_unit_id').notNull(),
  providingUnitId: ref('providing_unit_id').notNull(),
  itemId: ref('item_id').notNull(),
  versionId: ref('version_id').notNull(),
  quantityHundredths: integer('quantity_hundredths').notNull(),
  rate: money('rate').notNull(),
  amount: money('amount').notNull(),
  ticketId: ref('ticket_id'),
  reason: text('reason'),
  createdBy: ref('created_by'),
  chargedAt: at('charged_at').notNull().defaultNow(),
});
