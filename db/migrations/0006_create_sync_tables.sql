-- Sync between workstations and the hall's hub (docs/SYNC.md). The same migrations run on every
-- database, so the hub's tables exist (empty) on workstations and the other way round.
-- Sent markers: an event is sent once the hub acknowledged it and gave it its server_seq (events).

-- Finding a workstation's unsent events quickly.
CREATE INDEX events_unsent ON events(hlc, workstation, seq) WHERE server_seq IS NULL;

-- Hub: its secrets (CA key and certificate, TLS key and certificate, seal-signing key), inside the
-- encrypted database only.
CREATE TABLE hub_secrets (
    name  TEXT PRIMARY KEY NOT NULL,
    value BLOB NOT NULL
);

-- Hub: enrolled workstations and the head of each one's hash chain as accepted by the hub.
CREATE TABLE sync_workstations (
    workstation_id TEXT PRIMARY KEY NOT NULL,
    label          TEXT,
    cert_serial    TEXT NOT NULL,
    cert_sha256    TEXT NOT NULL,
    cert_expires   TEXT NOT NULL,
    certificate    BLOB NOT NULL,    -- DER, to encrypt bundles for the workstation
    enrolled_at    TEXT NOT NULL,
    revoked_at     TEXT,
    revoke_reason  TEXT,
    chain_head     BLOB,
    last_seen_at   TEXT,
    events_pushed  INTEGER NOT NULL DEFAULT 0,
    bundle_cursor  INTEGER NOT NULL DEFAULT 0 -- the cursor its last bundle reported
);

-- Hub: one-time enrollment codes (kept inside the encrypted database; used once, then spent).
CREATE TABLE sync_enrollment_codes (
    code           TEXT PRIMARY KEY NOT NULL,
    workstation_id TEXT,          -- when set, only this workstation may use the code
    created_by     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    expires_at     TEXT NOT NULL,
    used_at        TEXT,
    used_by        TEXT
);

-- Hub: revoked client certificates, by serial.
CREATE TABLE sync_revocations (
    cert_serial    TEXT PRIMARY KEY NOT NULL,
    workstation_id TEXT NOT NULL,
    revoked_at     TEXT NOT NULL,
    reason         TEXT NOT NULL
);

-- Hub: serial number blocks leased to workstations; a block is leased once, never again.
CREATE TABLE sync_number_leases (
    kind           TEXT NOT NULL,
    block_start    INTEGER NOT NULL,
    block_end      INTEGER NOT NULL,
    workstation_id TEXT NOT NULL,
    request_id     TEXT NOT NULL UNIQUE, -- a repeated request gets the same block back
    leased_at      TEXT NOT NULL,
    PRIMARY KEY (kind, block_start)
);

-- Both: reference data snapshots (users and roles, holiday calendar, templates, trusted seal keys)
-- authored at the hub and copied to workstations; catalog versions travel in catalog_versions.
CREATE TABLE sync_reference (
    kind         TEXT NOT NULL,
    version      INTEGER NOT NULL,
    payload      BLOB NOT NULL,    -- CBOR
    sha256       TEXT NOT NULL,
    published_at TEXT NOT NULL,
    PRIMARY KEY (kind, version)
);

-- Workstation: its sync identity and progress (hub address, client certificate and key, pinned
-- hub key, pull cursor, last success), as name/value pairs.
CREATE TABLE sync_client_state (
    name  TEXT PRIMARY KEY NOT NULL,
    value BLOB
);

-- Both: bundle files already imported (a repeated import is reported and changes nothing).
CREATE TABLE sync_bundles (
    bundle_id   TEXT PRIMARY KEY NOT NULL,
    direction   TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    events      INTEGER NOT NULL
);

-- Projection: conflicts found in a case's events (core::Conflict), open or resolved.
CREATE TABLE case_conflicts (
    case_id       TEXT NOT NULL,
    conflict_key  TEXT NOT NULL,     -- "intake" or "decision"
    event_uuids   TEXT NOT NULL,     -- the contradicting events, sorted, comma-separated
    workstations  TEXT NOT NULL,
    resolved      INTEGER NOT NULL,
    resolution    TEXT,              -- uuid of the resolving event
    kept_event    TEXT,              -- uuid of the event the supervisor kept
    PRIMARY KEY (case_id, conflict_key)
);
CREATE INDEX case_conflicts_open ON case_conflicts(resolved, case_id);
