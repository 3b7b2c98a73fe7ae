-- In-process caches (issue 19): every server process keeps the signed-in actor (session or
-- API token → user, unit, grants) and rarely changing reference data for a few seconds.
-- A change to what they hold announces itself on the channel `ish_cache` from the changing
-- transaction (delivered on commit, to every process that LISTENs), so it takes effect at once
-- whichever module or tool makes it. Payload: `<topic>` (drop everything of the topic) or
-- `<topic>:<key>,<key>…` (drop only those keys).

-- cache_notify(topic [, key column [, ignored column …]]): a statement-level AFTER trigger with
-- the transition tables `old_rows` / `new_rows`. Without a key column the whole topic goes.
-- Updates that change only ignored columns (a "last used" stamp) announce nothing; comparing
-- needs an `id` column. More than 200 keys in one statement announce the whole topic.
CREATE FUNCTION cache_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  topic text := TG_ARGV[0];
  key_column text := CASE WHEN TG_NARGS > 1 THEN TG_ARGV[1] END;
  ignored text[] := CASE WHEN TG_NARGS > 2 THEN TG_ARGV[2:TG_NARGS - 1] ELSE '{}' END;
  k text := coalesce(quote_ident(key_column) || '::text', '''*''::text');
  keys text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format('SELECT array_agg(DISTINCT %s) FROM new_rows', k) INTO keys;
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format('SELECT array_agg(DISTINCT %s) FROM old_rows', k) INTO keys;
  ELSIF cardinality(ignored) > 0 THEN
    EXECUTE format(
      'SELECT array_agg(DISTINCT v.k) FROM old_rows o JOIN new_rows n ON n.id = o.id, LATERAL (VALUES (o.%1$s), (n.%1$s)) AS v(k)
        WHERE (to_jsonb(o) - $1) IS DISTINCT FROM (to_jsonb(n) - $1)', k) USING ignored INTO keys;
  ELSE
    EXECUTE format('SELECT array_agg(DISTINCT k) FROM (SELECT %1$s AS k FROM old_rows UNION SELECT %1$s FROM new_rows) x', k) INTO keys;
  END IF;
  IF keys IS NULL THEN RETURN NULL; END IF;
  PERFORM pg_notify('ish_cache', CASE WHEN key_column IS NULL OR cardinality(keys) > 200 THEN topic ELSE topic || ':' || array_to_string(keys, ',') END);
  RETURN NULL;
END $$;

-- One trigger per event: PostgreSQL allows transition tables only on single-event triggers.
CREATE FUNCTION cache_notify_on(tbl regclass, events text[], args text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE event text;
BEGIN
  FOREACH event IN ARRAY events LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER %s ON %s REFERENCING %s FOR EACH STATEMENT EXECUTE FUNCTION cache_notify(%s)',
      'cache_notify_' || lower(event), event, tbl,
      CASE event WHEN 'INSERT' THEN 'NEW TABLE AS new_rows' WHEN 'DELETE' THEN 'OLD TABLE AS old_rows' ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END,
      args);
  END LOOP;
END $$;

-- The actor: the user row, their grants, their sessions and tokens, and every unit's path.
SELECT cache_notify_on('users', '{INSERT,UPDATE,DELETE}', '''users'', ''id''');
SELECT cache_notify_on('role_grants', '{INSERT,UPDATE,DELETE}', '''users'', ''user_id''');
SELECT cache_notify_on('sessions', '{DELETE}', '''users'', ''user_id''');
SELECT cache_notify_on('api_tokens', '{UPDATE,DELETE}', '''users'', ''user_id'', ''last_used_at'', ''last_used_ip''');
SELECT cache_notify_on('units', '{INSERT,UPDATE,DELETE}', '''units''');
-- Reference data read on hot paths.
SELECT cache_notify_on('ticket_status_labels', '{INSERT,UPDATE,DELETE}', '''ticket_status_labels''');
SELECT cache_notify_on('companies', '{INSERT,UPDATE,DELETE}', '''companies''');
SELECT cache_notify_on('team_members', '{INSERT,UPDATE,DELETE}', '''team_members'', ''user_id''');
SELECT cache_notify_on('settings', '{INSERT,UPDATE,DELETE}', '''settings''');

-- A session's idle clock moves forward once a minute per session: that announces nothing. Moving it
-- back, or changing its expiry or owner, does (a row trigger, so the regular touch costs no call).
CREATE FUNCTION cache_notify_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ish_cache', 'users:' || OLD.user_id || CASE WHEN NEW.user_id <> OLD.user_id THEN ',' || NEW.user_id ELSE '' END);
  RETURN NULL;
END $$;
CREATE TRIGGER cache_notify_update AFTER UPDATE ON sessions FOR EACH ROW
  WHEN (NEW.last_seen_at < OLD.last_seen_at OR NEW.expires_at IS DISTINCT FROM OLD.expires_at OR NEW.user_id <> OLD.user_id)
  EXECUTE FUNCTION cache_notify_session();

DROP FUNCTION cache_notify_on(regclass, text[], text);
