-- A division's monthly budget for what it orders from other divisions, and
-- the thresholds (80 %, 100 %) already announced for a month: each once.
CREATE TABLE division_budgets (
  unit_id bigint PRIMARY KEY REFERENCES units(id),
  monthly_amount bigint NOT NULL CHECK (monthly_amount > 0),
  version integer NOT NULL DEFAULT 1,
  updated_by bigint REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE budget_alerts (
  unit_id bigint NOT NULL REFERENCES units(id),
  period text NOT NULL,
  threshold integer NOT NULL CHECK (threshold IN (80, 100)),
  spent bigint NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (unit_id, period, threshold)
);
