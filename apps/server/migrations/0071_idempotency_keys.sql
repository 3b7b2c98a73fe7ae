-- Idempotent creates: a retried POST with the same Idempotency-Key gets the first answer.
-- The key is written in the same transaction as the record it creates, so a commit whose
-- answer was lost (a killed process) can never be repeated by the retry.
CREATE TABLE idempotency_keys (
  actor_id bigint NOT NULL,
  route text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status integer,
  body text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor_id, route, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
