-- Lapor Gangguan (004 Figure 9): a public form per company, switched on and
-- tuned by the Administrator, and the reports it received.
CREATE TABLE public_forms (
  company_id bigint PRIMARY KEY REFERENCES companies(id),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  enabled boolean NOT NULL DEFAULT false,
  -- The "public reporters" unit the tickets are placed in, and the team that picks them up.
  unit_id bigint NOT NULL REFERENCES units(id),
  team_id bigint REFERENCES teams(id),
  -- The organisation's public business services offered on the form.
  service_ids bigint[] NOT NULL DEFAULT '{}',
  -- Abuse protection: rate limits, minimum fill time, challenge (see intake.settings.ts).
  protection jsonb NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  updated_by bigint REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE public_reports (
  ticket_id bigint PRIMARY KEY REFERENCES tickets(id),
  company_id bigint NOT NULL REFERENCES companies(id),
  contact_id bigint NOT NULL REFERENCES contacts(id),
  -- 004's complaint method.
  method text NOT NULL CHECK (method IN ('web_form', 'phone', 'walk_in', 'email')),
  reporter_name text NOT NULL,
  phone text NOT NULL,
  email citext,
  address text NOT NULL,
  kelurahan text NOT NULL,
  kecamatan text NOT NULL,
  occurred_at timestamptz,
  ip text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX public_reports_phone_idx ON public_reports (phone, created_at);

-- Form tokens are single use: the nonce of each accepted token is kept for a day.
CREATE TABLE public_form_nonces (
  nonce text PRIMARY KEY,
  used_at timestamptz NOT NULL DEFAULT now()
);
