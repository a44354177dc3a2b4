-- Round checkpoints (docs/SECURITY.md, "Checkpoints"): the hub signs one at every sync round, also
-- when the workstation had nothing to push, and keeps one row per chain end (a later round with the
-- same end replaces the row's time and signature). hlc: the hub's clock the workstation had stored
-- before the round's push; its events numbered after the checkpoint carry a greater one (0: none).
-- renewed: signed again after the event it names was stored (at a round's pull): a pull sends it
-- again with the events it governs (a workstation may hold an older signature of that row).
ALTER TABLE chain_checkpoints ADD COLUMN hlc INTEGER NOT NULL DEFAULT 0;
ALTER TABLE chain_checkpoints ADD COLUMN renewed INTEGER NOT NULL DEFAULT 0;
