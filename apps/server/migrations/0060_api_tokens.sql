-- API tokens (issue 13, extended by the integrations issue): a user's secret for
-- machines such as CI/CD pipelines. Only the SHA-256 of the token is stored; the
-- token is shown once. A token acts as its owner narrowed to its scopes.
CREATE TABLE api_tokens (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  -- The first characters of the token, so its owner can tell tokens apart.
  prefix text NOT NULL,
  scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at DESC);
