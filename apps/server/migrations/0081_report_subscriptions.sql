-- Scheduled reports: a reader subscribes to a report with its filters and gets
-- it by email (PDF or XLSX) daily, weekly (Monday) or monthly (the 1st) at
-- 07:00 in their time zone, covering the day, week or month just ended.
CREATE TABLE report_subscriptions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id),
  kind text NOT NULL CHECK (kind IN ('tickets', 'sla', 'workload', 'trends', 'completed', 'catalog')),
  -- The report's filters (without the period, which each run sets).
  query jsonb NOT NULL DEFAULT '{}',
  frequency text NOT NULL CHECK (frequency IN ('daily', 'weekly', 'monthly')),
  format text NOT NULL CHECK (format IN ('pdf', 'xlsx')),
  -- Colleagues who also receive it (Executives and Administrators only); each gets it in their own scope and language.
  recipient_ids bigint[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  next_run_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_subscriptions_due_idx ON report_subscriptions (next_run_at) WHERE active;
CREATE INDEX report_subscriptions_user_idx ON report_subscriptions (user_id);

-- One row per subscription and period sent: whichever process claims it first
-- sends, every other finds it taken.
CREATE TABLE report_deliveries (
  subscription_id bigint NOT NULL REFERENCES report_subscriptions(id),
  period text NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  recipients integer NOT NULL,
  PRIMARY KEY (subscription_id, period)
);
