-- Internal billing: monthly invoices per requesting division, made of the
-- charges recorded when fulfilment is done. Every charge lands on exactly one
-- invoice (a unique charge_id on the lines); an invoice's total is the sum of
-- its stored lines (checked by the database at commit).

-- Per company: when invoices are made, how they are numbered and signed, and
-- whether they wait for review. A company without a row uses these defaults.
CREATE TABLE billing_settings (
  company_id bigint PRIMARY KEY REFERENCES companies(id),
  invoice_day integer NOT NULL DEFAULT 1 CHECK (invoice_day BETWEEN 1 AND 28),
  payment_term_days integer NOT NULL DEFAULT 14 CHECK (payment_term_days BETWEEN 1 AND 180),
  number_pattern text NOT NULL DEFAULT 'INV/{YYYY}/{MM}/{seq}',
  signatory_name text NOT NULL DEFAULT '',
  signatory_title text NOT NULL DEFAULT '',
  auto_issue boolean NOT NULL DEFAULT true,
  notify_approvers boolean NOT NULL DEFAULT true,
  reminder_days integer NOT NULL DEFAULT 3 CHECK (reminder_days BETWEEN 0 AND 60),
  version integer NOT NULL DEFAULT 1,
  updated_by bigint REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE invoices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  company_id bigint NOT NULL REFERENCES companies(id),
  -- The requesting division that pays, and its place in the tree (for scope checks).
  unit_id bigint NOT NULL REFERENCES units(id),
  unit_path text NOT NULL,
  period text NOT NULL CHECK (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  -- Given when issued (drafts have none), from the company's pattern, gapless per company and year.
  number text UNIQUE,
  status text NOT NULL CHECK (status IN ('draft', 'issued', 'overdue', 'disputed', 'paid')),
  total bigint NOT NULL DEFAULT 0,
  issued_at timestamptz,
  due_date date,
  paid_at timestamptz,
  reminded_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- One invoice per division and period, however often or from however many processes the period is run.
  UNIQUE (company_id, period, unit_id)
);
CREATE INDEX invoices_unit_idx ON invoices (unit_path text_pattern_ops, period DESC);
CREATE INDEX invoices_period_idx ON invoices (period DESC, id DESC);
CREATE INDEX invoices_open_idx ON invoices (due_date) WHERE status IN ('issued', 'overdue', 'disputed');

-- The charges on an invoice, copied as they were (service, version, provider,
-- numbers, quantity, rate, amount), so an issued invoice reads the same forever.
CREATE TABLE invoice_lines (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_id bigint NOT NULL REFERENCES invoices(id),
  charge_id bigint NOT NULL UNIQUE REFERENCES charges(id),
  -- charge; reversal (a correction carried onto this invoice); adjustment (a settled dispute on this invoice).
  kind text NOT NULL CHECK (kind IN ('charge', 'reversal', 'adjustment')),
  -- Recorded in an earlier month than the invoice's (after that month's run).
  carried_over boolean NOT NULL DEFAULT false,
  reverses_charge_id bigint REFERENCES charges(id),
  providing_unit_id bigint NOT NULL REFERENCES units(id),
  providing_company_id bigint NOT NULL REFERENCES companies(id),
  providing_unit_path text NOT NULL,
  provider_name text NOT NULL,
  item_name_id text NOT NULL,
  item_name_en text NOT NULL,
  item_version integer NOT NULL,
  cost_model text NOT NULL,
  unit_label text,
  request_number text NOT NULL,
  ticket_number text,
  quantity_hundredths integer NOT NULL,
  rate bigint NOT NULL,
  amount bigint NOT NULL,
  reason text,
  charged_at timestamptz NOT NULL
);
CREATE INDEX invoice_lines_invoice_idx ON invoice_lines (invoice_id, id);
CREATE INDEX invoice_lines_provider_idx ON invoice_lines (providing_unit_path text_pattern_ops);
CREATE TRIGGER invoice_lines_no_update BEFORE UPDATE OR DELETE ON invoice_lines
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

-- The total is the sum of the stored lines, always: checked when the transaction commits.
CREATE FUNCTION invoice_total_matches(target bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT total FROM invoices WHERE id = target)
     IS DISTINCT FROM (SELECT coalesce(sum(amount), 0) FROM invoice_lines WHERE invoice_id = target) THEN
    RAISE EXCEPTION 'invoice % total is not the sum of its lines', target USING ERRCODE = 'check_violation';
  END IF;
