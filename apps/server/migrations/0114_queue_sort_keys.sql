-- Queues read as an index-ordered top-N (issue #19, point 2).
--
-- The agent queue sorts by priority, then resolution due date, then age. The due date lived only in
-- ticket_slas, so every open ticket of a team was joined and sorted to find the first page. It is now
-- copied onto the ticket row, kept in step by a trigger in the same transaction as any change of the
-- SLA clock (start, pause/resume, priority or policy change, reopen; also bulk loads and seeds).
ALTER TABLE tickets ADD COLUMN resolution_due_at timestamptz;

UPDATE tickets t SET resolution_due_at = s.resolution_due_at
FROM ticket_slas s WHERE s.ticket_id = t.id AND s.resolution_due_at IS NOT NULL;

CREATE FUNCTION ticket_slas_copy_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE tickets SET resolution_due_at = NULL WHERE id = OLD.ticket_id AND resolution_due_at IS NOT NULL;
  ELSE
    UPDATE tickets SET resolution_due_at = NEW.resolution_due_at
    WHERE id = NEW.ticket_id AND resolution_due_at IS DISTINCT FROM NEW.resolution_due_at;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER ticket_slas_copy_due_insert AFTER INSERT OR DELETE ON ticket_slas
  FOR EACH ROW EXECUTE FUNCTION ticket_slas_copy_due();
CREATE TRIGGER ticket_slas_copy_due_update AFTER UPDATE OF resolution_due_at ON ticket_slas
  FOR EACH ROW WHEN (OLD.resolution_due_at IS DISTINCT FROM NEW.resolution_due_at) EXECUTE FUNCTION ticket_slas_copy_due();

-- Open tickets only (a small share of all), in the queue's order, with the columns the visibility
-- condition reads, so the first page and its capped count come from the index alone.
CREATE INDEX tickets_team_queue_idx ON tickets (team_id, priority, resolution_due_at, created_at, id DESC)
  INCLUDE (status, requester_id, assignee_id, company_id, unit_path)
  WHERE status IN ('new', 'assigned', 'in_progress', 'pending', 'resolved');
CREATE INDEX tickets_assignee_queue_idx ON tickets (assignee_id, priority, resolution_due_at, created_at, id DESC)
  INCLUDE (status, requester_id, team_id, company_id, unit_path)
  WHERE status IN ('new', 'assigned', 'in_progress', 'pending', 'resolved');

-- A unit's list, newest first with the id tie-break, and the visibility columns for its count.
DROP INDEX tickets_unit_created_idx;
CREATE INDEX tickets_unit_created_idx ON tickets (unit_id, created_at DESC, id DESC)
  INCLUDE (requester_id, assignee_id, team_id, company_id, unit_path);
