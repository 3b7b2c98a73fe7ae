-- An undecided approval step is reminded once before it expires; an expired step ends its request.
ALTER TABLE approvals ADD COLUMN reminded_at timestamptz;
ALTER TABLE service_requests DROP CONSTRAINT service_requests_status_check;
ALTER TABLE service_requests ADD CONSTRAINT service_requests_status_check
  CHECK (status IN ('submitted', 'pending_approval', 'approved', 'rejected', 'expired', 'in_fulfilment', 'done', 'closed', 'cancelled'));
CREATE INDEX approvals_due_idx ON approvals (due_at) WHERE state = 'pending';
