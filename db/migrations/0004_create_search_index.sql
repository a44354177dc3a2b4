-- Search at scale: name fragments without a full scan (SQLite 3.15.2 has no FTS5).

-- Projection: every 1- and 2-character substring (ASCII letters in lower case, as LIKE folds them)
-- of every name an applicant has been registered or taken in under, with that name, so that a
-- fragment is looked up by one gram and filtered with LIKE on the few rows that carry it. Rows are
-- only ever added: a case keeps the name its applicant had at intake, and stays findable by it.
CREATE TABLE search_grams (
    gram         TEXT NOT NULL,
    name         TEXT NOT NULL,
    applicant_id TEXT NOT NULL,
    PRIMARY KEY (gram, name, applicant_id)
) WITHOUT ROWID;

-- Case lists newest first: searches read common text in this order and stop at a page of
-- matches. The index carries what the search compares, so only matching rows are read.
CREATE INDEX cases_accepted_at ON cases(accepted_at, applicant_name, case_no, applicant_id_number);

-- Databases that already hold applicants get their index here, from the same names the projection
-- indexes (rebuilding the projections later gives the same search results). SQLite's lower() and
-- LIKE both fold ASCII letters only, as the projection does.
WITH RECURSIVE
  names(applicant_id, name) AS (
    SELECT id, name FROM applicants WHERE name <> ''
    UNION
    SELECT applicant_id, applicant_name FROM cases WHERE applicant_id IS NOT NULL AND applicant_name <> ''),
  positions(applicant_id, name, i) AS (
    SELECT applicant_id, name, 1 FROM names
    UNION ALL
    SELECT applicant_id, name, i + 1 FROM positions WHERE i < length(name))
INSERT OR IGNORE INTO search_grams(gram, name, applicant_id)
SELECT lower(substr(name, i, 1)), name, applicant_id FROM positions
UNION ALL
SELECT lower(substr(name, i, 2)), name, applicant_id FROM positions WHERE i < length(name);
