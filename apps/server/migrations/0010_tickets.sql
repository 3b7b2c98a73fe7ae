-- Service desk: tickets, their reference data, conversation, files and timeline.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE; generated columns and indexes need an IMMUTABLE wrapper.
CREATE FUNCTION unaccent_immutable(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Gapless human numbers: one row per rendered prefix, incremented inside the
-- creating transaction (the row lock serialises concurrent creates; a rollback
-- returns the number).
CREATE TABLE number_sequences (
  key text PRIMARY KEY,
  value bigint NOT NULL
);

CREATE TABLE ticket_categories (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent_id bigint REFERENCES ticket_categories(id),
  code text NOT NULL UNIQUE,
  name_id text NOT NULL,
  name_en text NOT NULL,
  -- Security tickets escalate to the head of IT on creation (SOP 002 §4.h).
  is_security boolean NOT NULL DEFAULT false,
  sort integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE business_services (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  users_description text,
  description text,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE priority_matrix (
  urgency text NOT NULL CHECK (urgency IN ('high', 'medium', 'low')),
  impact text NOT NULL CHECK (impact IN ('high', 'medium', 'low')),
  priority text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4', 'P5')),
  PRIMARY KEY (urgency, impact)
);
-- 004 Table 5.
INSERT INTO priority_matrix (urgency, impact, priority) VALUES
  ('high', 'high', 'P1'), ('high', 'medium', 'P2'), ('high', 'low', 'P3'),
  ('medium', 'high', 'P2'), ('medium', 'medium', 'P3'), ('medium', 'low', 'P4'),
  ('low', 'high', 'P3'), ('low', 'medium', 'P4'), ('low', 'low', 'P5');

-- Display names of statuses per locale, editable (001 calls them Baru/Diproses/Selesai).
CREATE TABLE ticket_status_labels (
  status text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('id', 'en')),
  label text NOT NULL,
  PRIMARY KEY (status, locale)
);

CREATE TABLE tickets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number text NOT NULL UNIQUE,
  type text NOT NULL CHECK (type IN ('incident', 'request', 'question')),
  title text NOT NULL,
  description_html text NOT NULL DEFAULT '',
  category_id bigint REFERENCES ticket_categories(id),
  service_id bigint REFERENCES business_services(id),
  company_id bigint NOT NULL REFERENCES companies(id),
  requester_id bigint NOT NULL REFERENCES users(id),
  unit_id bigint NOT NULL REFERENCES units(id),
  -- The requester unit's path, copied so that scope filters need no join.
  unit_path text NOT NULL,
  contact_name text,
  contact_phone text,
  contact_email text,
  channel text NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'email', 'phone', 'walk_in', 'public_form')),
  urgency text NOT NULL CHECK (urgency IN ('high', 'medium', 'low')),
  impact text NOT NULL CHECK (impact IN ('high', 'medium', 'low')),
  priority text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4', 'P5')),
  priority_overridden boolean NOT NULL DEFAULT false,
  team_id bigint REFERENCES teams(id),
  assignee_id bigint REFERENCES users(id),
  -- Functional escalation: 1 service desk, 2 specialist team, 3 vendor.
  escalation_level smallint NOT NULL DEFAULT 1 CHECK (escalation_level BETWEEN 1 AND 3),
  vendor_id bigint REFERENCES vendors(id),
  vendor_ref text,
  -- Hierarchical escalation: 0 none, 1 team lead, 2 head of IT, 3 director.
  hierarchical_level smallint NOT NULL DEFAULT 0 CHECK (hierarchical_level BETWEEN 0 AND 3),
  tags text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'assigned', 'in_progress', 'pending', 'resolved', 'closed', 'cancelled')),
  pending_reason text CHECK (pending_reason IN ('requester', 'vendor', 'other')),
  solution_summary text,
  fulfilment text CHECK (fulfilment IN ('temporary', 'permanent')),
  locked boolean NOT NULL DEFAULT false,
  created_by bigint NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  first_response_at timestamptz,
  started_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  cancelled_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Minutes of work logged on the ticket (time tracking, 003 §7.4).
  time_spent_minutes integer NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  -- Replies' text, kept here so one index searches number, title, description and replies.
  replies_text text NOT NULL DEFAULT '',
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', unaccent_immutable(number || ' ' || title)), 'A') ||
    setweight(to_tsvector('simple', unaccent_immutable(regexp_replace(description_html, '<[^>]*>', ' ', 'g'))), 'B') ||
    setweight(to_tsvector('simple', unaccent_immutable(replies_text)), 'C')
  ) STORED
);

