-- Case search by name fragment at scale: the names found through search_grams are joined to their
-- cases by applicant and name. With only cases_applicant(applicant_id) every candidate case cost a
-- table row read (about 20 us on a 1,000,000-case hall; 2,700 candidates for a fragment like 市聚
-- were 57 ms of CPU). This index carries what the join compares and returns, so the join reads
-- index entries only (docs/PERFORMANCE.md, "Intake at scale"). It also serves every lookup by
-- applicant_id, which makes cases_applicant redundant.
CREATE INDEX cases_applicant_name_at ON cases(applicant_id, applicant_name, accepted_at, case_id);
DROP INDEX cases_applicant;
