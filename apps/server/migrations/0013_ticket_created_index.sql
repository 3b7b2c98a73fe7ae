-- Dashboards count the tickets of a period across every unit: a plain index on the creation time.
CREATE INDEX tickets_created_idx ON tickets (created_at);
