-- Knowledge base (003 §2: solution summaries become the basis of a knowledge base).

CREATE TABLE knowledge_categories (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code text NOT NULL UNIQUE,
  name_id text NOT NULL,
  name_en text NOT NULL,
  sort integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- An article holds its published content (or, until first published, its working draft),
-- so that search reads one row. Each revision is kept in knowledge_article_versions.
CREATE TABLE knowledge_articles (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_review', 'published', 'retired')),
  visibility text NOT NULL DEFAULT 'everyone' CHECK (visibility IN ('everyone', 'agents', 'company')),
  company_id bigint REFERENCES companies(id),
  category_id bigint REFERENCES knowledge_categories(id),
  tags text[] NOT NULL DEFAULT '{}',
  title_id text NOT NULL,
  title_en text NOT NULL DEFAULT '',
  body_id text NOT NULL DEFAULT '',
  body_en text NOT NULL DEFAULT '',
  -- The published revision (0 until the first review approves one).
  revision integer NOT NULL DEFAULT 0,
  source_ticket_id bigint REFERENCES tickets(id),
  author_id bigint NOT NULL REFERENCES users(id),
  reviewer_id bigint REFERENCES users(id),
  published_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  -- Indonesian: the application expands every word into its candidate roots (knowledge.stemmer.ts)
  -- and writes them here; PostgreSQL has no Indonesian stemmer. English uses the 'english' configuration.
  title_tokens text NOT NULL DEFAULT '',
  body_tokens text NOT NULL DEFAULT '',
  search_id tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', title_tokens), 'A') || setweight(to_tsvector('simple', body_tokens), 'B')
  ) STORED,
  search_en tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title_en), 'A') ||
    setweight(to_tsvector('english', regexp_replace(body_en, '<[^>]*>', ' ', 'g')), 'B')
  ) STORED,
  CHECK ((visibility = 'company') = (company_id IS NOT NULL))
);
CREATE INDEX knowledge_articles_search_id_idx ON knowledge_articles USING gin (search_id);
CREATE INDEX knowledge_articles_search_en_idx ON knowledge_articles USING gin (search_en);
-- Misspelt titles still find their article (pg_trgm similarity).
CREATE INDEX knowledge_articles_title_trgm_idx ON knowledge_articles USING gin (unaccent_immutable(lower(title_id || ' ' || title_en)) gin_trgm_ops);
CREATE INDEX knowledge_articles_status_idx ON knowledge_articles (status, updated_at DESC);

CREATE TABLE knowledge_article_versions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id bigint NOT NULL REFERENCES knowledge_articles(id),
  revision integer NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'in_review', 'published', 'superseded', 'rejected')),
  title_id text NOT NULL,
  title_en text NOT NULL DEFAULT '',
  body_id text NOT NULL DEFAULT '',
  body_en text NOT NULL DEFAULT '',
  tags text[] NOT NULL DEFAULT '{}',
  category_id bigint REFERENCES knowledge_categories(id),
  visibility text NOT NULL,
  company_id bigint REFERENCES companies(id),
  author_id bigint NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  submitted_at timestamptz,
  reviewer_id bigint REFERENCES users(id),
  reviewed_at timestamptz,
  review_comment text,
  UNIQUE (article_id, revision)
);
-- At most one working (unpublished) revision per article.
CREATE UNIQUE INDEX knowledge_article_versions_working_idx ON knowledge_article_versions (article_id)
  WHERE status IN ('draft', 'in_review', 'rejected');

-- Articles sent to a ticket's requester in a reply.
CREATE TABLE knowledge_ticket_links (
  article_id bigint NOT NULL REFERENCES knowledge_articles(id),
  ticket_id bigint NOT NULL REFERENCES tickets(id),
  linked_by bigint NOT NULL REFERENCES users(id),
  linked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, ticket_id)
);
CREATE INDEX knowledge_ticket_links_ticket_idx ON knowledge_ticket_links (ticket_id);

-- "This solved my problem": a ticket that was never filed.
CREATE TABLE knowledge_deflections (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id bigint NOT NULL REFERENCES knowledge_articles(id),
  user_id bigint NOT NULL REFERENCES users(id),
  query text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_deflections_at_idx ON knowledge_deflections (at);
