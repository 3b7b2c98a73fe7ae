-- Service catalog: priced services registered by provider divisions, approved
-- by the Catalog Manager, versioned so a request keeps the terms it was made under.

CREATE TABLE catalog_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  provider_unit_id bigint NOT NULL REFERENCES units(id),
  team_id bigint REFERENCES teams(id),
  -- The version orderable now (NULL until first published) and the one being edited or reviewed.
  published_version_id bigint,
  working_version_id bigint,
  retired boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_by bigint NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE catalog_item_versions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id bigint NOT NULL REFERENCES catalog_items(id),
  number integer NOT NULL,
  state text NOT NULL CHECK (state IN ('draft', 'pending_approval', 'published', 'rejected', 'superseded')),
  name_id text NOT NULL,
  name_en text NOT NULL,
  description_id text NOT NULL DEFAULT '',
  description_en text NOT NULL DEFAULT '',
  category text NOT NULL,
  cost_model text NOT NULL CHECK (cost_model IN ('fixed', 'per_hour', 'per_unit')),
  -- Whole Rupiah per unit, hour, or per request when fixed.
  rate bigint NOT NULL CHECK (rate >= 0),
  unit_label text,
  response_minutes integer NOT NULL CHECK (response_minutes > 0),
  resolution_minutes integer NOT NULL CHECK (resolution_minutes > 0),
  predefined boolean NOT NULL DEFAULT true,
  always_approval boolean NOT NULL DEFAULT false,
  -- {"all": true} or {"companyIds": [...], "unitIds": [...]} (a unit includes its sub-units).
  audience jsonb NOT NULL DEFAULT '{"all": true}',
  form jsonb NOT NULL DEFAULT '[]',
  rejection_reason text,
  submitted_at timestamptz,
  decided_by bigint REFERENCES users(id),
  decided_at timestamptz,
  created_by bigint NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (item_id, number)
);
CREATE INDEX catalog_item_versions_state_idx ON catalog_item_versions (state) WHERE state = 'pending_approval';
ALTER TABLE catalog_items ADD FOREIGN KEY (published_version_id) REFERENCES catalog_item_versions(id);
ALTER TABLE catalog_items ADD FOREIGN KEY (working_version_id) REFERENCES catalog_item_versions(id);
