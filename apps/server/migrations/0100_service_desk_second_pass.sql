-- Service desk, second pass (issue 16): what the SOPs still missed.

-- 003 §6: a team may require its lead to validate a technician's solution before the requester is asked to confirm.
ALTER TABLE teams ADD COLUMN validates_solutions boolean NOT NULL DEFAULT false;
-- A resolved ticket of such a team waits for its lead; the requester is asked only afterwards.
ALTER TABLE tickets ADD COLUMN awaiting_validation boolean NOT NULL DEFAULT false;
-- When the lead validated it: the requester's days to confirm count from here.
ALTER TABLE tickets ADD COLUMN solution_validated_at timestamptz;

-- Where a ticket came from when another module opened it (a service request's fulfilment): shown on the ticket.
ALTER TABLE tickets ADD COLUMN origin jsonb;

-- 002 §6.f: a temporary fulfilment opens a follow-up ticket for the permanent solution.
ALTER TABLE ticket_links DROP CONSTRAINT ticket_links_kind_check;
ALTER TABLE ticket_links ADD CONSTRAINT ticket_links_kind_check CHECK (kind IN ('related', 'duplicate_of', 'parent_of', 'follow_up'));
CREATE INDEX tickets_temporary_idx ON tickets (id) WHERE fulfilment = 'temporary';

-- 001 §3.7: attachments are removed (by their uploader before work starts, by a lead afterwards) but never forgotten.
ALTER TABLE ticket_attachments ADD COLUMN deleted_at timestamptz;
ALTER TABLE ticket_attachments ADD COLUMN deleted_by bigint REFERENCES users(id);

-- 004 Table 3: reports from people in certain positions (Kepala Pos, Kepala Bidang) are urgent.
ALTER TABLE users ADD COLUMN position text;
