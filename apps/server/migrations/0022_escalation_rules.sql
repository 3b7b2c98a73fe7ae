-- Escalation rules: when (a share of a target reached, a target breached, or
-- no update for N hours; optionally only for some priorities, categories,
-- teams) then what (notify someone, escalate, reassign, raise the priority).

CREATE TABLE escalation_rules (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  trigger text NOT NULL CHECK (trigger IN ('percent', 'breach', 'idle')),
  target text NOT NULL DEFAULT 'resolution' CHECK (target IN ('response', 'resolution')),
  percent integer CHECK (percent BETWEEN 1 AND 99),
  idle_hours integer CHECK (idle_hours > 0),
  priorities text[] NOT NULL DEFAULT '{}',
  category_ids bigint[] NOT NULL DEFAULT '{}',
  team_ids bigint[] NOT NULL DEFAULT '{}',
  action text NOT NULL CHECK (action IN ('notify_assignee', 'notify_lead', 'notify_role', 'notify_user', 'escalate_level', 'reassign', 'raise_priority')),
  role text,
  user_id bigint REFERENCES users(id),
  team_id bigint REFERENCES teams(id),
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (trigger <> 'percent' OR percent IS NOT NULL),
  CHECK (trigger <> 'idle' OR idle_hours IS NOT NULL)
);

-- A rule fires once per ticket and occurrence (idle rules once per quiet spell).
CREATE TABLE escalation_rule_firings (
  rule_id bigint NOT NULL REFERENCES escalation_rules(id),
  ticket_id bigint NOT NULL REFERENCES tickets(id),
  occurrence text NOT NULL,
  fired_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (rule_id, ticket_id, occurrence)
);

INSERT INTO escalation_rules (name, trigger, target, percent, action) VALUES
  ('75% waktu penyelesaian → petugas', 'percent', 'resolution', 75, 'notify_assignee'),
  ('SLA terlampaui → ketua tim', 'breach', 'resolution', NULL, 'notify_lead'),
  ('SLA terlampaui → naik satu level', 'breach', 'resolution', NULL, 'escalate_level');

-- Automation: reminders and auto-close need to know what was already sent.
ALTER TABLE tickets ADD COLUMN close_reminder_at timestamptz;
ALTER TABLE tickets ADD COLUMN pending_reminder_at timestamptz;
