-- Satisfaction surveys (004 Figure 11): one per ticket, valid 14 days, answered
-- once without signing in. Team, agent and category are kept as they were when
-- the survey was sent, so reports do not move when a ticket is edited later.
CREATE TABLE surveys (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id bigint NOT NULL UNIQUE REFERENCES tickets(id),
  company_id bigint NOT NULL REFERENCES companies(id),
  unit_path text NOT NULL,
  team_id bigint REFERENCES teams(id),
  assignee_id bigint REFERENCES users(id),
  category_id bigint REFERENCES ticket_categories(id),
  -- Who is asked: a user, or a contact.
  requester_id bigint REFERENCES users(id),
  contact_id bigint REFERENCES contacts(id),
  sent_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  answered_at timestamptz,
  q1 smallint CHECK (q1 BETWEEN 1 AND 5),
  q2 smallint CHECK (q2 BETWEEN 1 AND 5),
  q3 smallint CHECK (q3 BETWEEN 1 AND 5),
  suggestion text,
  CHECK ((answered_at IS NULL) = (q1 IS NULL) AND (q1 IS NULL) = (q2 IS NULL) AND (q2 IS NULL) = (q3 IS NULL))
);
CREATE INDEX surveys_answered_idx ON surveys (company_id, answered_at) WHERE answered_at IS NOT NULL;
