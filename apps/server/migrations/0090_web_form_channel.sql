-- The public report form is the channel `web_form` (issue contract; 004's
-- complaint methods: web form, phone, walk-in, email).
ALTER TABLE tickets DROP CONSTRAINT tickets_channel_check;
UPDATE tickets SET channel = 'web_form' WHERE channel = 'public_form';
ALTER TABLE tickets ADD CONSTRAINT tickets_channel_check CHECK (channel IN ('web', 'email', 'phone', 'walk_in', 'web_form'));
UPDATE report_ticket_keys SET channel = 'web_form' WHERE channel = 'public_form';
