import { DEFAULT_TIME_ZONE } from '@ish/shared';
import { bigint, boolean, date, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const id = () => bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity();
const ref = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const businessCalendars = pgTable('business_calendars', {
  id: id(),
  nameId: text('name_id').notNull(),
  nameEn: text('name_en').notNull(),
  companyId: ref('company_id'),
  teamId: ref('team_id'),
  timeZone: text('time_zone').notNull().default(DEFAULT_TIME_ZONE),
  always: boolean('always').notNull().default(false),
  hours: jsonb('hours').$type<[number, number][][]>().notNull(),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const holidays = pgTable('holidays', {
  id: id(),
  calendarId: ref('calendar_id'),
  day: date('day').notNull(),
  nameId: text('name_id').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text('kind').$type<'national' | 'cuti_bersama' | 'local'>().notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});