END;
$$;
CREATE FUNCTION invoices_check_total() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM invoice_total_matches(NEW.id);
  RETURN NULL;
END;
$$;
CREATE FUNCTION invoice_lines_check_total() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM invoice_total_matches(NEW.invoice_id);
  RETURN NULL;
END;
$$;
CREATE CONSTRAINT TRIGGER invoice_lines_total AFTER INSERT ON invoice_lines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION invoice_lines_check_total();
CREATE CONSTRAINT TRIGGER invoices_total AFTER INSERT OR UPDATE ON invoices
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION invoices_check_total();

-- A paid invoice never changes, and nothing is added to it.
CREATE FUNCTION invoices_refuse_paid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'paid' THEN
    RAISE EXCEPTION 'invoice % is paid and never changes', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END;
$$;
CREATE TRIGGER invoices_paid_frozen BEFORE UPDATE OR DELETE ON invoices
  FOR EACH ROW EXECUTE FUNCTION invoices_refuse_paid_change();
CREATE FUNCTION invoice_lines_refuse_paid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT status FROM invoices WHERE id = NEW.invoice_id) = 'paid' THEN
    RAISE EXCEPTION 'invoice % is paid and never changes', NEW.invoice_id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER invoice_lines_paid_frozen BEFORE INSERT ON invoice_lines
  FOR EACH ROW EXECUTE FUNCTION invoice_lines_refuse_paid();

-- The invoice's timeline: every step, who and when (append-only).
CREATE TABLE invoice_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_id bigint NOT NULL REFERENCES invoices(id),
  kind text NOT NULL,
  actor_id bigint REFERENCES users(id),
  data jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL
);
CREATE INDEX invoice_events_invoice_idx ON invoice_events (invoice_id, at, id);
CREATE TRIGGER invoice_events_no_update BEFORE UPDATE OR DELETE ON invoice_events
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

-- The requesting division's confirmation of payment: one per invoice.
CREATE TABLE invoice_payments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_id bigint NOT NULL UNIQUE REFERENCES invoices(id),
  reference text NOT NULL,
  paid_on date NOT NULL,
  amount bigint NOT NULL,
  proof_file_id bigint REFERENCES files(id),
  proof_name text,
  proof_type text,
  proof_size integer,
  confirmed_by bigint NOT NULL REFERENCES users(id),
  confirmed_at timestamptz NOT NULL
);

-- A contested set of lines of one providing division, and how it ended.
CREATE TABLE invoice_disputes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_id bigint NOT NULL REFERENCES invoices(id),
  providing_unit_id bigint NOT NULL REFERENCES units(id),
  status text NOT NULL CHECK (status IN ('open', 'accepted', 'rejected', 'escalated', 'decided')),
  reason text NOT NULL,
  disputed_amount bigint NOT NULL CHECK (disputed_amount > 0),
  file_id bigint REFERENCES files(id),
  file_name text,
  file_type text,
  file_size integer,
  raised_by bigint NOT NULL REFERENCES users(id),
  raised_at timestamptz NOT NULL,
  -- The provider's answer: accepted_amount > 0 when accepted (in full or in part).
  answer text,
  accepted_amount bigint CHECK (accepted_amount > 0),
  answered_by bigint REFERENCES users(id),
  answered_at timestamptz,
  escalation_reason text,
  escalated_by bigint REFERENCES users(id),
  escalated_at timestamptz,
  -- The Administrator's or Executive's final decision on an escalated dispute.
  decision text CHECK (decision IN ('accept', 'reject')),
  decision_reason text,
  decided_amount bigint CHECK (decided_amount > 0),
  decided_by bigint REFERENCES users(id),
  decided_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX invoice_disputes_invoice_idx ON invoice_disputes (invoice_id, id);

CREATE TABLE invoice_dispute_lines (
  dispute_id bigint NOT NULL REFERENCES invoice_disputes(id),
  line_id bigint NOT NULL REFERENCES invoice_lines(id),
  PRIMARY KEY (dispute_id, line_id)
);
CREATE INDEX invoice_dispute_lines_line_idx ON invoice_dispute_lines (line_id);

-- Every run of a period, scheduled or by hand, and what it created.
CREATE TABLE billing_runs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  company_id bigint NOT NULL REFERENCES companies(id),
  period text NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual')),
  created integer NOT NULL,
  run_by bigint REFERENCES users(id),
  at timestamptz NOT NULL
);
CREATE INDEX billing_runs_company_idx ON billing_runs (company_id, period);
