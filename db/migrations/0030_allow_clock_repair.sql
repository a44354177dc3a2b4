-- Repair of a workstation's own unsent events whose clock is far in the future or wrapped past
-- 2^63 (written before clocks were bounded, docs/SYNC.md "Clocks far ahead"): the hub refuses them,
-- and every later event of the workstation continues their chain. oneseal-admin repair-clock
-- re-stamps them (a new clock, the chain linked again, the hash computed again and each signed again
-- by its author) in one transaction that holds a row of event_restamping. Only then may the clock,
-- chain link, hash and signature of an event change, and only of an event that was never
-- acknowledged by the hub (nobody else holds it); everything else stays as migration 0012 has it.
CREATE TABLE event_restamping (
    reason TEXT NOT NULL
);

DROP TRIGGER events_no_update;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
WHEN NEW.seq IS NOT OLD.seq OR NEW.uuid IS NOT OLD.uuid OR NEW.case_id IS NOT OLD.case_id OR NEW.kind IS NOT OLD.kind
  OR NEW.payload IS NOT OLD.payload OR NEW.user_id IS NOT OLD.user_id
  OR NEW.workstation IS NOT OLD.workstation
  OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.quarantine IS NOT OLD.quarantine
  OR ((NEW.hlc IS NOT OLD.hlc OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.hash IS NOT OLD.hash
       OR NEW.signature IS NOT OLD.signature OR NEW.key_id IS NOT OLD.key_id)
      AND NOT (OLD.server_seq IS NULL AND NEW.server_seq IS NULL AND EXISTS (SELECT 1 FROM event_restamping)))
  OR (OLD.server_seq IS NOT NULL AND NEW.server_seq IS NOT OLD.server_seq
      AND NOT (NEW.server_seq IS NULL AND EXISTS (SELECT 1 FROM sync_renumbering)))
  OR (NEW.server_seq IS NOT NULL AND EXISTS (SELECT 1 FROM events
                                             WHERE server_seq = NEW.server_seq AND seq <> OLD.seq))
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
