-- An email may carry a document rendered when it is sent, in the recipient's
-- language (an invoice's PDF): what to render is kept, not the bytes.
ALTER TABLE notification_deliveries ADD COLUMN attachment jsonb;
