-- Issue 16 point 9: SLA policy names and catalog categories in both languages (the reader's is shown).

-- SLA policies: the defaults of 0020 were English; anything else keeps its text in both languages until edited.
ALTER TABLE sla_policies ADD COLUMN name_id text, ADD COLUMN name_en text;
UPDATE sla_policies SET name_en = name, name_id = CASE name
  WHEN 'Critical (P1)' THEN 'Kritis (P1)'
  WHEN 'High (P2)' THEN 'Tinggi (P2)'
  WHEN 'Medium (P3)' THEN 'Sedang (P3)'
  WHEN 'Low (P4)' THEN 'Rendah (P4)'
  WHEN 'Planning (P5)' THEN 'Perencanaan (P5)'
  ELSE name END;
ALTER TABLE sla_policies ALTER COLUMN name_id SET NOT NULL, ALTER COLUMN name_en SET NOT NULL, DROP COLUMN name;

-- Catalog categories were written in Indonesian (`category` stays the Indonesian name); the English one is new:
-- the demo's categories get theirs, anything else keeps its text until a provider edits it. Empty: readers of
-- English see the Indonesian name.
ALTER TABLE catalog_item_versions ADD COLUMN category_en text NOT NULL DEFAULT '';
UPDATE catalog_item_versions SET category_en = CASE category
  WHEN 'Infrastruktur' THEN 'Infrastructure'
  WHEN 'Produk' THEN 'Product'
  WHEN 'Perangkat' THEN 'Devices'
  WHEN 'Aplikasi' THEN 'Applications'
  WHEN 'Operasional' THEN 'Operations'
  ELSE category END;
