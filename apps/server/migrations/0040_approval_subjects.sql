-- Approvals become their own module: a step carries what deciding it needs to
-- know about its subject (who asked, and where they sit), so eligibility is
-- decided from the step alone and the approvals module reads no request table.
ALTER TABLE approvals ADD COLUMN requester_id bigint REFERENCES users(id);
ALTER TABLE approvals ADD COLUMN company_id bigint REFERENCES companies(id);
ALTER TABLE approvals ADD COLUMN unit_path text;
UPDATE approvals a SET requester_id = r.requester_id, company_id = r.company_id, unit_path = r.unit_path
  FROM service_requests r WHERE r.id = a.request_id;
ALTER TABLE approvals ALTER COLUMN requester_id SET NOT NULL;
ALTER TABLE approvals ALTER COLUMN company_id SET NOT NULL;
ALTER TABLE approvals ALTER COLUMN unit_path SET NOT NULL;
