-- External contacts (003: Request By, Company, Customer Email) and public
-- reporters (004), kept apart from users: they never sign in. A contact's email
-- receives automatic notices only once verified through a confirmation link.
CREATE TABLE contacts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The company of ours that serves the contact.
  company_id bigint NOT NULL REFERENCES companies(id),
  name text NOT NULL,
  email citext,
  -- E.164 (+628…).
  phone text,
  -- The contact's own organisation (003 "Company").
  organisation text,
  -- Where a public reporter lives (004 Figure 9), as last given.
  address text,
  kelurahan text,
  kecamatan text,
  -- The language they wrote in: their notices use it.
  locale text NOT NULL DEFAULT 'id' CHECK (locale IN ('id', 'en')),
  email_verified_at timestamptz,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX contacts_email_idx ON contacts (company_id, email) WHERE email IS NOT NULL;
CREATE INDEX contacts_phone_idx ON contacts (company_id, phone);

-- The contact a ticket is on behalf of (tickets of users need none). The
-- contact follows it on the public tracking page with a code derived from
-- APP_SECRET and this salt (HMAC): nothing stored reveals the code, and a new
-- salt would replace it.
CREATE TABLE ticket_contacts (
  ticket_id bigint PRIMARY KEY REFERENCES tickets(id),
  contact_id bigint NOT NULL REFERENCES contacts(id),
  tracking_salt text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_contacts_contact_idx ON ticket_contacts (contact_id);

-- Confirmation links: only the SHA-256 of the token is kept.
CREATE TABLE contact_verifications (
  token_hash text PRIMARY KEY,
  contact_id bigint NOT NULL REFERENCES contacts(id),
  email citext NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX contact_verifications_contact_idx ON contact_verifications (contact_id, created_at DESC);
