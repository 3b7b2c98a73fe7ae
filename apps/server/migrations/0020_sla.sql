-- SLA: business calendars with holidays, policies matched by ticket attributes,
-- and each ticket's response and resolution clocks.

CREATE TABLE business_calendars (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  -- A calendar belongs to a company or a team; neither = organisation-wide.
  company_id bigint REFERENCES companies(id),
  team_id bigint REFERENCES teams(id),
  time_zone text NOT NULL DEFAULT 'Asia/Jakarta',
  always boolean NOT NULL DEFAULT false,
  -- Seven entries (Sunday first), each a list of [startMinute, endMinute) windows.
  hours jsonb NOT NULL DEFAULT '[[],[[480,1020]],[[480,1020]],[[480,1020]],[[480,1020]],[[480,1020]],[]]',
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- National holidays apply to every business calendar (calendar_id NULL);
-- cuti bersama and local days off may be organisation-wide or per calendar.
CREATE TABLE holidays (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  calendar_id bigint REFERENCES business_calendars(id),
  day date NOT NULL,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('national', 'cuti_bersama', 'local')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX holidays_day_idx ON holidays (coalesce(calendar_id, 0), day);

CREATE TABLE sla_policies (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  -- Match criteria; NULL matches anything. The most specific active match wins.
  ticket_type text CHECK (ticket_type IN ('incident', 'request', 'question')),
  priority text CHECK (priority IN ('P1', 'P2', 'P3', 'P4', 'P5')),
  category_id bigint REFERENCES ticket_categories(id),
  service_id bigint REFERENCES business_services(id),
  catalog_item_id bigint,
  response_minutes integer NOT NULL CHECK (response_minutes > 0),
  resolution_minutes integer NOT NULL CHECK (resolution_minutes > 0),
  calendar_id bigint NOT NULL REFERENCES business_calendars(id),
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per ticket: the policy applied and both clocks. Spent minutes are
-- business minutes of finished running segments; *_since is the start of the
-- running segment (NULL while paused or stopped).
CREATE TABLE ticket_slas (
  ticket_id bigint PRIMARY KEY REFERENCES tickets(id),
  policy_id bigint REFERENCES sla_policies(id),
  calendar_id bigint NOT NULL REFERENCES business_calendars(id),
  response_target integer NOT NULL,
  response_spent double precision NOT NULL DEFAULT 0,
  response_since timestamptz,
  response_due_at timestamptz,
  response_outcome text CHECK (response_outcome IN ('met', 'breached')),
  resolution_target integer NOT NULL,
  resolution_spent double precision NOT NULL DEFAULT 0,
  resolution_since timestamptz,
  resolution_due_at timestamptz,
  resolution_outcome text CHECK (resolution_outcome IN ('met', 'breached')),
  paused boolean NOT NULL DEFAULT false,
  response_breached boolean NOT NULL DEFAULT false,
  resolution_breached boolean NOT NULL DEFAULT false,
  -- Highest warning threshold (percent) already acted on, so each fires once.
  warned_percent integer NOT NULL DEFAULT 0,
  elapsed_percent double precision NOT NULL DEFAULT 0,
  -- When the checker must look at this ticket next (a warning threshold or a due date).
  next_check_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_slas_next_check_idx ON ticket_slas (next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX ticket_slas_resolution_due_idx ON ticket_slas (resolution_due_at) WHERE resolution_outcome IS NULL;

-- Defaults: office hours (Mon–Fri 08:00–17:00 WIB) and 24×7 for Critical.
INSERT INTO business_calendars (name, time_zone, always) VALUES
  ('Jam kerja kantor (WIB)', 'Asia/Jakarta', false),
  ('24×7', 'Asia/Jakarta', true);

-- 004 Table 6.
INSERT INTO sla_policies (name, priority, response_minutes, resolution_minutes, calendar_id)
SELECT p.name, p.priority, p.response, p.resolution, c.id
FROM (VALUES
  ('Critical (P1)', 'P1', 10, 60, true),
  ('High (P2)', 'P2', 30, 180, false),
  ('Medium (P3)', 'P3', 60, 480, false),
  ('Low (P4)', 'P4', 240, 720, false),
  ('Planning (P5)', 'P5', 480, 1440, false)
) AS p(name, priority, response, resolution, always)
JOIN business_calendars c ON c.always = p.always;

-- Indonesian national holidays 2026 and 2027 (SKB 3 Menteri; Islamic dates
-- follow the government's announcement and may shift by a day: edit them here
-- or in the admin screen when the final decree is published).
INSERT INTO holidays (day, name, kind) VALUES
  ('2026-01-01', 'Tahun Baru 2026 Masehi', 'national'),
  ('2026-01-16', 'Isra Mikraj Nabi Muhammad SAW', 'national'),
  ('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili', 'national'),
  ('2026-03-19', 'Hari Suci Nyepi Tahun Baru Saka 1948', 'national'),
  ('2026-03-20', 'Idul Fitri 1447 Hijriah', 'national'),
  ('2026-03-21', 'Idul Fitri 1447 Hijriah', 'national'),
  ('2026-04-03', 'Wafat Yesus Kristus', 'national'),
  ('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)', 'national'),
  ('2026-05-01', 'Hari Buruh Internasional', 'national'),
  ('2026-05-14', 'Kenaikan Yesus Kristus', 'national'),
  ('2026-05-27', 'Idul Adha 1447 Hijriah', 'national'),
  ('2026-05-31', 'Hari Raya Waisak 2570 BE', 'national'),
  ('2026-06-01', 'Hari Lahir Pancasila', 'national'),
  ('2026-06-16', 'Tahun Baru Islam 1448 Hijriah', 'national'),
  ('2026-08-17', 'Hari Kemerdekaan Republik Indonesia', 'national'),
  ('2026-08-25', 'Maulid Nabi Muhammad SAW', 'national'),
  ('2026-12-25', 'Hari Raya Natal', 'national'),
  ('2027-01-01', 'Tahun Baru 2027 Masehi', 'national'),
  ('2027-01-05', 'Isra Mikraj Nabi Muhammad SAW', 'national'),
  ('2027-02-06', 'Tahun Baru Imlek 2578 Kongzili', 'national'),
  ('2027-03-09', 'Hari Suci Nyepi Tahun Baru Saka 1949', 'national'),
  ('2027-03-10', 'Idul Fitri 1448 Hijriah', 'national'),
  ('2027-03-11', 'Idul Fitri 1448 Hijriah', 'national'),
  ('2027-03-26', 'Wafat Yesus Kristus', 'national'),
  ('2027-03-28', 'Kebangkitan Yesus Kristus (Paskah)', 'national'),
  ('2027-05-01', 'Hari Buruh Internasional', 'national'),
  ('2027-05-06', 'Kenaikan Yesus Kristus', 'national'),
  ('2027-05-17', 'Idul Adha 1448 Hijriah', 'national'),
  ('2027-05-20', 'Hari Raya Waisak 2571 BE', 'national'),
  ('2027-06-01', 'Hari Lahir Pancasila', 'national'),
  ('2027-06-06', 'Tahun Baru Islam 1449 Hijriah', 'national'),
  ('2027-08-15', 'Maulid Nabi Muhammad SAW', 'national'),
  ('2027-08-17', 'Hari Kemerdekaan Republik Indonesia', 'national'),
  ('2027-12-25', 'Hari Raya Natal', 'national');
