-- Issue 16 point 9: identity per company. A company's own name, primary colour and logo override the
-- organisation's (settings 'identity') for its signed-in users; NULL keeps the organisation's.
CREATE TABLE company_branding (
  company_id bigint PRIMARY KEY REFERENCES companies(id) ON DELETE CASCADE,
  name text,
  primary_color text CHECK (primary_color ~ '^#[0-9a-fA-F]{6}$'),
  logo_file_id bigint REFERENCES files(id),
  version integer NOT NULL DEFAULT 1,
  updated_by bigint REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
