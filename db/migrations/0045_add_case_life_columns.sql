-- The later check of a pledge-based approval (事后核查) on the cases projection, and an index for the
-- ledger of owed materials (容缺). Both are projections of events, rebuildable at any time.
ALTER TABLE cases ADD COLUMN verification_state TEXT;  -- core::toStored(PledgeCheck); NULL when none
ALTER TABLE cases ADD COLUMN verification_due TEXT;    -- ISO day the check (or the re-check) is due
CREATE INDEX cases_verification ON cases(verification_state, verification_due);
CREATE INDEX case_materials_owed ON case_materials(state, due_date);
