-- Round checkpoints (docs/SECURITY.md, "Checkpoints"): the hub signs one at every sync round, also
-- when the workstation had nothing to push, and keeps one row per chain end (a later round with the
-- same end replaces the row's time and signature). hlc: the hub's clock the workstation had stored
-- before the round's push; its events numbered after the checkpoint carry a greater one (0: none).
ALTER TABLE chain_checkpoints ADD COLUMN hlc INTEGER NOT NULL DEFAULT 0;
