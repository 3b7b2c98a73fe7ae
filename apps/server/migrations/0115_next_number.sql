-- Issue 19 point 4: the next value of a gapless number sequence as a function, so one statement can
-- draw a number and write it (a ticket is numbered last, just before its transaction commits: the
-- sequence row stays locked for that statement and the commit only).
CREATE FUNCTION next_number(seq_key text) RETURNS bigint LANGUAGE sql VOLATILE AS $$
  INSERT INTO number_sequences (key, value) VALUES (seq_key, 1)
  ON CONFLICT (key) DO UPDATE SET value = number_sequences.value + 1
  RETURNING number_sequences.value
$$;
