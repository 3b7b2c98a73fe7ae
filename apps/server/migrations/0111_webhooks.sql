-- Outgoing webhooks (issue 18), lifted from change management's status webhooks into
-- one facility for every integration event. An endpoint subscribes to event types within
-- a scope (the organisation, a company or a unit and its sub-units); each event is stored
-- once with its id and versioned payload, and delivered to each subscribed endpoint with
-- retries (exponential backoff for 24 hours), in order per record.
CREATE TABLE webhook_endpoints (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  url text NOT NULL,
  events text[] NOT NULL CHECK (cardinality(events) > 0),
  scope_kind text NOT NULL CHECK (scope_kind IN ('organisation', 'company', 'unit')),
  company_id bigint REFERENCES companies(id),
  unit_id bigint REFERENCES units(id),
  -- The unit's path when the endpoint was saved (events match below it).
  unit_path text,
  -- AES-GCM sealed with APP_SECRET. After a rotation the previous secret keeps signing
  -- (a second v1 signature) until previous_secret_expires_at, so receivers switch without downtime.
  secret_encrypted text NOT NULL,
  previous_secret_encrypted text,
  previous_secret_expires_at timestamptz,
  active boolean NOT NULL DEFAULT true,
  disabled_reason text CHECK (disabled_reason IN ('manual', 'failures')),
  -- Failed attempts in a row; reaching WEBHOOK_DISABLE_AFTER disables the endpoint with a notice.
  failure_streak integer NOT NULL DEFAULT 0,
  created_by bigint REFERENCES users(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (
    (scope_kind = 'organisation' AND company_id IS NULL AND unit_id IS NULL)
    OR (scope_kind = 'company' AND company_id IS NOT NULL AND unit_id IS NULL)
    OR (scope_kind = 'unit' AND unit_id IS NOT NULL AND unit_path IS NOT NULL))
);

CREATE TABLE webhook_events (
  -- Receivers de-duplicate on this id: every retry and redelivery carries the same one.
  id text PRIMARY KEY,
  type text NOT NULL,
  -- The record the event is about (ticket:12): deliveries of one record go out in order.
  record_key text NOT NULL,
  company_id bigint NOT NULL,
  unit_path text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_events_created_idx ON webhook_events (created_at);

CREATE TABLE webhook_deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  endpoint_id bigint NOT NULL REFERENCES webhook_endpoints(id),
  event_id text NOT NULL REFERENCES webhook_events(id),
  record_key text NOT NULL,
  -- A manual redelivery is a new delivery of the same event.
  redelivery_of bigint REFERENCES webhook_deliveries(id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed', 'refused')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  response_status integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, id DESC);
CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (endpoint_id, record_key, id) WHERE status = 'pending';

-- Every attempt with the receiver's answer (or the error) and the wait chosen before the next one.
CREATE TABLE webhook_attempts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id bigint NOT NULL REFERENCES webhook_deliveries(id),
  at timestamptz NOT NULL,
  response_status integer,
  error text,
  retry_in_seconds integer
);
CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id, id);

-- Change management's receivers become endpoints for change status events across the organisation.
INSERT INTO webhook_endpoints (name, url, events, scope_kind, secret_encrypted, active, disabled_reason, created_by, created_at)
SELECT name, url, ARRAY['change.status_changed'], 'organisation', secret_encrypted, active,
  CASE WHEN active THEN NULL ELSE 'manual' END, created_by, created_at
FROM change_webhooks ORDER BY id;
DROP TABLE change_webhook_deliveries;
DROP TABLE change_webhooks;
