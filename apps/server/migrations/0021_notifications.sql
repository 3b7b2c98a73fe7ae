-- Notifications: in-app inbox, per-user preferences, editable templates and a
-- delivery log that makes each (event, recipient, channel) happen once.

CREATE TABLE notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id),
  event text NOT NULL,
  ticket_id bigint REFERENCES tickets(id),
  title text NOT NULL,
  body text NOT NULL,
  link text,
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

CREATE TABLE notification_preferences (
  user_id bigint NOT NULL REFERENCES users(id),
  event text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('in_app', 'email', 'sms')),
  enabled boolean NOT NULL,
  PRIMARY KEY (user_id, event, channel)
);

-- Administrator overrides of the built-in texts; absent rows use the defaults.
CREATE TABLE notification_templates (
  event text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('id', 'en')),
  channel text NOT NULL CHECK (channel IN ('email', 'sms')),
  subject text NOT NULL DEFAULT '',
  body text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_by bigint REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event, locale, channel)
);

CREATE TABLE notification_deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- event + subject + recipient + channel: a second attempt to notify the same thing is a no-op.
  dedupe_key text NOT NULL UNIQUE,
  user_id bigint NOT NULL REFERENCES users(id),
  channel text NOT NULL CHECK (channel IN ('in_app', 'email', 'sms')),
  event text NOT NULL,
  ticket_id bigint REFERENCES tickets(id),
  variables jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'skipped')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX notification_deliveries_ticket_idx ON notification_deliveries (ticket_id);
CREATE INDEX notification_deliveries_status_idx ON notification_deliveries (status, created_at DESC);
