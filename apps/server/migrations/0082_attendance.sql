-- Attendance (absensi) in the Core module: work schedules per unit, one record
-- per person per day, leave requests, and attendance-aware assignment per team.

CREATE TABLE work_schedules (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The unit (with its sub-units) whose people follow it unless given another.
  unit_id bigint NOT NULL REFERENCES units(id),
  name text NOT NULL,
  time_zone text NOT NULL,
  -- Holidays come from this business calendar (national holidays always apply).
  calendar_id bigint REFERENCES business_calendars(id),
  -- Seven entries, Sunday first: [startMinute, endMinute] of the working day, or null for a day off.
  days jsonb NOT NULL,
  -- Minutes after the start that still count as on time.
  grace_minutes integer NOT NULL DEFAULT 10 CHECK (grace_minutes BETWEEN 0 AND 240),
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX work_schedules_unit_idx ON work_schedules (unit_id) WHERE active;

-- A person following another schedule than their unit's.
CREATE TABLE schedule_members (
  user_id bigint PRIMARY KEY REFERENCES users(id),
  schedule_id bigint NOT NULL REFERENCES work_schedules(id),
  assigned_by bigint REFERENCES users(id),
  assigned_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE attendance_records (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id),
  -- The day in the schedule's time zone (else the company's).
  day date NOT NULL,
  -- Where the person worked that day, for scoped recaps.
  company_id bigint NOT NULL,
  unit_id bigint NOT NULL,
  unit_path text NOT NULL,
  schedule_id bigint REFERENCES work_schedules(id),
  check_in_at timestamptz,
  check_out_at timestamptz,
  check_in_note text,
  check_out_note text,
  late_minutes integer NOT NULL DEFAULT 0,
  early_minutes integer NOT NULL DEFAULT 0,
  corrected boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, day)
);
CREATE INDEX attendance_records_day_idx ON attendance_records (day, unit_path text_pattern_ops);

CREATE TABLE leave_requests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id),
  company_id bigint NOT NULL,
  unit_id bigint NOT NULL,
  unit_path text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('cuti', 'sakit', 'dinas_luar', 'izin')),
  first_day date NOT NULL,
  last_day date NOT NULL CHECK (last_day >= first_day),
  reason text NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected', 'cancelled')),
  decided_by bigint REFERENCES users(id),
  decided_at timestamptz,
  decision_note text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX leave_requests_user_idx ON leave_requests (user_id, first_day);
CREATE INDEX leave_requests_days_idx ON leave_requests (first_day, last_day) WHERE state = 'approved';
CREATE INDEX leave_requests_pending_idx ON leave_requests (unit_path text_pattern_ops) WHERE state = 'pending';

-- Automatic assignment of tickets landing in a team without a person:
-- round-robin or to the least loaded, among members present today.
CREATE TABLE team_assignment (
  team_id bigint PRIMARY KEY REFERENCES teams(id),
  mode text NOT NULL CHECK (mode IN ('off', 'round_robin', 'least_loaded')),
  last_assignee_id bigint REFERENCES users(id),
  version integer NOT NULL DEFAULT 1,
  updated_by bigint REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
