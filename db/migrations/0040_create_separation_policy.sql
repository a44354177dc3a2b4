-- The hall's relaxation of the separations (core::Separation): which pairs of steps of a case one
-- person may both take, set by an administrator with reasons (event hall.separation_relaxed; the
-- latest by hybrid logical clock holds). One row, or none while the strict rule holds. A projection:
-- rebuilt from the events.
CREATE TABLE separation_policy (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    pairs    TEXT NOT NULL,
    reasons  TEXT NOT NULL,
    set_by   TEXT NOT NULL,
    set_at   TEXT NOT NULL,
    hlc      INTEGER NOT NULL
);
