-- Newest first (created_at DESC, id DESC) is the default order of every list and the order word search
-- walks: with the id in the key a backward scan yields it as is, instead of sorting whole rows per
-- created_at tie above the index (an Incremental Sort carrying every column).
CREATE INDEX tickets_created_order_idx ON tickets (created_at, id) INCLUDE (status, unit_id);
DROP INDEX tickets_created_idx;
ALTER INDEX tickets_created_order_idx RENAME TO tickets_created_idx;
