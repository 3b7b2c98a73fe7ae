-- Integrations (issue 18): personal tokens may carry no scope (they act as their owner),
-- service tokens belong to an Administrator and act only inside a company or unit,
-- and every token remembers where it was last used from.
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_scopes_check;
ALTER TABLE api_tokens
  ADD COLUMN kind text NOT NULL DEFAULT 'personal' CHECK (kind IN ('personal', 'service')),
  ADD COLUMN scope_kind text CHECK (scope_kind IN ('company', 'unit')),
  ADD COLUMN company_id bigint REFERENCES companies(id),
  ADD COLUMN unit_id bigint REFERENCES units(id),
  ADD COLUMN last_used_ip text,
  ADD COLUMN revoked_by bigint REFERENCES users(id),
  ADD CONSTRAINT api_tokens_service_scope CHECK (
    (kind = 'personal' AND scope_kind IS NULL AND company_id IS NULL AND unit_id IS NULL)
    OR (kind = 'service' AND cardinality(scopes) > 0 AND (
      (scope_kind = 'company' AND company_id IS NOT NULL AND unit_id IS NULL)
      OR (scope_kind = 'unit' AND unit_id IS NOT NULL AND company_id IS NULL))));
CREATE INDEX api_tokens_service_idx ON api_tokens (kind, created_at DESC) WHERE kind = 'service';

-- The audit log names the API token a change was made with.
ALTER TABLE audit_log ADD COLUMN token_id bigint, ADD COLUMN token_name text;
