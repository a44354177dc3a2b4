-- Projections of pre-printed certificate stock and shift handovers (issue 14 item 8): one row per
-- paper.received / paper.spoiled event and per shift.handover event. Events of no case: rebuilt
-- from the events like every projection.
CREATE TABLE paper_stock (
    event_uuid   TEXT PRIMARY KEY NOT NULL,
    workstation  TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('received', 'spoiled')),
    first_sheet  INTEGER NOT NULL,
    last_sheet   INTEGER NOT NULL,
    reason       TEXT,
    user_id      TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX paper_stock_by_workstation ON paper_stock(workstation, kind);

CREATE TABLE shift_handovers (
    event_uuid    TEXT PRIMARY KEY NOT NULL,
    workstation   TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    outgoing_user TEXT NOT NULL,
    incoming_user TEXT NOT NULL,
    report_hash   TEXT NOT NULL,
    mismatches    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX shift_handovers_by_workstation ON shift_handovers(workstation, recorded_at);
