-- Every message the helpdesk address received and what became of it: a new
-- ticket, a reply threaded into one, quarantined for an agent, or dropped
-- (auto-replies, bounces, bulk mail: never answered, so no mail loops).
CREATE TABLE inbound_mail (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now(),
  source text NOT NULL CHECK (source IN ('smtp', 'imap')),
  -- Message-ID, else the SHA-256 of the raw message: a message is handled once.
  dedupe_key text NOT NULL UNIQUE,
  message_id text,
  from_address citext,
  from_name text,
  subject text,
  outcome text NOT NULL CHECK (outcome IN ('created', 'threaded', 'quarantined', 'dropped', 'released', 'discarded')),
  reason text,
  ticket_id bigint REFERENCES tickets(id),
  company_id bigint REFERENCES companies(id),
  -- The original message (kept for quarantined mail; tickets keep theirs as an .eml attachment).
  raw_file_id bigint REFERENCES files(id),
  -- SPF, DKIM and DMARC results; envelope (client address, HELO, MAIL FROM); refused attachments.
  auth jsonb NOT NULL DEFAULT '{}',
  details jsonb NOT NULL DEFAULT '{}',
  decided_by bigint REFERENCES users(id),
  decided_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX inbound_mail_quarantine_idx ON inbound_mail (received_at DESC) WHERE outcome = 'quarantined';
CREATE INDEX inbound_mail_sender_idx ON inbound_mail (from_address, received_at);
CREATE INDEX inbound_mail_message_idx ON inbound_mail (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX inbound_mail_ticket_idx ON inbound_mail (ticket_id, received_at);
