-- Change management (issue 13): requests for change with risk and approvals,
-- CAB votes and meetings, the change calendar with conflict detection in
-- PostgreSQL (range types, GiST with btree_gist), freezes and maintenance
-- windows, implementation tasks and post-implementation reviews.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Pre-approved models of standard changes: a standard change copies its plans.
CREATE TABLE change_templates (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  category text NOT NULL DEFAULT '',
  reason text NOT NULL DEFAULT '',
  impact text NOT NULL DEFAULT '',
  implementation_plan text NOT NULL,
  test_plan text NOT NULL,
  rollback_plan text NOT NULL,
  tasks text[] NOT NULL DEFAULT '{}',
  service_ids bigint[] NOT NULL DEFAULT '{}',
  team_id bigint REFERENCES teams(id),
  duration_minutes integer NOT NULL DEFAULT 60 CHECK (duration_minutes BETWEEN 5 AND 10080),
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_by bigint REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number text NOT NULL UNIQUE,
  type text NOT NULL CHECK (type IN ('standard', 'normal', 'emergency')),
  template_id bigint REFERENCES change_templates(id),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  reason text NOT NULL DEFAULT '',
  category text NOT NULL DEFAULT '',
  impact text NOT NULL DEFAULT '',
  implementation_plan text NOT NULL DEFAULT '',
  test_plan text NOT NULL DEFAULT '',
  rollback_plan text NOT NULL DEFAULT '',
  emergency_justification text,
  -- Where the change belongs: its requester's company and unit (scope checks need no join).
  company_id bigint NOT NULL REFERENCES companies(id),
  unit_id bigint NOT NULL REFERENCES units(id),
  unit_path text NOT NULL,
  requester_id bigint NOT NULL REFERENCES users(id),
  team_id bigint REFERENCES teams(id),
  implementer_id bigint REFERENCES users(id),
  planned_start timestamptz,
  planned_end timestamptz,
  -- The zone the window was proposed in (shown beside it); instants are UTC.
  time_zone text NOT NULL,
  -- Half-open, so a change ending at 02:00 and one starting at 02:00 do not overlap.
  planned tstzrange GENERATED ALWAYS AS (
    CASE WHEN planned_start IS NULL OR planned_end IS NULL THEN NULL ELSE tstzrange(planned_start, planned_end, '[)') END
  ) STORED,
  risk_answers jsonb NOT NULL DEFAULT '{}',
  risk_score smallint NOT NULL DEFAULT 0,
  risk_level text NOT NULL DEFAULT 'low' CHECK (risk_level IN ('low', 'medium', 'high')),
  risk_override text CHECK (risk_override IN ('low', 'medium', 'high')),
  risk_override_reason text,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'under_review', 'pending_approval', 'approved',
    'scheduled', 'in_progress', 'completed', 'failed', 'closed', 'rejected', 'cancelled')),
  approval_route text CHECK (approval_route IN ('auto', 'manager', 'cab', 'emergency_cab')),
  -- Each time a change is sent to approval a new round of votes starts.
  approval_round smallint NOT NULL DEFAULT 0,
  decision_source text CHECK (decision_source IN ('auto', 'manager', 'cab_rule', 'cab_meeting')),
  decided_by bigint REFERENCES users(id),
  decision_note text,
  freeze_justification text,
  outcome text CHECK (outcome IN ('successful', 'failed')),
  rollback_executed boolean,
  result_notes text,
  caused_incident boolean NOT NULL DEFAULT false,
  source text NOT NULL DEFAULT 'web' CHECK (source IN ('web', 'api')),
  submitted_at timestamptz,
  approved_at timestamptz,
  scheduled_at timestamptz,
  started_at timestamptz,
  finished_at timestamptz,
  closed_at timestamptz,
  cancelled_at timestamptz,
  created_by bigint NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end > planned_start)
);
-- What the calendar holds: approved, scheduled and in-progress changes.
CREATE INDEX changes_calendar_idx ON changes USING gist (planned) WHERE status IN ('approved', 'scheduled', 'in_progress');
CREATE INDEX changes_implementer_calendar_idx ON changes USING gist (implementer_id, planned)
  WHERE status IN ('approved', 'scheduled', 'in_progress');
CREATE INDEX changes_status_idx ON changes (status, updated_at DESC);
CREATE INDEX changes_requester_idx ON changes (requester_id, created_at DESC);
CREATE INDEX changes_unit_path_idx ON changes (unit_path text_pattern_ops);
CREATE INDEX changes_team_idx ON changes (team_id, finished_at);

-- Affected business services. The change's window and calendar state are copied
-- here by trigger so that "same service, overlapping window" is one GiST lookup.
CREATE TABLE change_services (
  change_id bigint NOT NULL REFERENCES changes(id),
  service_id bigint NOT NULL REFERENCES business_services(id),
  planned tstzrange,
  on_calendar boolean NOT NULL DEFAULT false,
  PRIMARY KEY (change_id, service_id)
);
CREATE INDEX change_services_calendar_idx ON change_services USING gist (service_id, planned) WHERE on_calendar;
CREATE INDEX change_services_service_idx ON change_services (service_id);

CREATE FUNCTION change_services_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT c.planned, c.status IN ('approved', 'scheduled', 'in_progress') INTO NEW.planned, NEW.on_calendar
  FROM changes c WHERE c.id = NEW.change_id;
  RETURN NEW;
END;
$$;
CREATE TRIGGER change_services_fill BEFORE INSERT ON change_services FOR EACH ROW EXECUTE FUNCTION change_services_fill();

