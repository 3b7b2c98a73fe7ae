-- Lists take the names of categories, services and teams from a per-process cache (issue 19):
-- changes to those tables announce themselves on `ish_cache` like companies and units do (0113).
-- Statement-level triggers, whole topic named after the table (small tables that rarely change).
DO $$
DECLARE
  tbl text;
  event text;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['ticket_categories', 'business_services', 'teams'] LOOP
    FOREACH event IN ARRAY ARRAY['INSERT', 'UPDATE', 'DELETE'] LOOP
      EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION cache_notify(%L)',
        'cache_notify_' || lower(event), event, tbl,
        CASE event WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows'
          ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
        tbl);
    END LOOP;
  END LOOP;
END $$;
