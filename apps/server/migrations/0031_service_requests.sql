-- Service requests ordered from the catalog, their approval steps, and the
-- charges recorded between divisions when fulfilment is done.

CREATE TABLE service_requests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number text NOT NULL UNIQUE,
  item_id bigint NOT NULL REFERENCES catalog_items(id),
  -- The version (and so the rate) the request was made under.
  version_id bigint NOT NULL REFERENCES catalog_item_versions(id),
  requester_id bigint NOT NULL REFERENCES users(id),
  unit_id bigint NOT NULL REFERENCES units(id),
  unit_path text NOT NULL,
  company_id bigint NOT NULL REFERENCES companies(id),
  provider_unit_id bigint NOT NULL REFERENCES units(id),
  -- Quantities in hundredths (2.5 hours = 250), so money math stays in integers.
  quantity_hundredths integer NOT NULL CHECK (quantity_hundredths > 0),
  rate bigint NOT NULL,
  estimate bigint NOT NULL,
  answers jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('submitted', 'pending_approval', 'approved', 'rejected', 'in_fulfilment', 'done', 'closed', 'cancelled')),
  ticket_id bigint REFERENCES tickets(id),
  actual_quantity_hundredths integer,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_requests_requester_idx ON service_requests (requester_id, created_at DESC);
CREATE INDEX service_requests_unit_idx ON service_requests (unit_path text_pattern_ops);
CREATE UNIQUE INDEX service_requests_ticket_idx ON service_requests (ticket_id) WHERE ticket_id IS NOT NULL;

-- A division's approval chain; a unit without its own uses its nearest ancestor's, else the defaults.
CREATE TABLE approval_steps (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id bigint NOT NULL REFERENCES units(id),
  position integer NOT NULL CHECK (position > 0),
  threshold bigint NOT NULL CHECK (threshold >= 0),
  role text,
  user_ids bigint[] NOT NULL DEFAULT '{}',
  UNIQUE (unit_id, position),
  CHECK (role IS NOT NULL OR cardinality(user_ids) > 0)
);

CREATE TABLE approvals (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id bigint NOT NULL REFERENCES service_requests(id),
  position integer NOT NULL,
  threshold bigint NOT NULL,
  role text,
  user_ids bigint[] NOT NULL DEFAULT '{}',
  -- waiting: an earlier step is still open.
  state text NOT NULL CHECK (state IN ('waiting', 'pending', 'approved', 'rejected', 'expired')),
  decided_by bigint REFERENCES users(id),
  comment text,
  decided_at timestamptz,
  due_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (request_id, position)
);
CREATE INDEX approvals_pending_idx ON approvals (state) WHERE state = 'pending';

CREATE TABLE charges (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('charge', 'reversal')),
  request_id bigint NOT NULL REFERENCES service_requests(id),
  reversal_of bigint REFERENCES charges(id),
  requesting_unit_id bigint NOT NULL REFERENCES units(id),
  providing_unit_id bigint NOT NULL REFERENCES units(id),
  item_id bigint NOT NULL REFERENCES catalog_items(id),
  version_id bigint NOT NULL REFERENCES catalog_item_versions(id),
  quantity_hundredths integer NOT NULL,
  rate bigint NOT NULL,
  -- rate × quantity rounded half-up to whole Rupiah; negative for a reversal.
  amount bigint NOT NULL,
  ticket_id bigint REFERENCES tickets(id),
  reason text,
  created_by bigint REFERENCES users(id),
  charged_at timestamptz NOT NULL DEFAULT now()
);
-- Exactly one charge per request, however often or concurrently "done" is sent; one reversal per charge.
CREATE UNIQUE INDEX charges_one_per_request_idx ON charges (request_id) WHERE kind = 'charge';
CREATE UNIQUE INDEX charges_one_reversal_idx ON charges (reversal_of) WHERE kind = 'reversal';
CREATE INDEX charges_requesting_idx ON charges (requesting_unit_id, charged_at);
CREATE INDEX charges_providing_idx ON charges (providing_unit_id, charged_at);
CREATE TRIGGER charges_no_update BEFORE UPDATE OR DELETE ON charges FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
