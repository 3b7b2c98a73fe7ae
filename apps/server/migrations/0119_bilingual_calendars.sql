-- Business calendar and holiday names in both languages, like SLA policies' (0106): readers get theirs.
-- The preloaded ones get an English name; anything else keeps its text in both until edited.
ALTER TABLE business_calendars RENAME COLUMN name TO name_id;
ALTER TABLE business_calendars ADD COLUMN name_en text;
UPDATE business_calendars SET name_en = CASE name_id WHEN 'Jam kerja kantor (WIB)' THEN 'Office hours (WIB)' ELSE name_id END;
ALTER TABLE business_calendars ALTER COLUMN name_en SET NOT NULL;

ALTER TABLE holidays RENAME COLUMN name TO name_id;
ALTER TABLE holidays ADD COLUMN name_en text;
UPDATE holidays SET name_en = CASE
  WHEN name_id ~ '^Tahun Baru \d+ Masehi$' THEN regexp_replace(name_id, '^Tahun Baru (\d+) Masehi$', 'New Year''s Day \1')
  WHEN name_id = 'Isra Mikraj Nabi Muhammad SAW' THEN 'Isra Mi''raj of the Prophet Muhammad'
  WHEN name_id ~ '^Tahun Baru Imlek \d+ Kongzili$' THEN regexp_replace(name_id, '^Tahun Baru Imlek (\d+) Kongzili$', 'Chinese New Year \1 Kongzili')
  WHEN name_id ~ '^Hari Suci Nyepi Tahun Baru Saka \d+$' THEN regexp_replace(name_id, '^Hari Suci Nyepi Tahun Baru Saka (\d+)$', 'Day of Silence (Nyepi), Saka New Year \1')
  WHEN name_id ~ '^Idul Fitri \d+ Hijriah$' THEN regexp_replace(name_id, '^Idul Fitri (\d+) Hijriah$', 'Eid al-Fitr \1 H')
  WHEN name_id = 'Wafat Yesus Kristus' THEN 'Good Friday'
  WHEN name_id = 'Kebangkitan Yesus Kristus (Paskah)' THEN 'Easter Sunday'
  WHEN name_id = 'Hari Buruh Internasional' THEN 'International Labour Day'
  WHEN name_id = 'Kenaikan Yesus Kristus' THEN 'Ascension of Jesus Christ'
  WHEN name_id ~ '^Idul Adha \d+ Hijriah$' THEN regexp_replace(name_id, '^Idul Adha (\d+) Hijriah$', 'Eid al-Adha \1 H')
  WHEN name_id ~ '^Hari Raya Waisak \d+ BE$' THEN regexp_replace(name_id, '^Hari Raya Waisak (\d+) BE$', 'Vesak Day \1 BE')
  WHEN name_id = 'Hari Lahir Pancasila' THEN 'Pancasila Day'
  WHEN name_id ~ '^Tahun Baru Islam \d+ Hijriah$' THEN regexp_replace(name_id, '^Tahun Baru Islam (\d+) Hijriah$', 'Islamic New Year \1 H')
  WHEN name_id = 'Hari Kemerdekaan Republik Indonesia' THEN 'Indonesian Independence Day'
  WHEN name_id = 'Maulid Nabi Muhammad SAW' THEN 'Birthday of the Prophet Muhammad'
  WHEN name_id = 'Hari Raya Natal' THEN 'Christmas Day'
  ELSE name_id END;
ALTER TABLE holidays ALTER COLUMN name_en SET NOT NULL;
