-- Append-only without a BEFORE INSERT trigger on events. Every connection runs with
-- recursive_triggers on (db/SqlCipherDriver.cpp), so the delete that INSERT OR REPLACE would make to a
-- clashing row (same seq, uuid or server_seq: all unique) fires events_no_delete and aborts. Plain
-- INSERTs of events then have no trigger: a one-row INSERT needs no statement journal, which under
-- SQLCipher meant encrypting a copy of every index page each statement touched (sync stores
-- thousands of events a batch). IF EXISTS: a database bulk-loaded for load tests may lack it.
DROP TRIGGER IF EXISTS events_no_replace;
