-- Row versions of the reference data edited as one document (the priority
-- matrix, the status labels): a PUT based on an older read answers 409 instead
-- of silently overwriting another Administrator's change.
CREATE TABLE ticket_reference_versions (
  name text PRIMARY KEY CHECK (name IN ('priority_matrix', 'status_labels')),
  version integer NOT NULL DEFAULT 1
);
INSERT INTO ticket_reference_versions (name) VALUES ('priority_matrix'), ('status_labels');
