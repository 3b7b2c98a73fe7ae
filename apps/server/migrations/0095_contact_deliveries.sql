-- Notices to contacts (public reporters, external contacts) go through the same
-- delivery log and templates as notices to users: a delivery has a user, or an
-- address (email or E.164 phone) and the language to write in.
ALTER TABLE notification_deliveries ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE notification_deliveries ADD COLUMN address text;
ALTER TABLE notification_deliveries ADD COLUMN locale text CHECK (locale IN ('id', 'en'));
ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_recipient_check CHECK (user_id IS NOT NULL OR address IS NOT NULL);
