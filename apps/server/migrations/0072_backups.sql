-- Backup runs: scheduled (one per local day), started by an Administrator, or by `npm run backup`.
CREATE TABLE backups (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  trigger text NOT NULL CHECK (trigger IN ('scheduled', 'manual', 'command')),
  -- The organisation's local day a scheduled run belongs to: at most one per day across all processes.
  scheduled_for date UNIQUE,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
  file_name text,
  size_bytes bigint,
  sha256 text,
  error text,
  started_by bigint REFERENCES users(id),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  -- Set when retention removed the archive file.
  pruned_at timestamptz
);
CREATE INDEX backups_started_idx ON backups (started_at DESC);
