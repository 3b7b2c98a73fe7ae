import type pg from 'pg';
import { DEMO_ACCOUNTS } from '../apps/server/src/seed/demo-accounts.ts';
import { DESCRIPTIONS, FIRST_NAMES, LAST_NAMES, REPLIES, SUMMARIES, TAGS, TITLES, UNIT_NAMES } from './vocabulary.ts';

type Log = (message: string) => void;

/** Tables the generator fills; their secondary indexes are rebuilt once after a large load. */
const LOADED_TABLES = ['tickets', 'ticket_comments', 'ticket_events', 'ticket_attachments', 'ticket_slas', 'files'];

/**
 * Grows the demo organisation into a realistic one: 20 more units per company,
 * 5 000 staff spread over every unit, and 7 more agent teams of 8. Runs once;
 * the bench units' code prefix `B-` says it already ran.
 */
export async function scaleOrganisation(client: pg.PoolClient, log: Log): Promise<void> {
  const done = await client.query(`SELECT count(*)::int AS n FROM units WHERE code LIKE 'B-%'`);
  if (done.rows[0].n > 0) {
    log('Organisation: already scaled (bench units present)');
    return;
  }
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO units (company_id, code, name, type)
     SELECT c.id, 'B-' || c.code || '-' || lpad(g::text, 2, '0'), ($1::text[])[1 + (g + c.id::int * 7) % cardinality($1::text[])] || ' ' || g,
            CASE c.code WHEN 'KOMINFO' THEN 'skpd' WHEN 'AKI' THEN 'operating_unit' ELSE 'department' END
     FROM companies c, generate_series(1, 20) g`,
    [UNIT_NAMES],
  );
  await client.query(`UPDATE units SET path = '/' || id || '/' WHERE code LIKE 'B-%'`);
  // Everyone shares the demo password's hash: hashing 5 000 times would only measure argon2.
  await client.query(
    `INSERT INTO users (email, name, unit_id, password_hash, phone)
     SELECT 'pegawai' || lpad(g::text, 5, '0') || '@bench.test',
            ($2::text[])[1 + g % cardinality($2::text[])] || ' ' || ($3::text[])[1 + (g / cardinality($2::text[])) % cardinality($3::text[])],
            u.id, (SELECT password_hash FROM users WHERE email = $1), '0812' || lpad((g * 7919 % 100000000)::text, 8, '0')
     FROM generate_series(1, 5000) g
     JOIN LATERAL (SELECT id FROM units ORDER BY id OFFSET (g * 31) % (SELECT count(*) FROM units) LIMIT 1) u ON true`,
    [DEMO_ACCOUNTS.requester.email, FIRST_NAMES, LAST_NAMES],
  );
  await client.query(
    `INSERT INTO role_grants (user_id, role, scope_kind, unit_id)
     SELECT id, 'requester', 'unit', unit_id FROM users WHERE email LIKE '%@bench.test'`,
  );
  const teams = [
    ['NDS', 'B-NET', 'Jaringan & Keamanan'],
    ['NDS', 'B-BIZAPP', 'Aplikasi Bisnis'],
    ['NDS', 'B-DC', 'Pusat Data'],
    ['AKI', 'B-AKI-SD', 'Service Desk AKI'],
    ['AKI', 'B-AKI-INFRA', 'Infrastruktur AKI'],
    ['KOMINFO', 'B-KOM-INFRA', 'Infrastruktur Kominfo'],
    ['KOMINFO', 'B-KOM-APP', 'Aplikasi Kominfo'],
  ];
  for (const [index, [company, code, name]] of teams.entries()) {
    const { rows } = await client.query(
      `WITH staff AS (
         INSERT INTO users (email, name, unit_id, password_hash)
         SELECT 'agen' || $3::int || '-' || g || '@bench.test', 'Petugas ' || $2 || ' ' || g,
                (SELECT id FROM units WHERE company_id = c.id ORDER BY id LIMIT 1), (SELECT password_hash FROM users WHERE email = $4)
         FROM companies c, generate_series(1, 8) g WHERE c.code = $1
         RETURNING id, unit_id)
       SELECT id, unit_id FROM staff ORDER BY id`,
      [company, name, index + 1, DEMO_ACCOUNTS.requester.email],
    );
    const ids = rows.map((r) => Number(r.id));
    const { rows: team } = await client.query(
      `INSERT INTO teams (company_id, unit_id, code, name, level, lead_user_id)
       SELECT id, $4, $2, $3, 2, $5 FROM companies WHERE code = $1 RETURNING id, company_id`,
      [company, code, name, rows[0].unit_id, ids[0]],
    );
    await client.query('INSERT INTO team_members (team_id, user_id) SELECT $1, unnest($2::bigint[])', [team[0].id, ids]);
    await client.query(
      `INSERT INTO role_grants (user_id, role, scope_kind, unit_id, company_id)
       SELECT u.id, 'requester', 'unit', u.unit_id, NULL::bigint FROM users u WHERE u.id = ANY($1)
       UNION ALL SELECT u.id, CASE WHEN u.id = $2 THEN 'team_lead' ELSE 'agent' END, 'company', NULL, $3::bigint FROM users u WHERE u.id = ANY($1)`,
      [ids, ids[0], team[0].company_id],
    );
  }
  await client.query('COMMIT');
  log('Organisation: +60 units, +5 056 staff, +7 teams');
}

/** Drops the loaded tables' secondary indexes, remembering them in `bench_dropped_indexes` until rebuilt. */
async function dropIndexes(client: pg.PoolClient): Promise<void> {
  await client.query('CREATE TABLE IF NOT EXISTS bench_dropped_indexes (name text PRIMARY KEY, definition text NOT NULL)');
  await client.query(
    `INSERT INTO bench_dropped_indexes (name, definition)
     SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
     WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ON CONFLICT DO NOTHING`,
    [LOADED_TABLES],
  );
  const { rows } = await client.query('SELECT name FROM bench_dropped_indexes');
  for (const { name } of rows) await client.query(`DROP INDEX IF EXISTS ${name}`);
}

/** Rebuilds what `dropIndexes` dropped, also after a load that crashed half-way. */
export async function restoreIndexes(client: pg.PoolClient, log: Log): Promise<void> {
  const exists = await client.query(`SELECT to_regclass('bench_dropped_indexes') IS NOT NULL AS present`);
  if (!exists.rows[0].present) return;
  const { rows } = await client.query('SELECT name, definition FROM bench_dropped_indexes');
  if (rows.length) log(`Indexes: rebuilding ${rows.length}`);
  await client.query(`SET maintenance_work_mem = '512MB'`);
  for (const { name, definition } of rows) {
    await client.query(definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
    await client.query('DELETE FROM bench_dropped_indexes WHERE name = $1', [name]);
  }
  await client.query('DROP TABLE bench_dropped_indexes');
}

/** The pick lists every batch draws from, as temporary tables of this session. */
async function prepareLookups(client: pg.PoolClient): Promise<void> {
  await client.query(`
    CREATE TEMP TABLE b_req AS SELECT (row_number() OVER (ORDER BY u.id) - 1)::int AS k, u.id AS user_id, u.unit_id, un.path AS unit_path, un.company_id
      FROM users u JOIN units un ON un.id = u.unit_id WHERE u.active;
    CREATE TEMP TABLE b_team AS SELECT (row_number() OVER (PARTITION BY company_id ORDER BY id) - 1)::int AS k, company_id, id AS team_id, lead_user_id
      FROM teams WHERE active;
    CREATE TEMP TABLE b_team_n AS SELECT company_id, count(*)::int AS n FROM b_team GROUP BY company_id;
    CREATE TEMP TABLE b_member AS SELECT (row_number() OVER (PARTITION BY team_id ORDER BY user_id) - 1)::int AS k, team_id, user_id FROM team_members;
    CREATE TEMP TABLE b_member_n AS SELECT team_id, count(*)::int AS n FROM b_member GROUP BY team_id;
    CREATE TEMP TABLE b_cat AS SELECT (row_number() OVER (ORDER BY id) - 1)::int AS k, id FROM ticket_categories c
      WHERE active AND NOT EXISTS (SELECT 1 FROM ticket_categories ch WHERE ch.parent_id = c.id);
    CREATE TEMP TABLE b_svc AS SELECT (row_number() OVER (ORDER BY id) - 1)::int AS k, id FROM business_services WHERE active;
    CREATE TEMP TABLE b_policy AS SELECT DISTINCT ON (priority) priority, id, response_minutes, resolution_minutes, calendar_id FROM sla_policies
      WHERE active AND priority IS NOT NULL AND ticket_type IS NULL AND category_id IS NULL AND service_id IS NULL ORDER BY priority, id;
    -- How a ticket in each final status got there: its status changes in order, and which time each happened at.
    CREATE TEMP TABLE b_steps (status text, step int, from_status text, to_status text, at_column text);
    INSERT INTO b_steps VALUES
      ('in_progress', 1, 'assigned', 'in_progress', 'started'),
      ('pending', 1, 'assigned', 'in_progress', 'started'), ('pending', 2, 'in_progress', 'pending', 'updated'),
      ('resolved', 1, 'assigned', 'in_progress', 'started'), ('resolved', 2, 'in_progress', 'resolved', 'resolved'),
      ('closed', 1, 'assigned', 'in_progress', 'started'), ('closed', 2, 'in_progress', 'resolved', 'resolved'),
      ('closed', 3, 'resolved', 'closed', 'closed'),
      ('cancelled', 1, 'new', 'cancelled', 'cancelled');
  `);
}

interface Batch {
  count: number;
  ticketBase: number;
  commentBase: number;
  fileBase: number;
}

/**
 * One batch of tickets with their replies, timeline, attachment metadata and SLA
 * clocks, generated inside PostgreSQL (INSERT … SELECT): no row crosses the wire.
 * Tickets are spread over the last three years, denser towards today; old
 * tickets are closed but for a few stragglers, the last days hold the live backlog.
 */
async function loadBatch(client: pg.PoolClient, batch: Batch): Promise<void> {
  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  await q('BEGIN');
  await q(
    `CREATE TEMP TABLE g ON COMMIT DROP AS
     SELECT $2::bigint + n AS id, n,
       now() - interval '1095 days' * (1 - sqrt(random())) AS created_at,
       floor(power(random(), 1.4) * (SELECT count(*) FROM b_req))::int AS req_k,
       random() AS r_type, random() AS r_urg, random() AS r_imp, random() AS r_status, random() AS r_team, random() AS r_member,
       random() AS r_chan, random() AS r_tag, random() AS r_esc, random() AS r_resp, random() AS r_res, random() AS r_close,
       floor(random() * (SELECT count(*) FROM b_cat))::int AS cat_k,
       CASE WHEN random() < 0.5 THEN floor(random() * (SELECT count(*) FROM b_svc))::int END AS svc_k,
       floor(random() * 9)::int AS replies, floor(random() * 30)::int AS title_k, floor(random() * 8)::int AS desc_k
     FROM generate_series(1, $1::int) n`,
    [batch.count, batch.ticketBase],
  );
  await q(`
    CREATE TEMP TABLE g2 ON COMMIT DROP AS
    SELECT g.*, r.user_id AS requester_id, r.unit_id, r.unit_path, r.company_id,
      CASE WHEN r_type < 0.70 THEN 'incident' WHEN r_type < 0.95 THEN 'request' ELSE 'question' END AS type,
      CASE WHEN r_urg < 0.15 THEN 'high' WHEN r_urg < 0.60 THEN 'medium' ELSE 'low' END AS urgency,
      CASE WHEN r_imp < 0.15 THEN 'high' WHEN r_imp < 0.60 THEN 'medium' ELSE 'low' END AS impact,
      -- The backlog is the last days' intake plus a few stragglers: a desk does not carry years of open tickets.
      CASE WHEN g.created_at < now() - interval '14 days' THEN
        CASE WHEN r_status < 0.955 THEN 'closed' WHEN r_status < 0.995 THEN 'cancelled' WHEN r_status < 0.9975 THEN 'in_progress' ELSE 'pending' END
      WHEN g.created_at < now() - interval '3 days' THEN
        CASE WHEN r_status < 0.80 THEN 'closed' WHEN r_status < 0.84 THEN 'cancelled' WHEN r_status < 0.87 THEN 'assigned'
          WHEN r_status < 0.95 THEN 'in_progress' ELSE 'pending' END
      ELSE CASE WHEN r_status < 0.12 THEN 'new' WHEN r_status < 0.27 THEN 'assigned' WHEN r_status < 0.52 THEN 'in_progress'
        WHEN r_status < 0.60 THEN 'pending'
        WHEN r_status < 0.75 THEN CASE WHEN g.created_at > now() - interval '2 days' THEN 'resolved' ELSE 'closed' END
        WHEN r_status < 0.97 THEN 'closed' ELSE 'cancelled' END
      END AS status,
      t.team_id, t.lead_user_id
    FROM g JOIN b_req r ON r.k = g.req_k
    LEFT JOIN b_team_n tn ON tn.company_id = r.company_id
    LEFT JOIN b_team t ON t.company_id = r.company_id AND t.k = floor(g.r_team * tn.n)::int`);
  await q(`
    CREATE TEMP TABLE g3 ON COMMIT DROP AS
    SELECT x.*,
      CASE WHEN x.status IN ('new', 'cancelled') THEN NULL ELSE least(now(), x.created_at + x.response_minutes * x.r_resp * 1.3 * interval '1 minute') END AS first_response_at,
      CASE WHEN x.status IN ('new', 'assigned', 'cancelled') THEN NULL ELSE least(now(), x.created_at + x.response_minutes * x.r_resp * 1.3 * interval '1 minute') END AS started_at,
      CASE WHEN x.status IN ('resolved', 'closed') THEN least(now(), x.created_at + x.resolution_minutes * (0.1 + x.r_res * 1.3) * interval '1 minute') END AS resolved_at
    FROM (
      SELECT g2.*, pm.priority, p.id AS policy_id, p.calendar_id, p.response_minutes, p.resolution_minutes,
        CASE WHEN g2.status IN ('new', 'cancelled') THEN NULL ELSE m.user_id END AS assignee_id
      FROM g2
      JOIN priority_matrix pm ON pm.urgency = g2.urgency AND pm.impact = g2.impact
      JOIN b_policy p ON p.priority = pm.priority
      LEFT JOIN b_member_n mn ON mn.team_id = g2.team_id
      LEFT JOIN b_member m ON m.team_id = g2.team_id AND m.k = floor(g2.r_member * mn.n)::int
    ) x`);
  await q(`
    CREATE TEMP TABLE g4 ON COMMIT DROP AS
    SELECT g3.*,
      CASE WHEN status = 'closed' THEN least(now(), resolved_at + interval '1 day' * (0.2 + r_close * 3)) END AS closed_at,
      CASE WHEN status = 'cancelled' THEN least(now(), created_at + interval '1 hour' * (1 + r_close * 20)) END AS cancelled_at
    FROM g3`);
  // Replies alternate between the requester and the agent; a quarter of the agent's are internal notes.
  await q(
    `CREATE TEMP TABLE gc ON COMMIT DROP AS
     SELECT $1::bigint + row_number() OVER () AS id, t.id AS ticket_id, k,
       CASE WHEN k % 2 = 0 AND t.assignee_id IS NOT NULL THEN t.assignee_id ELSE t.requester_id END AS author_id,
       (k % 2 = 0 AND t.assignee_id IS NOT NULL AND random() < 0.25) AS internal,
       t.created_at + (coalesce(t.closed_at, t.cancelled_at, t.resolved_at, now()) - t.created_at) * (k::float / (t.replies + 1)) AS created_at,
       ($2::text[])[1 + floor(random() * cardinality($2::text[]))::int] AS body
     FROM g4 t, generate_series(1, t.replies) k`,
    [batch.commentBase, REPLIES],
  );
  await q(
    `INSERT INTO tickets (id, number, type, title, description_html, category_id, service_id, company_id, requester_id, unit_id, unit_path,
       channel, urgency, impact, priority, team_id, assignee_id, escalation_level, tags, status, pending_reason, solution_summary, fulfilment,
       locked, created_by, created_at, first_response_at, started_at, resolved_at, closed_at, cancelled_at, updated_at, pending_reminder_at,
       time_spent_minutes, version, replies_text)
     OVERRIDING SYSTEM VALUE
     SELECT t.id,
       'INC-' || t.yr || '-' || lpad(s.seq::text, greatest(6, length(s.seq::text)), '0'),
       t.type, replace(($1::text[])[1 + t.title_k], '{n}', (1 + t.id % 9)::text), '<p>' || ($2::text[])[1 + t.desc_k] || '</p>',
       c.id, v.id, t.company_id, t.requester_id, t.unit_id, t.unit_path,
       CASE WHEN t.r_chan < 0.6 THEN 'web' WHEN t.r_chan < 0.8 THEN 'email' WHEN t.r_chan < 0.92 THEN 'phone' WHEN t.r_chan < 0.97 THEN 'walk_in' ELSE 'web_form' END,
       t.urgency, t.impact, t.priority,
       CASE WHEN t.status = 'new' AND t.r_team < 0.6 THEN NULL ELSE t.team_id END, t.assignee_id,
       CASE WHEN t.r_esc < 0.88 THEN 1 WHEN t.r_esc < 0.98 THEN 2 ELSE 3 END,
       CASE WHEN t.r_tag < 0.25 THEN ARRAY[($3::text[])[1 + floor(t.r_tag * 4 * cardinality($3::text[]))::int]] ELSE '{}'::text[] END,
       t.status, CASE WHEN t.status = 'pending' THEN CASE WHEN t.created_at < now() - interval '14 days' THEN 'vendor' ELSE 'other' END END,
       CASE WHEN t.resolved_at IS NOT NULL THEN ($4::text[])[1 + t.id % cardinality($4::text[])] END,
       CASE WHEN t.resolved_at IS NOT NULL THEN 'permanent' END,
       t.status = 'closed', t.requester_id, t.created_at, t.first_response_at, t.started_at, t.resolved_at, t.closed_at, t.cancelled_at,
       greatest(t.created_at, t.first_response_at, t.resolved_at, t.closed_at, t.cancelled_at),
       CASE WHEN t.status = 'pending' THEN now() END,
       CASE WHEN t.resolved_at IS NOT NULL THEN 15 + t.id % 240 ELSE 0 END,
       1 + (SELECT count(*) FROM b_steps st WHERE st.status = t.status)::int,
       coalesce(r.text, '')
     FROM (SELECT g4.*, to_char(g4.created_at AT TIME ZONE 'Asia/Jakarta', 'YYYY') AS yr FROM g4) t
     JOIN (
       SELECT g4.id, coalesce(ns.value, 0) + row_number() OVER (PARTITION BY to_char(g4.created_at AT TIME ZONE 'Asia/Jakarta', 'YYYY') ORDER BY g4.created_at, g4.id) AS seq
       FROM g4 LEFT JOIN number_sequences ns ON ns.key = 'ticket:INC-' || to_char(g4.created_at AT TIME ZONE 'Asia/Jakarta', 'YYYY') || '-#'
     ) s ON s.id = t.id
     LEFT JOIN b_cat c ON c.k = t.cat_k
     LEFT JOIN b_svc v ON v.k = t.svc_k
     LEFT JOIN (SELECT ticket_id, string_agg(body, ' ' ORDER BY k) AS text FROM gc WHERE NOT internal GROUP BY ticket_id) r ON r.ticket_id = t.id`,
    [TITLES, DESCRIPTIONS, TAGS, SUMMARIES],
  );
  // The ticket numbers of each year continue from where the generator (or the app) left off.
  await q(`
    INSERT INTO number_sequences (key, value)
    SELECT 'ticket:INC-' || split_part(number, '-', 2) || '-#', max(split_part(number, '-', 3)::bigint)
    FROM tickets WHERE id IN (SELECT id FROM g4) GROUP BY 1
    ON CONFLICT (key) DO UPDATE SET value = greatest(number_sequences.value, excluded.value)`);
  await q(`
    INSERT INTO ticket_comments (id, ticket_id, author_id, body_html, internal, created_at) OVERRIDING SYSTEM VALUE
    SELECT id, ticket_id, author_id, '<p>' || body || '</p>', internal, created_at FROM gc`);
  await q(`
    INSERT INTO ticket_events (ticket_id, at, actor_id, kind, public, data)
    SELECT g4.id, g4.created_at, g4.requester_id, 'created', true, jsonb_build_object('number', tk.number, 'priority', g4.priority)
    FROM g4 JOIN tickets tk ON tk.id = g4.id
    UNION ALL
    SELECT id, coalesce(first_response_at, created_at + interval '5 minutes'), coalesce(lead_user_id, assignee_id), 'assigned', true,
      jsonb_build_object('teamId', jsonb_build_array(NULL, team_id), 'assigneeId', jsonb_build_array(NULL, assignee_id), 'status', jsonb_build_array('new', 'assigned'))
    FROM g4 WHERE assignee_id IS NOT NULL
    UNION ALL
    SELECT t.id,
      CASE st.at_column WHEN 'started' THEN t.started_at WHEN 'resolved' THEN t.resolved_at WHEN 'closed' THEN t.closed_at
        WHEN 'cancelled' THEN t.cancelled_at ELSE greatest(t.started_at, t.created_at) + interval '1 hour' END,
      CASE WHEN st.to_status IN ('closed', 'cancelled') THEN t.requester_id ELSE coalesce(t.assignee_id, t.requester_id) END,
      'status_changed', true, jsonb_build_object('status', jsonb_build_array(st.from_status, st.to_status))
    FROM g4 t JOIN b_steps st ON st.status = t.status
    UNION ALL
    SELECT ticket_id, created_at, author_id, CASE WHEN internal THEN 'internal_note' ELSE 'comment' END, NOT internal, jsonb_build_object('commentId', id)
    FROM gc`);
  // A fifth of the tickets carry a screenshot or a scanned letter (metadata only: the bytes are not the point).
  await q(
    `CREATE TEMP TABLE gf ON COMMIT DROP AS
     SELECT $1::bigint + row_number() OVER () AS file_id, id AS ticket_id, requester_id, created_at, r_close < 0.6 AS image
     FROM g4 WHERE r_tag > 0.8`,
    [batch.fileBase],
  );
  await q(`
    INSERT INTO files (id, purpose, content_type, size, sha256, created_by, created_at) OVERRIDING SYSTEM VALUE
    SELECT file_id, 'ticket_attachment', CASE WHEN image THEN 'image/png' ELSE 'application/pdf' END, 20000 + (file_id * 7919) % 900000,
      md5(file_id::text) || md5(ticket_id::text), requester_id, created_at FROM gf;
    INSERT INTO ticket_attachments (ticket_id, file_id, display_name, content_type, size, uploaded_by, created_at)
    SELECT ticket_id, file_id, CASE WHEN image THEN 'tangkapan-layar-' || ticket_id || '.png' ELSE 'surat-' || ticket_id || '.pdf' END,
      CASE WHEN image THEN 'image/png' ELSE 'application/pdf' END, 20000 + (file_id * 7919) % 900000, requester_id, created_at FROM gf;
    INSERT INTO ticket_events (ticket_id, at, actor_id, kind, public, data)
    SELECT ticket_id, created_at, requester_id, 'attachment', true, jsonb_build_object('fileId', file_id) FROM gf`);
  // SLA clocks on wall-clock minutes: close enough for load, and nothing is left due for the checker (next_check_at NULL).
  await q(`
    INSERT INTO ticket_slas (ticket_id, policy_id, calendar_id, response_target, response_spent, response_since, response_due_at, response_outcome,
      resolution_target, resolution_spent, resolution_since, resolution_due_at, resolution_outcome, paused, response_breached, resolution_breached,
      warned_percent, elapsed_percent, next_check_at, updated_at)
    SELECT id, policy_id, calendar_id, response_minutes,
      CASE WHEN first_response_at IS NOT NULL THEN extract(epoch FROM first_response_at - created_at) / 60 ELSE 0 END,
      CASE WHEN first_response_at IS NULL AND status NOT IN ('pending', 'cancelled') THEN created_at END,
      created_at + response_minutes * interval '1 minute',
      CASE WHEN first_response_at IS NOT NULL THEN CASE WHEN first_response_at <= created_at + response_minutes * interval '1 minute' THEN 'met' ELSE 'breached' END END,
      resolution_minutes, extract(epoch FROM coalesce(resolved_at, cancelled_at, now()) - created_at) / 60,
      CASE WHEN status IN ('new', 'assigned', 'in_progress') THEN created_at END,
      created_at + resolution_minutes * interval '1 minute',
      CASE WHEN resolved_at IS NOT NULL THEN CASE WHEN resolved_at <= created_at + resolution_minutes * interval '1 minute' THEN 'met' ELSE 'breached' END END,
      status = 'pending',
      coalesce(first_response_at, CASE WHEN status = 'cancelled' THEN created_at ELSE now() END) > created_at + response_minutes * interval '1 minute',
      coalesce(resolved_at, CASE WHEN status = 'cancelled' THEN created_at ELSE now() END) > created_at + resolution_minutes * interval '1 minute',
      CASE WHEN resolved_at IS NULL AND status <> 'cancelled' AND now() >= created_at + resolution_minutes * 0.75 * interval '1 minute' THEN 75 ELSE 0 END,
      least(999, 100 * extract(epoch FROM coalesce(resolved_at, cancelled_at, now()) - created_at) / 60 / resolution_minutes),
      NULL, greatest(created_at, resolved_at, closed_at, cancelled_at)
    FROM g4`);
  await q('COMMIT');
}

/**
 * Adds tickets until there are `target` of them, in batches, and reports what was
 * already there. Large loads drop the secondary indexes first and rebuild them once.
 */
export async function loadTickets(client: pg.PoolClient, target: number, log: Log, batchSize = 50_000): Promise<void> {
  await restoreIndexes(client, log);
  const existing = Number((await client.query('SELECT count(*) AS n FROM tickets')).rows[0].n);
  if (existing >= target) {
    log(`Tickets: ${existing.toLocaleString('en')} already there, nothing to add`);
    return;
  }
  const missing = target - existing;
  log(`Tickets: ${existing.toLocaleString('en')} there, adding ${missing.toLocaleString('en')}`);
  const superuser = (await client.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows[0]?.rolsuper === true;
  // Foreign keys are guaranteed by construction; skipping their per-row triggers halves the load time.
  if (superuser) await client.query(`SET session_replication_role = replica`);
  await client.query(`SET work_mem = '256MB'`);
  if (missing >= 100_000) await dropIndexes(client);
  await prepareLookups(client);
  const started = Date.now();
  for (let done = 0; done < missing; ) {
    const count = Math.min(batchSize, missing - done);
    const max = async (table: string) => Number((await client.query(`SELECT coalesce(max(id), 0) AS m FROM ${table}`)).rows[0].m);
    await loadBatch(client, {
      count,
      ticketBase: await max('tickets'),
      commentBase: await max('ticket_comments'),
      fileBase: await max('files'),
    });
    done += count;
    const rate = Math.round(done / ((Date.now() - started) / 1000));
    log(`  ${(existing + done).toLocaleString('en')} tickets (${rate.toLocaleString('en')}/s)`);
  }
  if (superuser) await client.query(`SET session_replication_role = origin`);
  // Identity columns continue after the ids the generator chose.
  for (const table of ['tickets', 'ticket_comments', 'files']) {
    await client.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), (SELECT max(id) FROM ${table}))`, [table]);
  }
  await restoreIndexes(client, log);
  log('Statistics: VACUUM ANALYZE');
  for (const table of LOADED_TABLES) await client.query(`VACUUM (ANALYZE) ${table}`);
}
