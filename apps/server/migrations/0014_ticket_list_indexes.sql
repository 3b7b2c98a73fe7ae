-- A unit's own list (newest first) and dashboard counts answered from the index alone at a million tickets.
CREATE INDEX tickets_unit_created_idx ON tickets (unit_id, created_at DESC);
DROP INDEX tickets_created_idx;
CREATE INDEX tickets_created_idx ON tickets (created_at) INCLUDE (status, unit_id);
-- The priority sort now breaks ties by due date, so this index no longer gives the order; worse, the
-- planner multiplied its predicate with the status filter as if independent and chose it over the team index.
DROP INDEX tickets_open_priority_idx;
