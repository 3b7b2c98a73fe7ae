-- Sign-in throttling per (account, client) and per client address. An attempt is
-- claimed under a row lock before the password is checked, so parallel guesses are
-- counted one after another; waits grow instead of locking the account for everyone.
CREATE TABLE login_throttles (
  key text PRIMARY KEY,
  attempts integer NOT NULL DEFAULT 0,
  blocked_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_throttles_updated_idx ON login_throttles (updated_at);

-- Reset tokens are found per user to invalidate the older ones when a new one is issued or used.
CREATE INDEX password_resets_user_idx ON password_resets (user_id) WHERE used_at IS NULL;
