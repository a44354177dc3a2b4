-- Intake: applicants and cases as projections of events, scans, and number blocks.

-- Projection: applicants as last registered (found again by ID, name or phone).
CREATE TABLE applicants (
    id                   TEXT PRIMARY KEY NOT NULL,
    kind                 TEXT NOT NULL,
    name                 TEXT NOT NULL,
    id_number            TEXT NOT NULL UNIQUE,
    phone                TEXT,
    address              TEXT,
    legal_representative TEXT,
    updated_hlc          INTEGER NOT NULL
);
CREATE INDEX applicants_name ON applicants(name);
CREATE INDEX applicants_phone ON applicants(phone);

-- Projection: current state of each case (a fold of its events, see core/CaseState).
CREATE TABLE cases (
    case_id             TEXT PRIMARY KEY NOT NULL,
    case_no             TEXT,
    status              TEXT NOT NULL,
    outcome             TEXT,
    subject_code        TEXT,
    subject_name        TEXT,
    bundle              INTEGER NOT NULL DEFAULT 0,
    matter_codes        TEXT,
    catalog_version     INTEGER,
    applicant_id        TEXT,
    applicant_name      TEXT,
    applicant_id_number TEXT,
    applicant_phone     TEXT,
    agent_name          TEXT,
    agent_id_number     TEXT,
    accepted_by         TEXT,
    clerk_name          TEXT,
    workstation         TEXT,
    accepted_at         TEXT,
    accepted_date       TEXT,
    promised_due        TEXT,
    legal_due           TEXT,
    deadline_certain    INTEGER NOT NULL DEFAULT 1,
    risk                TEXT,
    notices_printed     INTEGER NOT NULL DEFAULT 0,
    owes_core_material  INTEGER NOT NULL DEFAULT 0,
    last_hlc            INTEGER NOT NULL
);
CREATE UNIQUE INDEX cases_no ON cases(case_no) WHERE case_no IS NOT NULL;
CREATE INDEX cases_clerk_day ON cases(accepted_by, accepted_date);
CREATE INDEX cases_applicant ON cases(applicant_id);
CREATE INDEX cases_applicant_id_number ON cases(applicant_id_number);
CREATE INDEX cases_applicant_name ON cases(applicant_name);
CREATE INDEX cases_status_due ON cases(status, promised_due);

-- Projection: each case's checklist.
CREATE TABLE case_materials (
    case_id       TEXT NOT NULL,
    material_code TEXT NOT NULL,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    state         TEXT NOT NULL,
    original      INTEGER NOT NULL,
    copies        INTEGER NOT NULL,
    note          TEXT,
    due_date      TEXT,
    PRIMARY KEY (case_id, material_code)
);

-- Projection: scans attached to a case (the bytes are in attachment_blobs).
CREATE TABLE case_attachments (
    case_id       TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    material_code TEXT,
    file_name     TEXT NOT NULL,
    mime          TEXT NOT NULL,
    size          INTEGER NOT NULL,
    PRIMARY KEY (case_id, sha256)
);

-- Content store: attached files by SHA-256 (encrypted with the database).
CREATE TABLE attachment_blobs (
    sha256 TEXT PRIMARY KEY NOT NULL,
    mime   TEXT NOT NULL,
    size   INTEGER NOT NULL,
    data   BLOB NOT NULL
);

-- Serial number blocks leased to this workstation (never reused).
CREATE TABLE number_blocks (
    kind        TEXT NOT NULL,
    block_start INTEGER NOT NULL,
    block_end   INTEGER NOT NULL,
    next_value  INTEGER NOT NULL,
    leased_at   TEXT NOT NULL,
    PRIMARY KEY (kind, block_start),
    CHECK (block_start <= next_value AND next_value <= block_end + 1)
);
