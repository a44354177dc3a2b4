-- After the hub was restored from a backup, the server_seq numbers a workstation holds above what
-- the backup has belong to the lost generation: the workstation clears them (and pushes those
-- events again) in one transaction that holds a row of sync_renumbering. Only then may a stored
-- server_seq go back to NULL; every other change to an event is still refused.
CREATE TABLE sync_renumbering (
    reason TEXT NOT NULL
);

DROP TRIGGER events_no_update;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
WHEN NEW.seq IS NOT OLD.seq OR NEW.uuid IS NOT OLD.uuid OR NEW.case_id IS NOT OLD.case_id OR NEW.kind IS NOT OLD.kind
  OR NEW.payload IS NOT OLD.payload OR NEW.user_id IS NOT OLD.user_id
  OR NEW.workstation IS NOT OLD.workstation OR NEW.hlc IS NOT OLD.hlc
  OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.hash IS NOT OLD.hash
  OR NEW.recorded_at IS NOT OLD.recorded_at
  OR (OLD.server_seq IS NOT NULL AND NEW.server_seq IS NOT OLD.server_seq
      AND NOT (NEW.server_seq IS NULL AND EXISTS (SELECT 1 FROM sync_renumbering)))
  OR (NEW.server_seq IS NOT NULL AND EXISTS (SELECT 1 FROM events
                                             WHERE server_seq = NEW.server_seq AND seq <> OLD.seq))
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
