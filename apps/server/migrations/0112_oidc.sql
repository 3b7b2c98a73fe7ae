-- Single sign-on with OpenID Connect (issue 18): identity providers per company, the
-- accounts they sign in, short-lived login transactions and the company's choice to
-- switch local passwords off (Administrators keep theirs as a break-glass login).
CREATE TABLE oidc_providers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  company_id bigint NOT NULL REFERENCES companies(id),
  -- In the sign-in URL: /api/v1/auth/oidc/{slug}/start
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  -- The button says "Sign in with {name}".
  name text NOT NULL,
  issuer text NOT NULL,
  client_id text NOT NULL,
  -- AES-GCM sealed with APP_SECRET.
  client_secret_encrypted text NOT NULL,
  -- Lower-case domains whose addresses may sign in (empty: any domain).
  allowed_domains text[] NOT NULL DEFAULT '{}',
  -- The claim naming the person's unit (e.g. department), and how its values map to unit codes.
  unit_claim text,
  unit_mapping jsonb NOT NULL DEFAULT '{}',
  -- Where a new person lands when the claim maps to no unit (none: they are refused).
  default_unit_id bigint REFERENCES units(id),
  default_role text NOT NULL DEFAULT 'requester',
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A person's account at a provider (its `sub`), linked to one user.
CREATE TABLE user_identities (
  provider_id bigint NOT NULL REFERENCES oidc_providers(id),
  subject text NOT NULL,
  user_id bigint NOT NULL REFERENCES users(id),
  email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider_id, subject)
);
CREATE INDEX user_identities_user_idx ON user_identities (user_id);

-- A sign-in in progress, bound to the browser by a cookie holding `id` (only its hash is kept);
-- single use, ten minutes. Kept in PostgreSQL so any server process can finish it.
CREATE TABLE oidc_logins (
  id_hash text PRIMARY KEY,
  provider_id bigint NOT NULL REFERENCES oidc_providers(id),
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_to text NOT NULL DEFAULT '/',
  expires_at timestamptz NOT NULL
);

-- The session a provider signed in, with the ID token for RP-initiated logout.
CREATE TABLE oidc_sessions (
  session_id text PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
  provider_id bigint NOT NULL REFERENCES oidc_providers(id),
  id_token text NOT NULL
);

CREATE TABLE company_sign_in (
  company_id bigint PRIMARY KEY REFERENCES companies(id),
  password_login boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
