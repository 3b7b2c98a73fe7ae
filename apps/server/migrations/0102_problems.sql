-- Problem management (ITIL; 004's suggestion): the cause behind many incidents.
CREATE TABLE problems (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number text NOT NULL UNIQUE,
  title text NOT NULL,
  description_html text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'investigating', 'known_error', 'resolved', 'closed')),
  company_id bigint NOT NULL REFERENCES companies(id),
  -- Incidents of this service and category get the "known error" hint.
  service_id bigint REFERENCES business_services(id),
  category_id bigint REFERENCES ticket_categories(id),
  owner_id bigint REFERENCES users(id),
  root_cause text,
  workaround text,
  permanent_fix text,
  -- The known error's workaround, published in the knowledge base.
  article_id bigint REFERENCES knowledge_articles(id),
  created_by bigint NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX problems_hint_idx ON problems (service_id, category_id) WHERE status = 'known_error';
CREATE INDEX problems_company_status_idx ON problems (company_id, status, updated_at DESC);

CREATE TABLE problem_incidents (
  problem_id bigint NOT NULL REFERENCES problems(id),
  ticket_id bigint NOT NULL REFERENCES tickets(id),
  linked_by bigint NOT NULL REFERENCES users(id),
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (problem_id, ticket_id)
);
CREATE INDEX problem_incidents_ticket_idx ON problem_incidents (ticket_id);

-- The problem's timeline: every change with who and when. Append-only.
CREATE TABLE problem_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  problem_id bigint NOT NULL REFERENCES problems(id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id bigint REFERENCES users(id),
  kind text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX problem_events_problem_idx ON problem_events (problem_id, at, id);
CREATE TRIGGER problem_events_no_update BEFORE UPDATE OR DELETE ON problem_events
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
