-- Issue 19 point 4: fewer statements per ticket write.

-- What a ticket is counted under in the reports' read models (days in its company's time zone).
-- The rebuild and the per-ticket sync below read the same view.
CREATE VIEW report_ticket_facts AS
  SELECT t.id AS ticket_id, t.company_id, t.unit_id, t.unit_path, t.team_id, t.assignee_id, t.category_id,
    t.type::text AS type, t.channel::text AS channel, t.status::text AS status, t.priority::text AS priority,
    (t.created_at AT TIME ZONE c.time_zone)::date AS created_day,
    CASE WHEN t.status IN ('resolved', 'closed') THEN (coalesce(t.resolved_at, t.closed_at) AT TIME ZONE c.time_zone)::date
         WHEN t.status = 'cancelled' THEN (t.cancelled_at AT TIME ZONE c.time_zone)::date END AS finished_day,
    CASE WHEN s.ticket_id IS NULL THEN 'none' ELSE coalesce(s.response_outcome, CASE WHEN s.response_breached THEN 'breached' ELSE 'open' END) END AS response_state,
    CASE WHEN s.ticket_id IS NULL THEN 'none' ELSE coalesce(s.resolution_outcome, CASE WHEN s.resolution_breached THEN 'breached' ELSE 'open' END) END AS resolution_state,
    CASE WHEN s.response_outcome IS NOT NULL THEN s.response_spent END::double precision AS response_minutes,
    CASE WHEN s.resolution_outcome IS NOT NULL THEN s.resolution_spent END::double precision AS resolution_minutes,
    (SELECT count(*)::int FROM ticket_events e WHERE e.ticket_id = t.id AND e.kind = 'status_changed' AND e.data->>'action' = 'reopen') AS reopened
  FROM tickets t JOIN companies c ON c.id = t.company_id LEFT JOIN ticket_slas s ON s.ticket_id = t.id;

