-- Issue 16 point 9: a requester withdraws a request still waiting for approval; its open steps end "withdrawn".
ALTER TABLE approvals DROP CONSTRAINT approvals_state_check;
ALTER TABLE approvals ADD CONSTRAINT approvals_state_check CHECK (state IN ('waiting', 'pending', 'approved', 'rejected', 'expired', 'withdrawn'));
