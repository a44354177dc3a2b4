-- The workstation's identity and settings that live with its data.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT
);

-- Users who may work at this hall. Passwords only as slow salted hashes.
CREATE TABLE users (
    id            TEXT PRIMARY KEY NOT NULL,
    username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    roles         TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- The event store: append-only facts, one hash chain per workstation.
CREATE TABLE events (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    case_id      TEXT,
    kind         TEXT NOT NULL,
    payload      BLOB NOT NULL,
    user_id      TEXT NOT NULL,
    workstation  TEXT NOT NULL,
    hlc          INTEGER NOT NULL,
    prev_hash    BLOB,
    hash         BLOB NOT NULL,
    recorded_at  TEXT NOT NULL,
    server_seq   INTEGER
);
CREATE INDEX events_case ON events(case_id, hlc);
CREATE INDEX events_workstation ON events(workstation, seq);
CREATE UNIQUE INDEX events_server_seq ON events(server_seq) WHERE server_seq IS NOT NULL;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- INSERT OR REPLACE would delete a clashing row without firing the delete trigger.
CREATE TRIGGER events_no_replace BEFORE INSERT ON events
WHEN EXISTS (SELECT 1 FROM events WHERE seq = NEW.seq OR uuid = NEW.uuid)
  OR (NEW.server_seq IS NOT NULL AND EXISTS (SELECT 1 FROM events WHERE server_seq = NEW.server_seq))
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- Only a first-time server_seq may be set (when the hub acknowledges the event), and never to a
-- number another event has (UPDATE OR REPLACE would delete that event).
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
WHEN NEW.seq IS NOT OLD.seq OR NEW.uuid IS NOT OLD.uuid OR NEW.case_id IS NOT OLD.case_id OR NEW.kind IS NOT OLD.kind
  OR NEW.payload IS NOT OLD.payload OR NEW.user_id IS NOT OLD.user_id
  OR NEW.workstation IS NOT OLD.workstation OR NEW.hlc IS NOT OLD.hlc
  OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.hash IS NOT OLD.hash
  OR NEW.recorded_at IS NOT OLD.recorded_at
  OR (OLD.server_seq IS NOT NULL AND NEW.server_seq IS NOT OLD.server_seq)
  OR (NEW.server_seq IS NOT NULL AND EXISTS (SELECT 1 FROM events
                                             WHERE server_seq = NEW.server_seq AND seq <> OLD.seq))
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- Projection: one row per case, a fold of its events (rebuildable at any time).
CREATE TABLE case_summary (
    case_id      TEXT PRIMARY KEY NOT NULL,
    status       TEXT NOT NULL,
    event_count  INTEGER NOT NULL,
    first_hlc    INTEGER NOT NULL,
    last_hlc     INTEGER NOT NULL,
    last_kind    TEXT NOT NULL,
    last_user_id TEXT NOT NULL
);