-- Brings one ticket's key row and its cells up to date in one call (one round trip; PL/pgSQL keeps
-- the plans). The key row is locked first and the ticket read by the next statement, which in READ
-- COMMITTED sees everything committed before the lock was granted: of two transactions touching the
-- same ticket (a transition and the SLA checker) the second always counts the first's outcome.
-- When the cell a ticket is counted under changes, a -1 row goes to the old cell and a +1 row to the
-- new one (appended, never a shared counter row; the compaction job folds them).
CREATE FUNCTION report_sync_ticket(p_ticket bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  b report_ticket_keys%ROWTYPE;
  n report_ticket_keys%ROWTYPE;
  had boolean;
BEGIN
  SELECT * INTO b FROM report_ticket_keys WHERE ticket_id = p_ticket FOR UPDATE;
  had := FOUND;
  SELECT f.ticket_id, f.company_id, f.unit_id, f.unit_path, f.team_id, f.assignee_id, f.category_id, f.type, f.channel, f.status,
      f.priority, f.created_day, f.finished_day, f.response_state, f.resolution_state, f.response_minutes, f.resolution_minutes, f.reopened
    INTO n.ticket_id, n.company_id, n.unit_id, n.unit_path, n.team_id, n.assignee_id, n.category_id, n.type, n.channel, n.status,
      n.priority, n.created_day, n.finished_day, n.response_state, n.resolution_state, n.response_minutes, n.resolution_minutes, n.reopened
    FROM report_ticket_facts f WHERE f.ticket_id = p_ticket;
  IF NOT FOUND OR (had AND b IS NOT DISTINCT FROM n) THEN RETURN; END IF;

  IF NOT had OR (b.created_day, b.company_id, b.unit_id, b.unit_path, b.team_id, b.status, b.priority)
      IS DISTINCT FROM (n.created_day, n.company_id, n.unit_id, n.unit_path, n.team_id, n.status, n.priority) THEN
    IF had THEN
      INSERT INTO report_ticket_days (day, company_id, unit_id, unit_path, team_id, status, priority, tickets)
        VALUES (b.created_day, b.company_id, b.unit_id, b.unit_path, b.team_id, b.status, b.priority, -1);
      INSERT INTO report_ticket_months (month, company_id, unit_id, unit_path, team_id, status, priority, tickets)
        VALUES (date_trunc('month', b.created_day)::date, b.company_id, b.unit_id, b.unit_path, b.team_id, b.status, b.priority, -1);
    END IF;
    INSERT INTO report_ticket_days (day, company_id, unit_id, unit_path, team_id, status, priority, tickets)
      VALUES (n.created_day, n.company_id, n.unit_id, n.unit_path, n.team_id, n.status, n.priority, 1);
    INSERT INTO report_ticket_months (month, company_id, unit_id, unit_path, team_id, status, priority, tickets)
      VALUES (date_trunc('month', n.created_day)::date, n.company_id, n.unit_id, n.unit_path, n.team_id, n.status, n.priority, 1);
  END IF;

  -- SLA outcomes: only met and breached count; 'none' and 'open' add nothing.
  IF NOT had OR (b.created_day, b.company_id, b.unit_id, b.unit_path, b.team_id, b.priority, b.category_id, b.response_state, b.resolution_state)
      IS DISTINCT FROM (n.created_day, n.company_id, n.unit_id, n.unit_path, n.team_id, n.priority, n.category_id, n.response_state, n.resolution_state) THEN
    IF had AND (b.response_state IN ('met', 'breached') OR b.resolution_state IN ('met', 'breached')) THEN
      INSERT INTO report_sla_days (day, company_id, unit_id, unit_path, team_id, priority, category_id,
          response_met, response_breached, resolution_met, resolution_breached)
        VALUES (b.created_day, b.company_id, b.unit_id, b.unit_path, b.team_id, b.priority, b.category_id,
          -(b.response_state = 'met')::int, -(b.response_state = 'breached')::int,
          -(b.resolution_state = 'met')::int, -(b.resolution_state = 'breached')::int);
    END IF;
    IF n.response_state IN ('met', 'breached') OR n.resolution_state IN ('met', 'breached') THEN
      INSERT INTO report_sla_days (day, company_id, unit_id, unit_path, team_id, priority, category_id,
          response_met, response_breached, resolution_met, resolution_breached)
        VALUES (n.created_day, n.company_id, n.unit_id, n.unit_path, n.team_id, n.priority, n.category_id,
          (n.response_state = 'met')::int, (n.response_state = 'breached')::int,
          (n.resolution_state = 'met')::int, (n.resolution_state = 'breached')::int);
    END IF;
  END IF;

  IF had THEN
    UPDATE report_ticket_keys k SET company_id = n.company_id, unit_id = n.unit_id, unit_path = n.unit_path, team_id = n.team_id,
      assignee_id = n.assignee_id, category_id = n.category_id, type = n.type, channel = n.channel, status = n.status,
      priority = n.priority, created_day = n.created_day, finished_day = n.finished_day, response_state = n.response_state,
      resolution_state = n.resolution_state, response_minutes = n.response_minutes, resolution_minutes = n.resolution_minutes,
      reopened = n.reopened
    WHERE k.ticket_id = p_ticket;
  ELSE
    INSERT INTO report_ticket_keys VALUES (n.*);
  END IF;
END $$;

-- Reference data the write path reads on every ticket change, cached per process (platform/cache)
-- and dropped in every process when it changes: the SLA module's calendars, holidays, policies and
-- escalation thresholds (one topic), the urgency × impact matrix, and which integration events any
-- webhook endpoint wants.
DO $$
DECLARE
  target record;
  event text;
BEGIN
  -- An endpoint's failure streak moves with every delivery: that alone announces nothing.
  FOR target IN SELECT * FROM (VALUES ('business_calendars', '''sla_reference'''), ('holidays', '''sla_reference'''),
      ('sla_policies', '''sla_reference'''), ('escalation_rules', '''sla_reference'''), ('priority_matrix', '''priority_matrix'''),
      ('webhook_endpoints', '''webhook_endpoints'', ''id'', ''failure_streak''')) v(tbl, args) LOOP
    FOREACH event IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION cache_notify(%s)',
        'cache_notify_' || lower(event), event, target.tbl,
        CASE event WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows' ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
        target.args);
    END LOOP;
  END LOOP;
END $$;
