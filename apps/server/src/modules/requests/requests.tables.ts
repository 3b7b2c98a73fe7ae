import type { RequestStatus } from '@ish/shared';
import { bigint, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });
const money = (name: string) => bigint(name, { mode: 'bigint' });

export type { RequestStatus };

export const serviceRequests = pgTable('service_requests', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  number: text('number').notNull(),
  itemId: ref('item_id').notNull(),
  versionId: ref('version_id').notNull(),
  requesterId: ref('requester_id').notNull(),
  unitId: ref('unit_id').notNull(),
  unitPath: text('unit_path').notNull(),
  companyId: ref('company_id').notNull(),
  providerUnitId: ref('provider_unit_id').notNull(),
  quantityHundredths: integer('quantity_hundredths').notNull(),
  rate: money('rate').notNull(),
  estimate: money('estimate').notNull(),
  answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
  status: text('status').$type<RequestStatus>().notNull(),
  ticketId: ref('ticket_id'),
  actualQuantityHundredths: integer('actual_quantity_hundredths'),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const requestFiles = pgTable('request_files', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  fileId: ref('file_id').notNull(),
  displayName: text('display_name').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  uploadedBy: ref('uploaded_by').notNull(),
  requestId: ref('request_id'),
  createdAt: at('created_at').notNull().defaultNow(),
});