CREATE FUNCTION changes_sync_services() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE change_services SET planned = NEW.planned, on_calendar = NEW.status IN ('approved', 'scheduled', 'in_progress')
  WHERE change_id = NEW.id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER changes_sync_services AFTER UPDATE OF planned_start, planned_end, status ON changes
  FOR EACH ROW WHEN (OLD.planned IS DISTINCT FROM NEW.planned OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION changes_sync_services();

-- Units the affected services serve, as the requester names them.
CREATE TABLE change_units (
  change_id bigint NOT NULL REFERENCES changes(id),
  unit_id bigint NOT NULL REFERENCES units(id),
  PRIMARY KEY (change_id, unit_id)
);

-- Tickets (incidents, requests) and service requests that triggered a change, and incidents it caused.
CREATE TABLE change_links (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  change_id bigint NOT NULL REFERENCES changes(id),
  ticket_id bigint REFERENCES tickets(id),
  request_id bigint REFERENCES service_requests(id),
  kind text NOT NULL CHECK (kind IN ('trigger', 'caused')),
  created_by bigint NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((ticket_id IS NULL) <> (request_id IS NULL)),
  CHECK (kind = 'trigger' OR ticket_id IS NOT NULL)
);
CREATE UNIQUE INDEX change_links_ticket_idx ON change_links (change_id, ticket_id) WHERE ticket_id IS NOT NULL;
CREATE UNIQUE INDEX change_links_request_idx ON change_links (change_id, request_id) WHERE request_id IS NOT NULL;

CREATE TABLE change_votes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  change_id bigint NOT NULL REFERENCES changes(id),
  round smallint NOT NULL,
  voter_id bigint NOT NULL REFERENCES users(id),
  vote text NOT NULL CHECK (vote IN ('approve', 'reject', 'abstain')),
  comment text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (change_id, round, voter_id)
);

CREATE TABLE change_tasks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  change_id bigint NOT NULL REFERENCES changes(id),
  position integer NOT NULL,
  text text NOT NULL,
  done boolean NOT NULL DEFAULT false,
  done_by bigint REFERENCES users(id),
  done_at timestamptz
);
CREATE INDEX change_tasks_change_idx ON change_tasks (change_id, position);

-- Post-implementation review; the change closes once it is written where required.
CREATE TABLE change_reviews (
  change_id bigint PRIMARY KEY REFERENCES changes(id),
  objectives_met boolean NOT NULL,
  side_effects text NOT NULL DEFAULT '',
  incidents_caused text NOT NULL DEFAULT '',
  lessons_learned text NOT NULL DEFAULT '',
  follow_up_actions text NOT NULL DEFAULT '',
  reviewed_by bigint NOT NULL REFERENCES users(id),
  reviewed_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);

CREATE TABLE change_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  change_id bigint NOT NULL REFERENCES changes(id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id bigint REFERENCES users(id),
  kind text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX change_events_change_idx ON change_events (change_id, at, id);

CREATE TABLE change_attachments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  change_id bigint NOT NULL REFERENCES changes(id),
  file_id bigint NOT NULL REFERENCES files(id),
  display_name text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL,
  uploaded_by bigint NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_attachments_change_idx ON change_attachments (change_id);

-- Blackout periods (month-end closing, Lebaran, election day): only emergency changes may enter, with a justification.
CREATE TABLE change_freezes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  reason text NOT NULL DEFAULT '',
  -- NULL: every company of the organisation.
  company_id bigint REFERENCES companies(id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  period tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
  active boolean NOT NULL DEFAULT true,
  created_by bigint REFERENCES users(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX change_freezes_period_idx ON change_freezes USING gist (period) WHERE active;

-- Weekly maintenance windows of a business service, in local time of their zone;
-- a window may run across midnight (start 23:00, 180 minutes).
CREATE TABLE change_maintenance_windows (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  service_id bigint NOT NULL REFERENCES business_services(id),
  -- ISO day of week of the start: 1 Monday … 7 Sunday.
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time time NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 10080),
  time_zone text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_by bigint REFERENCES users(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_maintenance_windows_service_idx ON change_maintenance_windows (service_id) WHERE active;

CREATE TABLE cab_meetings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  location text NOT NULL DEFAULT '',
  -- NULL: the whole organisation's CAB.
  company_id bigint REFERENCES companies(id),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
  minutes text NOT NULL DEFAULT '',
  created_by bigint NOT NULL REFERENCES users(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX cab_meetings_starts_idx ON cab_meetings (starts_at DESC);

CREATE TABLE cab_meeting_items (
  meeting_id bigint NOT NULL REFERENCES cab_meetings(id),
  change_id bigint NOT NULL REFERENCES changes(id),
  position integer NOT NULL,
  decision text CHECK (decision IN ('approve', 'reject', 'defer')),
  notes text NOT NULL DEFAULT '',
  decided_at timestamptz,
  PRIMARY KEY (meeting_id, change_id)
);
CREATE INDEX cab_meeting_items_change_idx ON cab_meeting_items (change_id);

-- Outbound webhooks told of every status change (kept apart so the integrations issue can generalise them).
CREATE TABLE change_webhooks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  url text NOT NULL,
  -- AES-GCM sealed with APP_SECRET; signs each delivery (HMAC-SHA256).
  secret_encrypted text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_by bigint REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE change_webhook_deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  webhook_id bigint NOT NULL REFERENCES change_webhooks(id),
  change_id bigint NOT NULL REFERENCES changes(id),
  -- One delivery per webhook and change version: a retried job or a second process never posts twice.
  change_version integer NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'refused')),
  attempts integer NOT NULL DEFAULT 0,
  response_status integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  UNIQUE (webhook_id, change_id, change_version)
);

-- A personal secret for the calendar feed URL (calendar apps cannot send a header); only its hash is kept.
CREATE TABLE change_calendar_feeds (
  user_id bigint PRIMARY KEY REFERENCES users(id),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
