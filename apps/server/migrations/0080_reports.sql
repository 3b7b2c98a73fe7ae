-- Reports & Analytics read models, owned by the reports module and kept by the
-- ticket and SLA writes in the same transaction (domain events).

-- Per ticket: what it is counted under right now. A change re-reads the ticket
-- and moves its count from the old cell to the new one.
CREATE TABLE report_ticket_keys (
  ticket_id bigint PRIMARY KEY REFERENCES tickets(id),
  company_id bigint NOT NULL,
  unit_id bigint NOT NULL,
  unit_path text NOT NULL,
  team_id bigint,
  assignee_id bigint,
  category_id bigint,
  type text NOT NULL,
  channel text NOT NULL,
  status text NOT NULL,
  priority text NOT NULL,
  -- Days in the ticket's company's time zone.
  created_day date NOT NULL,
  -- The day it was resolved (or cancelled); NULL while open.
  finished_day date,
  -- SLA per target: none (no clock), open, met or breached.
  response_state text NOT NULL,
  resolution_state text NOT NULL,
  -- Business minutes once the target is decided.
  response_minutes double precision,
  resolution_minutes double precision,
  reopened integer NOT NULL DEFAULT 0
);
CREATE INDEX report_ticket_keys_created_idx ON report_ticket_keys (created_day);
CREATE INDEX report_ticket_keys_finished_idx ON report_ticket_keys (finished_day) WHERE finished_day IS NOT NULL;
CREATE INDEX report_ticket_keys_assignee_idx ON report_ticket_keys (assignee_id, status);
-- The backlog: tickets not finished yet.
CREATE INDEX report_ticket_keys_open_idx ON report_ticket_keys (created_day) WHERE finished_day IS NULL;

-- Tickets per created day × unit × team × status × priority. Writers only
-- append signed rows (+1 for the new cell, -1 for the old), so concurrent
-- tickets never wait on a shared counter row; a job merges each touched day's
-- rows into one per cell within a minute (compacted). Reads sum, so they are
-- exact whether or not a day was merged yet.
CREATE TABLE report_ticket_days (
  day date NOT NULL,
  company_id bigint NOT NULL,
  unit_id bigint NOT NULL,
  unit_path text NOT NULL,
  team_id bigint,
  status text NOT NULL,
  priority text NOT NULL,
  tickets integer NOT NULL,
  compacted boolean NOT NULL DEFAULT false
);
CREATE INDEX report_ticket_days_day_idx ON report_ticket_days (day) INCLUDE (company_id, unit_id, unit_path, team_id, status, priority, tickets);
CREATE INDEX report_ticket_days_fresh_idx ON report_ticket_days (day) WHERE NOT compacted;

-- The same per created month (its first day): a month's recap reads a few
-- thousand rows instead of a row per day and cell.
CREATE TABLE report_ticket_months (
  month date NOT NULL,
  company_id bigint NOT NULL,
  unit_id bigint NOT NULL,
  unit_path text NOT NULL,
  team_id bigint,
  status text NOT NULL,
  priority text NOT NULL,
  tickets integer NOT NULL,
  compacted boolean NOT NULL DEFAULT false
);
CREATE INDEX report_ticket_months_month_idx ON report_ticket_months (month) INCLUDE (company_id, unit_id, unit_path, team_id, status, priority, tickets);
CREATE INDEX report_ticket_months_fresh_idx ON report_ticket_months (month) WHERE NOT compacted;

-- SLA outcomes per created day × unit × team × priority × category, same scheme.
CREATE TABLE report_sla_days (
  day date NOT NULL,
  company_id bigint NOT NULL,
  unit_id bigint NOT NULL,
  unit_path text NOT NULL,
  team_id bigint,
  priority text NOT NULL,
  category_id bigint,
  response_met integer NOT NULL DEFAULT 0,
  response_breached integer NOT NULL DEFAULT 0,
  resolution_met integer NOT NULL DEFAULT 0,
  resolution_breached integer NOT NULL DEFAULT 0,
  compacted boolean NOT NULL DEFAULT false
);
CREATE INDEX report_sla_days_day_idx ON report_sla_days (day);
CREATE INDEX report_sla_days_fresh_idx ON report_sla_days (day) WHERE NOT compacted;