CREATE INDEX tickets_search_idx ON tickets USING gin (search);
CREATE INDEX tickets_number_trgm_idx ON tickets USING gin (number gin_trgm_ops);
CREATE INDEX tickets_unit_path_idx ON tickets (unit_path text_pattern_ops, created_at DESC);
CREATE INDEX tickets_company_status_idx ON tickets (company_id, status, created_at DESC);
CREATE INDEX tickets_team_status_idx ON tickets (team_id, status, priority, created_at DESC);
CREATE INDEX tickets_assignee_status_idx ON tickets (assignee_id, status, priority, created_at DESC);
CREATE INDEX tickets_requester_idx ON tickets (requester_id, created_at DESC);
CREATE INDEX tickets_open_priority_idx ON tickets (priority, created_at) WHERE status NOT IN ('closed', 'cancelled');
CREATE INDEX tickets_tags_idx ON tickets USING gin (tags);

CREATE TABLE ticket_watchers (
  ticket_id bigint NOT NULL REFERENCES tickets(id),
  user_id bigint NOT NULL REFERENCES users(id),
  PRIMARY KEY (ticket_id, user_id)
);
CREATE INDEX ticket_watchers_user_idx ON ticket_watchers (user_id);

-- Ordered action checklist (003 §7.3).
CREATE TABLE ticket_checklist_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets(id),
  position integer NOT NULL,
  text text NOT NULL,
  done boolean NOT NULL DEFAULT false,
  done_at timestamptz,
  done_by bigint REFERENCES users(id)
);
CREATE INDEX ticket_checklist_ticket_idx ON ticket_checklist_items (ticket_id, position);

CREATE TABLE ticket_comments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets(id),
  author_id bigint NOT NULL REFERENCES users(id),
  body_html text NOT NULL,
  internal boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_comments_ticket_idx ON ticket_comments (ticket_id, created_at);

CREATE TABLE ticket_attachments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets(id),
  comment_id bigint REFERENCES ticket_comments(id),
  file_id bigint NOT NULL REFERENCES files(id),
  -- The uploader's file name, cleaned, for display and download only.
  display_name text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL,
  internal boolean NOT NULL DEFAULT false,
  uploaded_by bigint NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_attachments_ticket_idx ON ticket_attachments (ticket_id);

-- The timeline: every change with actor, time and before → after. Append-only.
CREATE TABLE ticket_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets(id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id bigint REFERENCES users(id),
  kind text NOT NULL,
  -- Requesters see public entries; internal notes and internal changes are for agents.
  public boolean NOT NULL DEFAULT true,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, at, id);
CREATE TRIGGER ticket_events_no_update BEFORE UPDATE OR DELETE ON ticket_events
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();

CREATE TABLE ticket_links (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets(id),
  other_id bigint NOT NULL REFERENCES tickets(id),
  kind text NOT NULL CHECK (kind IN ('related', 'duplicate_of', 'parent_of')),
  created_by bigint NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (ticket_id, other_id, kind),
  CHECK (ticket_id <> other_id)
);
CREATE INDEX ticket_links_other_idx ON ticket_links (other_id);

CREATE TABLE saved_views (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id),
  name text NOT NULL,
  filters jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, name)
);
