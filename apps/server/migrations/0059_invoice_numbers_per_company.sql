-- Invoice numbers are counted per company and year, so two companies with the
-- same pattern give the same numbers: unique within a company, not across the
-- organisation (a second company's first invoice of the year failed to issue).
ALTER TABLE invoices DROP CONSTRAINT invoices_number_key;
ALTER TABLE invoices ADD CONSTRAINT invoices_company_number_key UNIQUE (company_id, number);
