-- A site visit of a bundle case covers some of its matters (one, or a group the catalog combines):
-- their codes, comma separated; NULL for a visit of every matter (single-matter cases, older events).
ALTER TABLE inspection_visits ADD COLUMN matters TEXT;
