-- What a resident ID card says beyond name, number and address (core::Applicant; typed or read from
-- the card's chip), folded by db::ApplicantProjection from applicant.* and intake.* events. Events
-- written before these existed lack them: the columns stay NULL.
ALTER TABLE applicants ADD COLUMN sex TEXT;
ALTER TABLE applicants ADD COLUMN ethnicity TEXT;
ALTER TABLE applicants ADD COLUMN birth_date TEXT;
ALTER TABLE applicants ADD COLUMN id_authority TEXT;
ALTER TABLE applicants ADD COLUMN id_valid_from TEXT;
ALTER TABLE applicants ADD COLUMN id_valid_to TEXT;
ALTER TABLE applicants ADD COLUMN id_from_card INTEGER NOT NULL DEFAULT 0;
