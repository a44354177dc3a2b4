-- Authorship (docs/SECURITY.md): every event carries its author's Ed25519 signature over its hash and
-- the id of the key; events written before stay "unsigned legacy" (NULL), admitted only up to the
-- hall's legacy point (meta legacy_hlc, absent: a hall that has not switched signing on). An event a
-- replica refuses is kept with the reason in quarantine and never folded. The update trigger keeps
-- migration 0011's one exception: after a hub restore a server_seq may go back to NULL.
ALTER TABLE events ADD COLUMN signature BLOB;
ALTER TABLE events ADD COLUMN key_id TEXT;
ALTER TABLE events ADD COLUMN quarantine TEXT;
CREATE INDEX events_quarantine ON events(quarantine) WHERE quarantine IS NOT NULL;

DROP TRIGGER events_no_update;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
WHEN NEW.seq IS NOT OLD.seq OR NEW.uuid IS NOT OLD.uuid OR NEW.case_id IS NOT OLD.case_id OR NEW.kind IS NOT OLD.kind
  OR NEW.payload IS NOT OLD.payload OR NEW.user_id IS NOT OLD.user_id
  OR NEW.workstation IS NOT OLD.workstation OR NEW.hlc IS NOT OLD.hlc
  OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.hash IS NOT OLD.hash
  OR NEW.recorded_at IS NOT OLD.recorded_at
  OR NEW.signature IS NOT OLD.signature OR NEW.key_id IS NOT OLD.key_id OR NEW.quarantine IS NOT OLD.quarantine
  OR (OLD.server_seq IS NOT NULL AND NEW.server_seq IS NOT OLD.server_seq
      AND NOT (NEW.server_seq IS NULL AND EXISTS (SELECT 1 FROM sync_renumbering)))
  OR (NEW.server_seq IS NOT NULL AND EXISTS (SELECT 1 FROM events
                                             WHERE server_seq = NEW.server_seq AND seq <> OLD.seq))
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- The hall's user directory: every user's public signing keys with their validity. Filled from the
-- admitted user.key_registered events (the same rule on every replica); the private half travels
-- only wrapped under a key derived from the user's password (column wrapped), which nobody else holds.
CREATE TABLE user_keys (
    key_id      TEXT PRIMARY KEY NOT NULL,
    user_id     TEXT NOT NULL,
    public_key  BLOB NOT NULL,
    wrapped     BLOB,
    valid_from  TEXT NOT NULL,
    valid_until TEXT
);
CREATE INDEX user_keys_user ON user_keys(user_id, valid_from);
