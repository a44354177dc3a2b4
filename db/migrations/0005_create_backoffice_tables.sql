-- Back office: queue fields on cases, site visits, the seal register and certificates, all
-- projections of events (rebuildable at any time).

-- Who must act next on a case (core::Workflow::waitingRole, a role key; NULL when nobody), whether
-- its clock stands still (补正, 整改), and what completion fixed.
ALTER TABLE cases ADD COLUMN waiting_role TEXT;
ALTER TABLE cases ADD COLUMN clock_stopped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN inspection_required INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN decision TEXT;
ALTER TABLE cases ADD COLUMN decided_by TEXT;
ALTER TABLE cases ADD COLUMN completed_date TEXT;
ALTER TABLE cases ADD COLUMN on_time INTEGER;
CREATE INDEX cases_waiting ON cases(waiting_role, promised_due);

-- Projection: site visits (勘验), one row per case of a visit (a combined visit has several).
CREATE TABLE inspection_visits (
    visit_id          TEXT NOT NULL,
    case_id           TEXT NOT NULL,
    visit_date        TEXT NOT NULL,
    inspectors        TEXT NOT NULL,  -- user ids, comma separated
    inspector_names   TEXT NOT NULL,
    combined_cases    INTEGER NOT NULL,
    result            TEXT,           -- NULL while scheduled; passed, failed, rectification
    notes             TEXT,
    rectification_due TEXT,
    closed_date       TEXT,
    PRIMARY KEY (visit_id, case_id)
);
CREATE INDEX inspection_visits_case ON inspection_visits(case_id);

-- Projection: the seal register (用印登记), one row per seal.applied event.
CREATE TABLE seal_register (
    event_uuid     TEXT PRIMARY KEY NOT NULL,
    applied_at     TEXT NOT NULL,     -- ISO timestamp with milliseconds (UTC)
    case_id        TEXT NOT NULL,
    case_no        TEXT,
    document_title TEXT NOT NULL,
    document_hash  TEXT NOT NULL,     -- hex SHA-256
    user_id        TEXT NOT NULL,
    user_name      TEXT NOT NULL,
    workstation    TEXT NOT NULL
);
CREATE INDEX seal_register_time ON seal_register(applied_at);

-- Projection: certificate numbers taken, printed, reprinted, voided and issued.
CREATE TABLE certificates (
    certificate_no      TEXT PRIMARY KEY NOT NULL,
    serial              INTEGER NOT NULL,
    case_id             TEXT NOT NULL,
    numbered_at         TEXT NOT NULL,
    document_hash       TEXT,
    printed             INTEGER NOT NULL DEFAULT 0,
    reprints            INTEGER NOT NULL DEFAULT 0,
    voided              INTEGER NOT NULL DEFAULT 0,
    void_reason         TEXT,
    issued              INTEGER NOT NULL DEFAULT 0,
    issued_at           TEXT,
    collector_kind      TEXT,
    collector_name      TEXT,
    collector_id_number TEXT
);
CREATE INDEX certificates_case ON certificates(case_id);
