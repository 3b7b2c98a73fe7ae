-- A settled dispute may reverse part of a charge, and a later one another
-- part: a charge may have several reversals, which together never exceed it.
-- The guard runs under a lock on the original charge, so two reversals at
-- once cannot both fit; a reversal that does not fit is not written (the
-- charges service then answers CHARGE_REVERSED).
DROP INDEX charges_one_reversal_idx;
CREATE INDEX charges_reversal_of_idx ON charges (reversal_of) WHERE kind = 'reversal';

CREATE FUNCTION charges_reversal_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  original bigint;
  reversed bigint;
BEGIN
  IF NEW.kind <> 'reversal' THEN
    RETURN NEW;
  END IF;
  SELECT amount INTO original FROM charges WHERE id = NEW.reversal_of AND kind = 'charge' FOR UPDATE;
  SELECT coalesce(sum(amount), 0) INTO reversed FROM charges WHERE reversal_of = NEW.reversal_of AND kind = 'reversal';
  IF original IS NULL OR NEW.amount >= 0 OR reversed + NEW.amount < -original THEN
    RETURN NULL;
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER charges_reversal_guard BEFORE INSERT ON charges
  FOR EACH ROW EXECUTE FUNCTION charges_reversal_guard();
