-- Files answering an order form's "file" questions. Uploaded before the request
-- exists (request_id NULL), then claimed by exactly one request of their uploader.
CREATE TABLE request_files (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_id bigint NOT NULL REFERENCES files(id),
  -- The uploader's file name, cleaned, for display and download only.
  display_name text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL,
  uploaded_by bigint NOT NULL REFERENCES users(id),
  request_id bigint REFERENCES service_requests(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX request_files_request_idx ON request_files (request_id);
CREATE INDEX request_files_unclaimed_idx ON request_files (created_at) WHERE request_id IS NULL;

-- How long a step may stay undecided, per step of a division's chain (issue 5: "expire after N days").
ALTER TABLE approval_steps ADD COLUMN expiry_days integer NOT NULL DEFAULT 3 CHECK (expiry_days BETWEEN 1 AND 30);
ALTER TABLE approvals ADD COLUMN expiry_days integer NOT NULL DEFAULT 3 CHECK (expiry_days BETWEEN 1 AND 30);


-- Lists page on the server, newest first.
CREATE INDEX service_requests_created_idx ON service_requests (created_at DESC, id DESC);
